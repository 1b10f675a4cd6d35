package dev.aadsts.app.server;

import java.nio.charset.StandardCharsets;

/**
 * Request bodies as text. UTF-8 unless a byte-order mark says UTF-16, which is what Windows PowerShell's
 * {@code Out-File} and {@code >} write when someone saves an error and posts the file.
 */
final class BodyText {
    private BodyText() {
    }

    static String decode(byte[] body) {
        if (body.length >= 2) {
            int b0 = body[0] & 0xFF;
            int b1 = body[1] & 0xFF;
            if (b0 == 0xFF && b1 == 0xFE) {
                return new String(body, 2, body.length - 2, StandardCharsets.UTF_16LE);
            }
            if (b0 == 0xFE && b1 == 0xFF) {
                return new String(body, 2, body.length - 2, StandardCharsets.UTF_16BE);
            }
        }
        if (body.length >= 3 && (body[0] & 0xFF) == 0xEF && (body[1] & 0xFF) == 0xBB && (body[2] & 0xFF) == 0xBF) {
            return new String(body, 3, body.length - 3, StandardCharsets.UTF_8);
        }
        return new String(body, StandardCharsets.UTF_8);
    }
}
