package dev.aadsts.core.context;

import java.nio.charset.StandardCharsets;

/**
 * A text as one byte per character, for scans that only care about ASCII: a loop over bytes compiles to
 * far fewer instructions than {@code charAt}, which checks the string's encoding at every call. Characters
 * outside ASCII become a byte that is either negative or {@code '?'}, so a scan must confirm any match on
 * the string itself; indexes are the string's own.
 */
public final class AsciiBytes {
    private AsciiBytes() {
    }

    public static byte[] of(String s) {
        // A copy for Latin-1 strings (nearly every paste); other characters become '?'.
        byte[] bytes = s.getBytes(StandardCharsets.ISO_8859_1);
        if (bytes.length == s.length()) {
            return bytes;
        }
        // A surrogate pair became one '?', which would shift every later index.
        byte[] aligned = new byte[s.length()];
        for (int i = 0; i < aligned.length; i++) {
            char c = s.charAt(i);
            aligned[i] = c < 0x80 ? (byte) c : (byte) 0x80;
        }
        return aligned;
    }
}
