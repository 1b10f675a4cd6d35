package dev.aadsts.core.yaml;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * The line each value of a YAML or JSON document starts on, by JSON pointer ("/routes/0/slack"). Jackson
 * reports some mistakes only once a whole object has been read; this lets the message point at the line
 * where the mistake was written instead.
 */
public final class LineIndex {
    private final Map<String, Integer> lines = new HashMap<>();

    public static LineIndex of(JsonFactory factory, String text) {
        LineIndex index = new LineIndex();
        try (JsonParser p = factory.createParser(text)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (t != JsonToken.END_OBJECT && t != JsonToken.END_ARRAY && t != JsonToken.FIELD_NAME) {
                    index.lines.putIfAbsent(p.getParsingContext().pathAsPointer().toString(),
                            p.currentTokenLocation().getLineNr());
                }
            }
        } catch (IOException e) {
            // A document that does not parse is reported by the real read, with its own location.
        }
        return index;
    }

    /** The line of {@code pointer}, or of its nearest ancestor that has one; 0 if none. */
    public int lineOf(String pointer) {
        JsonPointer p = JsonPointer.compile(pointer.isEmpty() || pointer.startsWith("/") ? pointer : "/" + pointer);
        while (p != null) {
            Integer line = lines.get(p.toString());
            if (line != null) {
                return line;
            }
            p = p.head();
        }
        return 0;
    }
}
