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

    private PasteText(String text, byte[] ascii) {
        this.text = text;
        this.positions = LABELS.index(text, ascii);
    }

    public static PasteText of(String text) {
        return new PasteText(text, AsciiBytes.of(text));
    }

    /** With the text's {@link AsciiBytes} already made (for detection), so the copy is not made twice. */
    public static PasteText of(String text, byte[] ascii) {
        if (ascii.length != text.length()) {
            throw new IllegalArgumentException("ascii must be AsciiBytes.of(text)");
        }
        return new PasteText(text, ascii);
    }

    public String text() {
        return text;
    }

    LabelSet.Positions positions() {
        return positions;
    }
}
