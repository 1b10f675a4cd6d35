package dev.aadsts.core.context;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Peels the layers a pasted error arrives in (Slack link markup, Teams HTML, URL and double URL
 * encoding, JSON string escapes, HTML entities) so the sentences and ids around a code can be read.
 * Only used once a code was found; detection itself reads the raw text.
 */
public final class TextDecoder {
    private static final Pattern SLACK_LINK = Pattern.compile("<((?:https?|mailto):[^|<>\\s]{1,2000})(?:\\|([^<>]{0,500}))?>");
    private static final Pattern HTML_BREAK = Pattern.compile("(?i)<(?:br\\s*/?|/p|/div|/li|/tr|/h[1-6])\\s*>");
    private static final Pattern HTML_TAG = Pattern.compile("</?[a-zA-Z][a-zA-Z0-9:-]{0,30}(?:\\s[^<>]{0,500})?/?>");
    private static final int MAX_ROUNDS = 3;

    private TextDecoder() {
    }

    public static String decode(String raw) {
        String s = raw;
        s = unwrapSlackLinks(s);
        s = stripHtml(s);
        for (int round = 0; round < MAX_ROUNDS && hasPercentEscape(s); round++) {
            boolean form = looksFormEncoded(s);
            String decoded = percentDecode(s, form);
            if (decoded.equals(s)) {
                break;
            }
            s = decoded;
        }
        s = unescapeJson(s);
        s = unescapeHtml(s);
        return s;
    }

    private static boolean hasPercentEscape(String s) {
        for (int i = s.indexOf('%'); i >= 0 && i + 2 < s.length(); i = s.indexOf('%', i + 1)) {
            if (hex(s.charAt(i + 1)) >= 0 && hex(s.charAt(i + 2)) >= 0) {
                return true;
            }
        }
        return false;
    }

    /** Query strings and form bodies write spaces as '+'; elsewhere a '+' is just a plus. */
    private static boolean looksFormEncoded(String s) {
        String lower = Ascii.lower(s);
        return lower.contains("error_description=") || lower.contains("%3a+") || lower.contains("%3a%20")
                && lower.contains("+");
    }

    /** Slack writes links as {@code <url|label>}; keep the URL (it may carry the error) and the label. */
    static String unwrapSlackLinks(String s) {
        return replaceAtAngles(s, SLACK_LINK, TextDecoder::opensLink, m -> {
            String label = m.group(2);
            return label == null || label.equals(m.group(1)) ? m.group(1) : m.group(1) + " " + label;
        });
    }

    /**
     * Formatted chat text (Teams sends messages as HTML) as the words a person typed: tags gone, line-ending
     * tags as newlines, entities decoded. Adapters call this before routing a command.
     */
    public static String htmlToText(String s) {
        return unescapeHtml(stripHtml(s));
    }

    static String stripHtml(String s) {
        return replaceAtAngles(s, HTML_TAG, TextDecoder::opensTag, m -> HTML_BREAK.matcher(m.group()).matches() ? "\n" : "");
    }

    /** Where {@link #SLACK_LINK} can match: its scheme follows the '&lt;'. */
    private static boolean opensLink(String s, int at) {
        return s.startsWith("http", at + 1) || s.startsWith("mailto:", at + 1);
    }

