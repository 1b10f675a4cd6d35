package dev.aadsts.core.alert;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One failure group read from an alert body.
 *
 * @param code        the bare digits, e.g. {@code "50126"}
 * @param occurrences how many sign-in failures it stands for (a log query row or a metric value may
 *                    summarise several); at least 1
 * @param context     redacted facts for the alert card, keyed by {@link AlertContext}'s names
 *                    ({@code alertRule}, {@code app}, {@code user}…), in the order they were read
 * @param source      the format it was read from, one of {@link AlertSources}
 */
public record ParsedAlert(String code, long occurrences, Map<String, String> context, String source) {
    private static final Pattern CODE = Pattern.compile("[0-9]{2,8}");

    /** 2 to 8 ASCII digits. */
    public static boolean isCode(String code) {
        return code != null && CODE.matcher(code).matches();
    }

    public ParsedAlert {
        if (!isCode(code)) {
            throw new IllegalArgumentException("code must be 2 to 8 digits: " + code);
        }
        if (occurrences < 1) {
            throw new IllegalArgumentException("occurrences must be at least 1");
        }
        Objects.requireNonNull(source, "source");
        // Map.copyOf would lose the reading order that cards show the facts in.
        context = Collections.unmodifiableMap(new LinkedHashMap<>(context));
    }
}
