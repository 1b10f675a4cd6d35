package dev.aadsts.core.context;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads the ticket-ready facts next to a code: the error's own sentence, trace and correlation ids,
 * timestamp, app, tenant, redirect URI, resource, scope and user. In a paste with several codes, a fact
 * in the code's own stretch of text (up to the next code) wins; otherwise the first one anywhere in the
 * paste is used, because a token response or stack trace usually states its ids once for all its codes.
 */
public final class ContextExtractor {
    private static final int MAX_VALUE = 300;
    private static final int MAX_MESSAGE = 600;
    private static final String GUID = "([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})";
    private static final String SEP = "[\"']?\\s*[:=]\\s*[\"']?";
    private static final String TIME =
            "(\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}:\\d{2}(?:[.,]\\d{1,9})?(?:Z|[+-]\\d{2}:?\\d{2})?)";

    private record Probe(ContextField field, LabelledPattern pattern) {
    }

    private static final List<Probe> PROBES = List.of(
            probe(ContextField.TRACE_ID, List.of("trace", "request id", "request_id", "request-id", "requestid"),
                    "(?i)(?:trace[ _-]?id|request[ _-]?id)" + SEP + GUID,
                    LabelledValue.guid(LabelledValue.withIdSuffix("trace", "request"))),
            probe(ContextField.CORRELATION_ID, List.of("correlation", "client-request-id"),
                    "(?i)(?:correlation[ _-]?id|client-request-id)" + SEP + GUID,
                    LabelledValue.guid(concat(LabelledValue.withIdSuffix("correlation"), "client-request-id"))),
            probe(ContextField.TIMESTAMP, List.of("timestamp", "createddatetime", "timegenerated"),
                    "(?i)(?:timestamp|createdDateTime|TimeGenerated)" + SEP + TIME,
                    LabelledValue.time(List.of("timestamp", "createddatetime", "timegenerated"))),
            probe(ContextField.CLIENT_ID, List.of("client_id", "client id", "client-id", "clientid", "appid", "app_id",
                    "app id", "app-id", "application_id", "application id", "application-id", "applicationid"),
                    "(?i)(?:client[ _-]?id|app[ _-]?id|application[ _-]?id|appid)" + SEP + GUID,
                    LabelledValue.guid(concat(LabelledValue.withIdSuffix("client", "app", "application"), "appid"))),
            probe(ContextField.CLIENT_ID, List.of("application '", "application with", "app '", "app with", "client '"),
                    "(?i)(?:application|app|client)(?: with (?:identifier|id))? '([^'\\n]{1,200})'"),
            probe(ContextField.TENANT_ID, List.of("tenant_id", "tenant id", "tenant-id", "tenantid", "tid"),
                    "(?i)(?:tenant[ _-]?id|tid)" + SEP + GUID,
                    LabelledValue.guid(concat(LabelledValue.withIdSuffix("tenant"), "tid"))),
            probe(ContextField.TENANT_ID, List.of("login."),
                    "(?i)login\\.(?:microsoftonline\\.(?:com|us)|partner\\.microsoftonline\\.cn)/"
                    + "([0-9a-fA-F-]{36}|[A-Za-z0-9-]+\\.onmicrosoft\\.com|[A-Za-z0-9.-]+\\.[a-z]{2,})/"),
            probe(ContextField.TENANT_ID, List.of("tenant '", "directory '"), "(?i)(?:tenant|directory) '([^'\\n]{1,200})'"),
            probe(ContextField.REDIRECT_URI, List.of("redirect_uri", "redirect uri", "reply_url", "reply url", "reply_address",
                    "reply address"),
                    "(?i)(?:redirect[ _]uri|reply[ _](?:url|address))" + SEP + "([a-z][a-z0-9+.-]*:[^\\s\"'&]{1,500})"),
            probe(ContextField.REDIRECT_URI, List.of("redirect uri '", "reply url '", "reply address '"),
                    "(?i)(?:redirect uri|reply (?:url|address)) '([^'\\n]{1,500})'"),
            probe(ContextField.RESOURCE, List.of("resource\"", "resource:", "resource=", "resource :", "resourcedisplayname"),
                    "(?i)resource(?:DisplayName)?" + SEP + "([^\\s\"'&,}]{3,300})"),
            probe(ContextField.RESOURCE, List.of("resource '", "resource principal", "resource named", "resource with"),
                    "(?i)resource(?: principal)? (?:named |with (?:identifier|id) )?'([^'\\n]{1,300})'"),
            probe(ContextField.SCOPE, List.of("scope\"", "scope:", "scope=", "scope :", "scopes\"", "scopes:", "scopes="), "(?i)scopes?" + SEP + "([^\"'&\\n}\\]]{2,300})"),
            probe(ContextField.USER, List.of("userprincipalname", "user\"", "user:", "user=", "user :", "upn", "login_hint"),
                    "(?i)(?:user(?:PrincipalName)?|upn|login_hint)" + SEP + "([^\\s\"'&,@]{1,100}@[^\\s\"'&,]{1,200})"),
            probe(ContextField.USER, List.of("user '", "user account '"), "(?i)user(?: account)? '([^'\\n]{1,200})'"));

