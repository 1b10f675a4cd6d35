package dev.aadsts.core.context;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Finds secrets in pasted text and blanks them out of anything the bot repeats back. The bot never
 * echoes a secret, and it tells the person which kind it saw so they can rotate it.
 */
public final class SecretRedactor {
    public static final String MASK = "[redacted]";

    private record Rule(SecretKind kind, LabelledPattern pattern) {
        boolean isJwt() {
            return kind == SecretKind.JWT;
        }
    }

    // Values end at white space, quotes, ampersands (query strings) and commas/brackets (JSON).
    private static final String VALUE = "([^\\s\"'&,;}\\]]{4,})";
    private static final String ASSIGN = "[\"']?\\s*[:=]\\s*[\"']?";

    /**
     * A label, its assignment and its value, where the value is not the next assignment of a label: in
     * "password:\npassword: hunter2" the first label's "value" would be the second label, masking it and
     * leaving the real value in view. The look-ahead fails such a match at once, so the second label gets
     * its turn (and a run of "pwd=pwd=…" costs one step per label, not one scan of the run each).
     */
    private static String assigned(String label) {
        return label + ASSIGN + "(?!" + ANY_ASSIGNED_LABEL + "[\"']?\\s*[:=])" + VALUE;
    }

    /** Every label whose value the rules below read; a value never starts with one of them being assigned. */
    private static final String ANY_ASSIGNED_LABEL = "(?:client[_ -]?secret|password|passwd|pwd|refresh_token"
            + "|access_token|id_token|client_assertion|SAMLResponse)";

    private static final List<Rule> RULES = List.of(
            rule(SecretKind.JWT, List.of("eyj"), "eyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]*", 0),
            // Entra-generated client secrets carry "8Q~" (or a similar digit-Q~ marker) after three characters.
            rule(SecretKind.CLIENT_SECRET, List.of("q~"), "Q~[A-Za-z0-9_~.-]{31,40}", 0),
            rule(SecretKind.CLIENT_SECRET, List.of("client_secret", "client-secret", "client secret", "clientsecret"),
                    "(?i)" + assigned("client[_ -]?secret"), 1),
            rule(SecretKind.PASSWORD, List.of("password", "passwd", "pwd"), "(?i)" + assigned("(?:password|passwd|pwd)"), 1),
            rule(SecretKind.PASSWORD, List.of("-p ", "--password "), "(?i)(?:-p|--password)\\s+([^\\s\"']{4,})", 1),
            rule(SecretKind.AUTHORIZATION_CODE, List.of("code="), "code=([A-Za-z0-9._~-]{16,})", 1),
            rule(SecretKind.AUTHORIZATION_CODE, List.of("\"code\""), "\"code\"\\s*:\\s*\"([A-Za-z0-9._~-]{16,})\"", 1),
            rule(SecretKind.REFRESH_TOKEN, List.of("refresh_token"), "(?i)" + assigned("refresh_token"), 1),
            rule(SecretKind.ACCESS_TOKEN, List.of("access_token", "id_token"), "(?i)" + assigned("(?:access_token|id_token)"), 1),
            rule(SecretKind.CLIENT_ASSERTION, List.of("client_assertion"), "(?i)" + assigned("client_assertion"), 1),
            rule(SecretKind.SAML_RESPONSE, List.of("samlresponse"), "(?i)" + assigned("SAMLResponse"), 1),
            rule(SecretKind.BEARER_TOKEN, List.of("bearer "), "(?i)bearer\\s+([A-Za-z0-9._~+/=-]{16,})", 1),
            rule(SecretKind.SAS_SIGNATURE, List.of("sig="), "sig=([A-Za-z0-9%+/=]{16,})", 1));

    private static Rule rule(SecretKind kind, List<String> labels, String regex, int group) {
        return new Rule(kind, new LabelledPattern(labels, regex, group));
    }

    static List<String> labels() {
        return RULES.stream().flatMap(r -> r.pattern.labels().stream()).toList();
    }

    /** Which kinds of secret the text holds. */
    public Set<SecretKind> find(String text) {
        return find(PasteText.of(text));
    }

