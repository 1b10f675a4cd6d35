package dev.aadsts.knowledge;

import java.util.List;

/** The catalog data could not be read or broke a rule; carries every problem found, not just the first. */
public class CatalogException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CatalogException(List<String> problems) {
        super(problems.size() + " catalog problem(s):\n  " + String.join("\n  ", problems));
    }

    public CatalogException(String problem, Throwable cause) {
        super(problem, cause);
    }
}