    private static final LabelledPattern FAILURE_REASON = new LabelledPattern(List.of("failurereason"),
            "(?i)failureReason\"?\\s*:\\s*\"([^\"]{5,600})\"", 1);

    /** Where the error's own sentence stops: the next line, quote, query parameter or id label. */
    private static final List<String> MESSAGE_ENDS = List.of(
            "\n", "\"", " trace id:", " correlation id:", " timestamp:", "&error_uri=", "&state=",
            "&error_codes=", "&session_state=", "&correlation_id=", "&trace_id=", "&timestamp=");


    private final SecretRedactor redactor;

    public ContextExtractor(SecretRedactor redactor) {
        this.redactor = redactor;
    }

    static List<String> labels() {
        return java.util.stream.Stream.concat(PROBES.stream().flatMap(p -> p.pattern.labels().stream()),
                FAILURE_REASON.labels().stream()).toList();
    }

    private static Probe probe(ContextField field, List<String> labels, String regex) {
        return new Probe(field, new LabelledPattern(labels, regex, 1));
    }

    /** A probe whose regex {@code hand} matches by hand (the same matches, held to it by a test). */
    private static Probe probe(ContextField field, List<String> labels, String regex, LabelledPattern.Matching hand) {
        return new Probe(field, new LabelledPattern(labels, regex, 1, hand));
    }

    private static List<String> concat(List<String> labels, String more) {
        return java.util.stream.Stream.concat(labels.stream(), java.util.stream.Stream.of(more)).toList();
    }

    /** The probes' patterns, for tests that hold hand matchers to their regexes. */
    static List<LabelledPattern> patterns() {
        return PROBES.stream().map(Probe::pattern).toList();
    }

    /**
     * Where one code's text stands in a paste of several: {@code [start, end)}, and the end of the text
     * before the first code, which speaks for every code (0 when there is none).
     */
    public record Stretch(int start, int end, int preambleEnd) {
    }

    /** Starts reading one decoded paste; ask the result for each code's context. */
    public Paste read(PasteText text) {
        return new Paste(text);
    }

    /**
     * One paste being read. What the whole text says (the first trace id anywhere, say) is looked up
     * once and shared by all of its codes; only codes that have their own stretch search it first.
     */
    public final class Paste {
        private final String decoded;
        private final LabelSet.Positions positions;
        private final String[] anywhere = new String[PROBES.size()];
        private final boolean[] looked = new boolean[PROBES.size()];
        private final String[] only = new String[PROBES.size()];
        private final boolean[] lookedForOnly = new boolean[PROBES.size()];
        private String failureReason;
        private boolean lookedForFailureReason;

        private Paste(PasteText text) {
            this.decoded = text.text();
            this.positions = text.positions();
        }

        /**
         * The context of the only code of a paste, or of a code whose own stretch is unknown: the first
         * value of each kind anywhere in the paste.
         */
        public ErrorContext forOnlyCode(String code, int anchor) {
            return forCode(code, anchor, new Stretch(0, decoded.length(), 0), false);
        }

        /**
         * The context of one code among several. Facts that describe one sign-in (its message, app,
         * tenant, user, resource) are taken from the code's own stretch, or from the text before the
         * first code, which speaks for all of them; they are never borrowed from another code's stretch.
         * Facts of the whole request (trace and correlation id, timestamp) come from the own stretch
         * first, and otherwise are shared only when the paste holds one value of that kind.
         */
        public ErrorContext forCode(String code, int anchor, Stretch stretch) {
            return forCode(code, anchor, stretch, true);
        }

        private ErrorContext forCode(String code, int anchor, Stretch stretch, boolean several) {
            Map<ContextField, String> values = new EnumMap<>(ContextField.class);
            int messageEnd = several ? stretch.end() : decoded.length();
            String message = anchor >= 0 ? message(decoded, positions, code, anchor, messageEnd) : null;
            if (message == null) {
                message = several ? failureReasonIn(stretch) : failureReason();
            }
            if (message != null) {
                values.put(ContextField.MESSAGE, message);
            }
            for (int i = 0; i < PROBES.size(); i++) {
                Probe probe = PROBES.get(i);
                if (values.containsKey(probe.field)) {
                    continue;
                }
                String value;
                if (!several) {
                    value = anywhere(i);
                } else {
                    value = first(probe, stretch.start(), stretch.end());
                    if (value == null && stretch.preambleEnd() > 0) {
                        value = first(probe, 0, stretch.preambleEnd());
                    }
                    if (value == null && probe.field.wholeRequest()) {
                        value = onlyValue(i);
                    }
                }
                if (value != null && !value.isBlank()) {
                    values.put(probe.field, value);
                }
            }
            return values.isEmpty() ? ErrorContext.EMPTY : new ErrorContext(values);
        }

        private String first(Probe probe, int from, int to) {
            if (from < 0 || from >= to) {
                return null;
            }
            LabelledPattern.Hit hit = probe.pattern.first(decoded, positions, from, to);
            return hit == null ? null : clean(decoded, positions, hit, MAX_VALUE);
        }

