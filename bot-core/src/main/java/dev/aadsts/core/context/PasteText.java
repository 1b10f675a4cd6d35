package dev.aadsts.core.context;

import java.util.stream.Stream;

/**
 * A decoded paste prepared once for everything that reads it: where every label that secret scanning and
 * context extraction look for stands. One pass over the text serves both, instead of one pass per label.
 */
public final class PasteText {
    private static final LabelSet LABELS = new LabelSet(Stream.concat(
            SecretRedactor.labels().stream(), ContextExtractor.labels().stream()).toList());

    private final String text;
    private final LabelSet.Positions positions;

    private PasteText(String text) {
        this.text = text;
        this.positions = LABELS.index(text);
    }

    public static PasteText of(String text) {
        return new PasteText(text);
    }

    public String text() {
        return text;
    }

    LabelSet.Positions positions() {
        return positions;
    }
}
