package dev.aadsts.core.overlay;

import java.util.List;

/** The overlay folder cannot be used; each problem reads {@code file:line: reason}. */
public final class OverlayException extends RuntimeException {
    private final List<String> problems;

    public OverlayException(List<String> problems) {
        super(problems.size() == 1 ? problems.get(0)
                : problems.size() + " problems in the knowledge overlay:\n  " + String.join("\n  ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