    /** Where {@link #HTML_TAG} can match: a letter follows the '&lt;' or its '/'. */
    private static boolean opensTag(String s, int at) {
        int name = at + 1 < s.length() && s.charAt(at + 1) == '/' ? at + 2 : at + 1;
        if (name >= s.length()) {
            return false;
        }
        char c = s.charAt(name);
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    /** Whether a pattern that starts with '&lt;' can match at a '&lt;'; a cheap test before the regex. */
    @FunctionalInterface
    private interface Opening {
        boolean at(String s, int at);
    }

    /**
     * Replaces matches of a pattern that starts with '&lt;', trying it only where a '&lt;' stands: an
     * unanchored regex would be attempted at every character of the message. Chat text has angle brackets
     * that open neither (Slack's {@code <@U123>} mentions), so {@code opening} turns those away before
     * any matcher is made.
     */
    private static String replaceAtAngles(String s, Pattern pattern, Opening opening,
                                          Function<Matcher, String> replacement) {
        int at = s.indexOf('<');
        Matcher m = null;
        StringBuilder out = null;
        int last = 0;
        while (at >= 0) {
            if (!opening.at(s, at)) {
                at = s.indexOf('<', at + 1);
                continue;
            }
            if (m == null) {
                m = pattern.matcher(s);
            }
            m.region(at, s.length());
            if (m.lookingAt()) {
                if (out == null) {
                    out = new StringBuilder(s.length());
                }
                out.append(s, last, at).append(replacement.apply(m));
                last = m.end();
                at = s.indexOf('<', last);
            } else {
                at = s.indexOf('<', at + 1);
            }
        }
        return out == null ? s : out.append(s, last, s.length()).toString();
    }

    /** Lenient: only well-formed %XX sequences are decoded; a stray % stays as it is. */
    static String percentDecode(String s, boolean plusIsSpace) {
        StringBuilder out = new StringBuilder(s.length());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < n && hex(s.charAt(i + 1)) >= 0 && hex(s.charAt(i + 2)) >= 0) {
                bytes.write(hex(s.charAt(i + 1)) * 16 + hex(s.charAt(i + 2)));
                i += 2;
                continue;
            }
            flush(bytes, out);
            out.append(c == '+' && plusIsSpace ? ' ' : c);
        }
        flush(bytes, out);
        return out.toString();
    }

    private static void flush(ByteArrayOutputStream bytes, StringBuilder out) {
        if (bytes.size() > 0) {
            out.append(bytes.toString(StandardCharsets.UTF_8));
            bytes.reset();
        }
    }

    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        char l = (char) (c | 0x20);
        return l >= 'a' && l <= 'f' ? l - 'a' + 10 : -1;
    }

    /** JSON string escapes, including the {@code \\u0027} quotes many loggers write. Unknown escapes stay. */
    static String unescapeJson(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c != '\\' || i + 1 >= n) {
                out.append(c);
                continue;
            }
            char e = s.charAt(i + 1);
            switch (e) {
                case 'n' -> out.append('\n');
                case 'r' -> {
                    out.append('\n');
                    if (s.startsWith("\\n", i + 2)) {
                        i += 2; // \r\n is one line break
                    }
                }
                case 't' -> out.append(' ');
                case '"', '\\', '/', '\'' -> out.append(e);
                case 'u' -> {
                    if (i + 5 < n && hex4(s, i + 2) >= 0) {
                        out.append((char) hex4(s, i + 2));
                        i += 4;
                    } else {
                        out.append(c).append(e);
                    }
                }
                default -> out.append(c).append(e);
            }
            i++;
        }
        return out.toString();
    }

    private static int hex4(String s, int p) {
        int v = 0;
        for (int k = 0; k < 4; k++) {
            int h = hex(s.charAt(p + k));
            if (h < 0) {
                return -1;
            }
            v = v * 16 + h;
        }
        return v;
    }

    static String unescapeHtml(String s) {
        if (s.indexOf('&') < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            // Entities are short: look no further than their longest form, not to the end of the text.
            int semi = c == '&' ? indexOf(s, ';', i + 1, i + 11) : -1;
            if (semi < 0) {
                out.append(c);
                continue;
            }
            String entity = s.substring(i + 1, semi);
            String value = entity(entity);
            if (value == null) {
                out.append(c);
                continue;
            }
            out.append(value);
            i = semi;
        }
        return out.toString();
    }

    private static int indexOf(String s, char c, int from, int to) {
        int end = Math.min(to, s.length());
        for (int i = from; i < end; i++) {
            if (s.charAt(i) == c) {
                return i;
            }
        }
        return -1;
    }

    private static String entity(String e) {
        switch (e) {
            case "amp": return "&";
            case "lt": return "<";
            case "gt": return ">";
            case "quot": return "\"";
            case "apos": return "'";
            case "nbsp": return " ";
            default:
                break;
        }
        try {
            if (e.startsWith("#x") || e.startsWith("#X")) {
                return new String(Character.toChars(Integer.parseInt(e.substring(2), 16)));
            }
            if (e.startsWith("#")) {
                return new String(Character.toChars(Integer.parseInt(e.substring(1))));
            }
        } catch (IllegalArgumentException notANumber) {
            return null;
        }
        return null;
    }
}
