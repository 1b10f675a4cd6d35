package dev.aadsts.core.context;

import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A paste that arrives as bytes (a file, standard input, a request body) as text. Windows PowerShell
 * 5.1's {@code >} writes UTF-16 little-endian with a byte-order mark, other tools write it without one,
 * and everything else is UTF-8; reading UTF-16 as UTF-8 puts a NUL between every two letters and no
 * code would ever be found. The byte-order mark decides when there is one; otherwise the NUL bytes do:
 * text that is mostly ASCII has one in every second byte in UTF-16 and practically none in UTF-8.
 * Malformed sequences become U+FFFD rather than an error. One pass over the bytes.
 */
public final class PasteBytes {
    /** How many leading bytes the sniffing looks at; error messages are ASCII from the first line. */
    private static final int SNIFF = 4096;

    private PasteBytes() {
    }

    public static String decode(byte[] bytes) {
        int n = bytes.length;
        if (n >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF) {
            return decode(bytes, 3, StandardCharsets.UTF_8);
        }
        if (n >= 2 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xFE) {
            return decode(bytes, 2, StandardCharsets.UTF_16LE);
        }
        if (n >= 2 && (bytes[0] & 0xFF) == 0xFE && (bytes[1] & 0xFF) == 0xFF) {
            return decode(bytes, 2, StandardCharsets.UTF_16BE);
        }
        return decode(bytes, 0, sniff(bytes));
    }

    /** UTF-16 when at least a third of the pairs put a NUL on one side and (almost) none on the other. */
    static Charset sniff(byte[] bytes) {
        int pairs = Math.min(bytes.length, SNIFF) / 2;
        if (pairs == 0) {
            return StandardCharsets.UTF_8;
        }
        int evenNuls = 0;
        int oddNuls = 0;
        for (int i = 0; i < pairs; i++) {
            if (bytes[2 * i] == 0) {
                evenNuls++;
            }
            if (bytes[2 * i + 1] == 0) {
                oddNuls++;
            }
        }
        if (oddNuls * 3 >= pairs && evenNuls * 20 <= pairs) {
            return StandardCharsets.UTF_16LE;
        }
        if (evenNuls * 3 >= pairs && oddNuls * 20 <= pairs) {
            return StandardCharsets.UTF_16BE;
        }
        return StandardCharsets.UTF_8;
    }

    private static String decode(byte[] bytes, int from, Charset charset) {
        try {
            return charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE)
                    .decode(ByteBuffer.wrap(bytes, from, bytes.length - from))
                    .toString();
        } catch (java.nio.charset.CharacterCodingException impossible) {
            // REPLACE never throws; the checked exception is the decoder API's, not ours.
            throw new IllegalStateException(impossible);
        }
    }
}
