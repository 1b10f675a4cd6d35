package dev.aadsts.knowledge;

import java.util.List;

/** The catalog data could not be read or broke a rule; carries every problem found, not just the first. */
public class CatalogException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient List<String> problems;

    public CatalogException(List<String> problems) {
        super(problems.size() + " catalog problem(s):\n  " + String.join("\n  ", problems));
        this.problems = List.copyOf(problems);
    }

    public CatalogException(String problem, Throwable cause) {
        super(problem, cause);
        this.problems = List.of(problem);
    }

    public List<String> problems() {
        return problems;
    }
}
