package dev.aadsts.core.alert;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;

/**
 * Codes read from a field that is an error code by definition ({@code ResultType},
 * {@code status.errorCode}…). There the number itself is trusted, so any positive integer of 2 to 7
 * digits counts; 0 is a successful sign-in.
 */
final class ErrorCodes {
    /** What {@link #read} returns for a successful sign-in. */
    static final String SUCCESS = "0";

    private static final long MIN_CODE = 10;
    private static final long MAX_CODE = 9_999_999;
    private static final Set<String> CODE_FIELDS = Set.of(
            "resulttype", "errorcode", "statuserrorcode", "signinerrorcode", "aadstscode", "aadstserrorcode");

    private ErrorCodes() {
    }

    /** Whether a field or column of this name holds the code (any case, with or without punctuation). */
    static boolean isCodeField(String name) {
        return CODE_FIELDS.contains(JsonNodes.normalize(name));
    }

    /** The code, {@link #SUCCESS}, or null when the value is not a plausible code. */
    static String read(JsonNode value) {
        if (value == null) {
            return null;
        }
        if (value.isIntegralNumber()) {
            return value.canConvertToLong() ? of(value.longValue()) : null;
        }
        if (value.isNumber()) {
            double d = value.doubleValue();
            return d == Math.rint(d) && Math.abs(d) <= MAX_CODE ? of((long) d) : null;
        }
        return value.isTextual() ? read(value.textValue()) : null;
    }

    /** Digits, optionally after an {@code AADSTS} prefix that some pipelines keep. */
    static String read(String text) {
        String s = text.strip();
        if (s.regionMatches(true, 0, "AADSTS", 0, 6)) {
            s = s.substring(6);
        }
        if (s.isEmpty() || s.length() > 7) {
            return null;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return null;
            }
        }
        return of(Long.parseLong(s));
    }

    private static String of(long v) {
        if (v == 0) {
            return SUCCESS;
        }
        return v >= MIN_CODE && v <= MAX_CODE ? Long.toString(v) : null;
    }
}