        /** The paste's value of a kind when it has exactly one (repeats allowed), else null; looked up once. */
        private String onlyValue(int i) {
            if (!lookedForOnly[i]) {
                only[i] = findOnlyValue(i);
                lookedForOnly[i] = true;
            }
            return only[i];
        }

        private String findOnlyValue(int i) {
            String value = anywhere(i);
            if (value == null) {
                return null;
            }
            LabelledPattern.Hit hit = PROBES.get(i).pattern.first(decoded, positions, 0, decoded.length());
            // Bounded: a paste with hundreds of repeats of one trace id is not worth reading to its end.
            for (int seen = 0; hit != null && seen < 64; seen++) {
                if (!value.equals(clean(decoded, positions, hit, MAX_VALUE))) {
                    return null;
                }
                hit = PROBES.get(i).pattern.first(decoded, positions, hit.end(), decoded.length());
            }
            return hit == null ? value : null;
        }

        private String failureReasonIn(Stretch stretch) {
            LabelledPattern.Hit hit = FAILURE_REASON.first(decoded, positions, Math.max(0, stretch.start()),
                    stretch.end());
            return hit == null ? null : clean(decoded, positions, hit, MAX_MESSAGE);
        }

        private String anywhere(int i) {
            if (!looked[i]) {
                LabelledPattern.Hit hit = PROBES.get(i).pattern.first(decoded, positions, 0, decoded.length());
                anywhere[i] = hit == null ? null : clean(decoded, positions, hit, MAX_VALUE);
                looked[i] = true;
            }
            return anywhere[i];
        }

        private String failureReason() {
            if (!lookedForFailureReason) {
                LabelledPattern.Hit hit = FAILURE_REASON.first(decoded, positions, 0, decoded.length());
                failureReason = hit == null ? null : clean(decoded, positions, hit, MAX_MESSAGE);
                lookedForFailureReason = true;
            }
            return failureReason;
        }
    }

    /**
     * The sentence(s) after {@code AADSTS<code>:}, up to the first trace/correlation label or line end,
     * and never past {@code limit}, where the next code's text starts.
     */
    private String message(String decoded, LabelSet.Positions positions, String code, int codeStart, int limit) {
        int p = codeStart + code.length();
        int n = decoded.length();
        while (p < n && (decoded.charAt(p) == ':' || decoded.charAt(p) == ' ' || decoded.charAt(p) == '-')) {
            p++;
        }
        if (p >= n || p == codeStart + code.length()) {
            return null; // No "AADSTS123: message" here, just a bare code.
        }
        int windowEnd = Math.max(p, Math.min(Math.min(n, limit), p + MAX_MESSAGE * 2));
        // The line's end is the usual stop; the other markers are only looked for before it.
        int lineEnd = decoded.indexOf('\n', p);
        if (lineEnd >= 0 && lineEnd < windowEnd) {
            windowEnd = lineEnd;
        }
        String window = Ascii.lower(decoded.substring(p, windowEnd));
        int stop = window.length();
        for (String end : MESSAGE_ENDS) {
            int at = window.indexOf(end);
            if (at >= 0 && at < stop) {
                stop = at;
            }
        }
        String sentence = decoded.substring(p, p + stop).strip();
        return sentence.length() < 5 ? null : clean(sentence, positions.anyStartIn(p, p + stop), MAX_MESSAGE);
    }

    private String clean(String decoded, LabelSet.Positions positions, LabelledPattern.Hit hit, int max) {
        return clean(hit.group(decoded), positions.anyStartIn(hit.groupStart(), hit.groupEnd()), max);
    }

    /**
     * A value redacted, with white space collapsed and its length capped. Values are parts of the indexed
     * paste, so its index already says whether one holds a label; one without (a trace id, a timestamp,
     * most messages) can hold no secret, and its redaction would only index it again to find that out.
     */
    private String clean(String value, boolean mayHoldLabel, int max) {
        String v = collapseWhiteSpace(mayHoldLabel ? redactor.redact(value.strip()) : value.strip());
        if (v.endsWith(",") || v.endsWith(";")) {
            v = v.substring(0, v.length() - 1);
        }
        return v.length() <= max ? v : v.substring(0, max - 1) + "…";
    }

    /** Each run of white space as one space, as {@code \s+} would have it; most values have none to change. */
    static String collapseWhiteSpace(String s) {
        int n = s.length();
        StringBuilder out = null;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            boolean space = isRegexSpace(c);
            if (space && (c != ' ' || (i + 1 < n && isRegexSpace(s.charAt(i + 1))))) {
                if (out == null) {
                    out = new StringBuilder(n).append(s, 0, i);
                }
                out.append(' ');
                while (i + 1 < n && isRegexSpace(s.charAt(i + 1))) {
                    i++;
                }
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? s : out.toString();
    }

    // What java.util.regex's \s matches (without UNICODE_CHARACTER_CLASS), so values read as before.
    static boolean isRegexSpace(char c) {
        // Tab, line feed, vertical tab, form feed and carriage return are the contiguous 9 to 13.
        return c == ' ' || (c >= '\t' && c <= '\r');
    }
}
