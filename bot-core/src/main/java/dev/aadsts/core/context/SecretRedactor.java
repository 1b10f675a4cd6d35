package dev.aadsts.core.context;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds secrets in pasted text and blanks them out of anything the bot repeats back. The bot never
 * echoes a secret, and it tells the person which kind it saw so they can rotate it.
 */
public final class SecretRedactor {
    public static final String MASK = "[redacted]";

    private record Rule(SecretKind kind, Pattern pattern, int group) {
    }

    // Values end at white space, quotes, ampersands (query strings) and commas/brackets (JSON).
    private static final String VALUE = "([^\\s\"'&,;}\\]]{4,})";
    private static final String ASSIGN = "[\"']?\\s*[:=]\\s*[\"']?";
    private static final List<Rule> RULES = List.of(
            new Rule(SecretKind.JWT, Pattern.compile("eyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]*"), 0),
            // Entra-generated client secrets carry "8Q~" (or a similar Q~ marker) after three characters.
            new Rule(SecretKind.CLIENT_SECRET, Pattern.compile("(?<![A-Za-z0-9_~.-])[A-Za-z0-9_~.-]{3}\\dQ~[A-Za-z0-9_~.-]{31,40}"), 0),
            new Rule(SecretKind.CLIENT_SECRET, Pattern.compile("(?i)client[_ -]?secret" + ASSIGN + VALUE), 1),
            new Rule(SecretKind.PASSWORD, Pattern.compile("(?i)(?:password|passwd|pwd)" + ASSIGN + VALUE), 1),
            new Rule(SecretKind.PASSWORD, Pattern.compile("(?i)(?:-p|--password)\\s+([^\\s\"']{4,})"), 1),
            new Rule(SecretKind.AUTHORIZATION_CODE, Pattern.compile("(?<![A-Za-z_])code=([A-Za-z0-9._~-]{16,})"), 1),
            new Rule(SecretKind.AUTHORIZATION_CODE, Pattern.compile("\"code\"\\s*:\\s*\"([A-Za-z0-9._~-]{16,})\""), 1),
            new Rule(SecretKind.REFRESH_TOKEN, Pattern.compile("(?i)refresh_token" + ASSIGN + VALUE), 1),
            new Rule(SecretKind.ACCESS_TOKEN, Pattern.compile("(?i)(?:access_token|id_token)" + ASSIGN + VALUE), 1),
            new Rule(SecretKind.CLIENT_ASSERTION, Pattern.compile("(?i)client_assertion" + ASSIGN + VALUE), 1),
            new Rule(SecretKind.SAML_RESPONSE, Pattern.compile("(?i)SAMLResponse" + ASSIGN + VALUE), 1),
            new Rule(SecretKind.BEARER_TOKEN, Pattern.compile("(?i)bearer\\s+([A-Za-z0-9._~+/=-]{16,})"), 1),
            new Rule(SecretKind.SAS_SIGNATURE, Pattern.compile("(?i)[?&]sig=([A-Za-z0-9%+/=]{16,})"), 1));

    /** Which kinds of secret the text holds. */
    public Set<SecretKind> find(String text) {
        Set<SecretKind> kinds = EnumSet.noneOf(SecretKind.class);
        for (Rule rule : RULES) {
            if (!kinds.contains(rule.kind) && rule.pattern.matcher(text).find() && !isPlaceholder(text, rule)) {
                kinds.add(rule.kind);
            }
        }
        return kinds;
    }

    /** The text with every secret value replaced by {@link #MASK}; labels stay so the reader sees what was there. */
    public String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String s = text;
        for (Rule rule : RULES) {
            Matcher m = rule.pattern.matcher(s);
            if (!m.find()) {
                continue;
            }
            StringBuilder out = new StringBuilder(s.length());
            int last = 0;
            do {
                if (isPlaceholderValue(m.group(rule.group))) {
                    continue;
                }
                out.append(s, last, m.start(rule.group)).append(MASK);
                last = m.end(rule.group);
            } while (m.find());
            out.append(s, last, s.length());
            s = out.toString();
        }
        return s;
    }

    private static boolean isPlaceholder(String text, Rule rule) {
        Matcher m = rule.pattern.matcher(text);
        while (m.find()) {
            if (!isPlaceholderValue(m.group(rule.group))) {
                return false;
            }
        }
        return true;
    }

    // "password=[redacted]", "client_secret=<secret>", "password: ***" are not secrets.
    private static boolean isPlaceholderValue(String v) {
        return v.equals(MASK) || v.startsWith("<") || v.startsWith("[") || v.startsWith("{") || v.startsWith("$")
                || v.chars().allMatch(ch -> ch == '*' || ch == 'x' || ch == 'X' || ch == '.');
    }
}
