package dev.aadsts.core.alert;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The facts an alert card shows, gathered while a body is read. Every value is redacted, made one line
 * and capped on the way in, so nothing unsafe can be added by a reader that forgets to. The first value
 * for a key wins (readers add the most specific source first) and at most {@link #MAX_KEYS} keys are kept.
 */
final class AlertContext {
    static final String ALERT_RULE = "alertRule";
    static final String SEVERITY = "severity";
    static final String FIRED_AT = "firedAt";
    static final String APP = "app";
    static final String APP_ID = "appId";
    static final String USER = "user";
    static final String TENANT = "tenant";
    static final String IP = "ip";
    static final String LOCATION = "location";
    static final String RESOURCE = "resource";
    static final String CORRELATION_ID = "correlationId";
    static final String REQUEST_ID = "requestId";
    static final String LINK = "link";

    static final int MAX_KEYS = 12;
    static final int MAX_VALUE = 200;
    /** A cut link is a broken link, so links get their own limit and are dropped rather than cut. */
    static final int MAX_LINK = 2048;

    private final LinkedHashMap<String, String> values;

    AlertContext() {
        this.values = new LinkedHashMap<>();
    }

    private AlertContext(LinkedHashMap<String, String> values) {
        this.values = new LinkedHashMap<>(values);
    }

    AlertContext copy() {
        return new AlertContext(values);
    }

    AlertContext put(String key, String raw) {
        if (raw == null || values.size() >= MAX_KEYS || values.containsKey(key)) {
            return this;
        }
        String value = oneLine(ValueRedactor.redact(raw, false));
        if (value.isEmpty()) {
            return this;
        }
        if (value.length() > MAX_VALUE) {
            int cut = MAX_VALUE - 1;
            if (Character.isHighSurrogate(value.charAt(cut - 1))) {
                cut--;
            }
            value = value.substring(0, cut) + "…";
        }
        values.put(key, value);
        return this;
    }

    /** Only https links, which is what portals hand out; anything else is not worth a button. */
    AlertContext putLink(String raw) {
        if (raw == null || values.size() >= MAX_KEYS || values.containsKey(LINK)) {
            return this;
        }
        String url = raw.strip();
        if (url.length() > MAX_LINK || !url.regionMatches(true, 0, "https://", 0, 8) || hasSpaceOrControl(url)) {
            return this;
        }
        values.put(LINK, ValueRedactor.redact(url, true));
        return this;
    }

    Map<String, String> values() {
        return Collections.unmodifiableMap(values);
    }

    private static boolean hasSpaceOrControl(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= ' ' || Character.isISOControl(c)) {
                return true;
            }
        }
        return false;
    }

    /** White space runs (new lines included) become one space; other control characters go. */
    private static String oneLine(String s) {
        StringBuilder out = new StringBuilder(Math.min(s.length(), MAX_VALUE * 2));
        boolean space = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c) || c == '\u00a0') {
                space = out.length() > 0;
            } else if (!Character.isISOControl(c)) {
                if (space) {
                    out.append(' ');
                    space = false;
                }
                out.append(c);
                if (out.length() > MAX_VALUE * 2) {
                    break; // the rest would be cut anyway
                }
            }
        }
        return out.toString();
    }
}
