package dev.aadsts.benchmarks;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/**
 * Inputs built to hit one step of the analysis where a careless loop would turn quadratic: the
 * hostile-input probe's findings, escape and bracket storms, many codes, one long line, random bytes,
 * and the shapes of localized sign-in pages and console wraps. Each family grows with the size asked
 * for, so timing it at two sizes shows how it scales. Most start with a real error so that the whole
 * path runs (decoding, context, redaction, cards), not only detection.
 */
final class HostileInputs {
    static final List<String> FAMILIES = List.of(
            "jwt-storm", "client-secret-markers", "ampersands", "slack-link-opens", "tag-opens-after-prefix",
            "full-width-digits", "guids-after-prefix", "distinct-codes", "percent-storm", "unicode-escape-storm",
            "deep-brackets", "one-long-line", "random-binary", "error-page-labels", "localized-error-pages",
            "colon-digits", "console-wraps", "table-headers", "context-labels", "utf16-paste");

    private static final String ERROR = "AADSTS50011: The redirect URI 'https://app.contoso.com/signin-oidc' "
            + "does not match the redirect URIs configured for the application. ";

    private HostileInputs() {
    }

    /** The family's text of about {@code size} characters. */
    static String text(String family, int size) {
        return switch (family) {
            case "jwt-storm" -> ERROR + repeat("eyJ", size);
            case "client-secret-markers" -> ERROR + repeat("1Q~", size);
            case "ampersands" -> ERROR + repeat("&", size);
            case "slack-link-opens" -> ERROR + repeat("<https://a.example/", size);
            case "tag-opens-after-prefix" -> ERROR + repeat("AADSTS<a ", size);
            case "full-width-digits" -> "ResultType,User\n" + repeat("５００１１,a@contoso.com\n", size);
            case "guids-after-prefix" -> ERROR + repeat("AADSTS: 89244031-d6b8-04e1-3186-bd82b40bb61c ", size);
            case "distinct-codes" -> distinctCodes(size);
            case "percent-storm" -> ERROR + repeat("%25", size / 2) + repeat("%", size / 2);
            case "unicode-escape-storm" -> ERROR + repeat("\\u00", size / 2) + repeat("\\u", size / 2);
            case "deep-brackets" -> deepBrackets(size);
            case "one-long-line" -> ERROR + ChatText.generate(size, 0, 3).replace('\n', ' ');
            case "random-binary" -> ERROR + randomBinary(size);
            case "error-page-labels" -> repeat("Error Code: 50058 Request Id: x ", size);
            case "localized-error-pages" -> repeat("Fehlercode: 50058\nAnforderungs-ID: 3d5b6a1e-8c2f-4b7a-9e10-"
                    + "2f4c6d8e0a1b\nKorrelations-ID: 7e9f1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b\nZeitstempel: "
                    + "2026-11-20T10:11:12.345Z\n\n", size);
            case "colon-digits" -> ERROR + repeat("Bestellnummer: 12345678 ", size);
            case "console-wraps" -> repeat("Connect-AzAccount : ClientSecretCredential authentication failed: AADSTS7000"
                    + "\r\n215: Invalid client secret provided.\r\n", size);
            case "table-headers" -> ERROR + repeat("ResultType  ResultDescription\n", size / 2)
                    + repeat("Date,Sign-in error code,Reason\n", size / 2);
            case "context-labels" -> ERROR + repeat("Trace ID: x Correlation ID: y client_secret= password ", size);
            case "utf16-paste" -> ERROR + ChatText.generate(size, 4096, 5);
            default -> throw new IllegalArgumentException("no family " + family);
        };
    }

    /** Whether the family arrives as bytes (read with PasteBytes) rather than as text. */
    static boolean asBytes(String family) {
        return family.equals("utf16-paste");
    }

    static byte[] utf16(String text) {
        return text.getBytes(StandardCharsets.UTF_16LE);
    }

    private static String repeat(String unit, int size) {
        return unit.repeat(Math.max(1, size / unit.length()));
    }

    private static String distinctCodes(int size) {
        StringBuilder b = new StringBuilder(size + 32);
        for (int i = 0; b.length() < size; i++) {
            b.append("AADSTS").append(10_000_000 + i).append(' ');
        }
        return b.toString();
    }

    private static String deepBrackets(int size) {
        int depth = size / 10;
        String inner = "\"AADSTS50126: Error validating credentials\"";
        return "[".repeat(depth) + inner + "]".repeat(depth) + ChatText.generate(size - 2 * depth, 0, 4);
    }

    private static String randomBinary(int size) {
        byte[] bytes = new byte[size];
        new Random(42).nextBytes(bytes);
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }
}
