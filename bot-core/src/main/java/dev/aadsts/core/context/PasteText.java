package dev.aadsts.core.context;

import java.util.stream.Stream;

/**
 * A decoded paste prepared once for everything that reads it: a lower-cased copy with the same indexes,
 * and where every label that secret scanning and context extraction look for stands. One pass over the
 * text serves both, instead of one pass per label.
 */
public final class PasteText {
    private static final LabelSet LABELS = new LabelSet(Stream.concat(
            SecretRedactor.labels().stream(), ContextExtractor.labels().stream()).toList());

    private final String text;
    private final String lower;
    private final LabelSet.Positions positions;

    private PasteText(String text) {
        this.text = text;
        this.lower = Ascii.lower(text);
        this.positions = LABELS.index(lower);
    }

    public static PasteText of(String text) {
        return new PasteText(text);
    }

    public String text() {
        return text;
    }

    String lower() {
        return lower;
    }

    LabelSet.Positions positions() {
        return positions;
    }

}