    public Set<SecretKind> find(PasteText paste) {
        String text = paste.text();
        LabelSet.Positions positions = paste.positions();
        Set<SecretKind> kinds = EnumSet.noneOf(SecretKind.class);
        for (Rule rule : RULES) {
            if (kinds.contains(rule.kind)) {
                continue;
            }
            for (Span span : spans(rule, text, positions)) {
                if (!isPlaceholderValue(text.substring(span.start, span.end))) {
                    kinds.add(rule.kind);
                    break;
                }
            }
        }
        return kinds;
    }

    /**
     * The text with every secret value replaced by {@link #MASK}; labels stay so the reader sees what was there.
     * Every rule reads the same original text and the masks are the union of what they found: masking rule
     * by rule would let one rule's mask hide the label another rule needs ("pwd: access_token=…" masks
     * "access_token" as a password, and the token after it would no longer have its label).
     */
    public String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        LabelSet.Positions positions = PasteText.of(text).positions();
        // Every rule starts at a label; most context values (ids, times, sentences) hold none.
        if (positions.none()) {
            return text;
        }
        List<Span> all = new ArrayList<>();
        for (Rule rule : RULES) {
            for (Span span : spans(rule, text, positions)) {
                if (!isPlaceholderValue(text.substring(span.start, span.end))) {
                    all.add(span);
                }
            }
        }
        if (all.isEmpty()) {
            return text;
        }
        all.sort(Comparator.comparingInt(Span::start));
        StringBuilder out = new StringBuilder(text.length());
        int last = 0;
        int maskEnd = -1;
        for (Span span : all) {
            if (span.start <= maskEnd) {
                maskEnd = Math.max(maskEnd, span.end); // overlaps the mask being written: widen it
                continue;
            }
            if (maskEnd >= 0) {
                out.append(MASK);
                last = maskEnd;
            }
            out.append(text, last, span.start);
            maskEnd = span.end;
        }
        out.append(MASK).append(text, maskEnd, text.length());
        return out.toString();
    }

    private record Span(int start, int end) {
    }

    /** Where the rule's secret values stand (the value group, not the label). */
    private static List<Span> spans(Rule rule, String text, LabelSet.Positions positions) {
        List<Span> spans = new ArrayList<>();
        if (rule.isJwt()) {
            jwts(text, positions.of("eyj"), spans);
            return spans;
        }
        boolean entraSecret = rule.kind == SecretKind.CLIENT_SECRET && rule.pattern.group() == 0;
        rule.pattern.forEach(text, positions, hit -> {
            int start = hit.groupStart();
            if (entraSecret) {
                // Entra secrets look like "abc8Q~…": three characters and a digit stand before the marker.
                int at = hit.start();
                if (at < 4 || !Character.isDigit(text.charAt(at - 1)) || !secretCharacters(text, at - 4, at - 1)) {
                    return hit.end();
                }
                start = at - 4;
            }
            spans.add(new Span(start, hit.groupEnd()));
            return Math.max(hit.groupEnd(), hit.start() + 1);
        });
        return spans;
    }

    private static final int JWT_MIN_PART = 3 + 8; // "eyJ" and at least eight more characters

    /**
     * Three base64url parts joined by dots, the first two starting {@code eyJ}. Read by hand: a pattern
     * tried at every "eyJ" re-reads the run of token characters that follows it, and a text of "eyJeyJ…"
     * is nothing but such positions. Here a failed start skips its whole run, since every "eyJ" inside
     * the run ends where it ends and fails the same way.
     */
    private static void jwts(String text, int[] at, List<Span> out) {
        int next = 0;
        for (int p : at) {
            if (p < next || !text.startsWith("eyJ", p)) {
                continue;
            }
            int first = tokenRunEnd(text, p);
            next = first;
            if (first - p < JWT_MIN_PART || !text.startsWith(".eyJ", first)) {
                continue;
            }
            int second = tokenRunEnd(text, first + 1);
            next = second;
            if (second - (first + 1) < JWT_MIN_PART || second >= text.length() || text.charAt(second) != '.') {
                continue;
            }
            int end = tokenRunEnd(text, second + 1);
            out.add(new Span(p, end));
            next = end;
        }
    }

    private static int tokenRunEnd(String text, int p) {
        int n = text.length();
        while (p < n) {
            char c = text.charAt(p);
            if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-')) {
                break;
            }
            p++;
        }
        return p;
    }

    private static boolean secretCharacters(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '_' || c == '~' || c == '.' || c == '-')) {
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
