package dev.aadsts.core.context;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the ticket-ready facts next to a code: the error's own sentence, trace and correlation ids,
 * timestamp, app, tenant, redirect URI, resource and scope. A fact found in the code's own stretch of
 * text (up to the next code) wins; otherwise the first one anywhere in the paste is used, because a
 * token response or stack trace usually states its ids once for all of its codes.
 */
public final class ContextExtractor {
    private static final int MAX_VALUE = 300;
    private static final int MAX_MESSAGE = 600;
    private static final String GUID = "([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})";
    private static final String SEP = "[\"']?\\s*[:=]\\s*[\"']?";
    private static final String TIME =
            "(\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}:\\d{2}(?:[.,]\\d{1,9})?(?:Z|[+-]\\d{2}:?\\d{2})?)";

    private record Probe(ContextField field, Pattern pattern) {
    }

    private static final List<Probe> PROBES = List.of(
            probe(ContextField.TRACE_ID, "(?i)(?:trace[ _-]?id|request[ _-]?id)" + SEP + GUID),
            probe(ContextField.CORRELATION_ID, "(?i)(?:correlation[ _-]?id|client-request-id)" + SEP + GUID),
            probe(ContextField.TIMESTAMP, "(?i)(?:timestamp|createdDateTime|TimeGenerated)" + SEP + TIME),
            probe(ContextField.CLIENT_ID, "(?i)(?:client[ _-]?id|app[ _-]?id|application[ _-]?id|appid)" + SEP + GUID),
            probe(ContextField.CLIENT_ID, "(?i)(?:application|app|client)(?: with (?:identifier|id))? '([^'\\n]{1,200})'"),
            probe(ContextField.TENANT_ID, "(?i)(?:tenant[ _-]?id|\\btid)" + SEP + GUID),
            probe(ContextField.TENANT_ID, "(?i)login\\.(?:microsoftonline\\.(?:com|us)|partner\\.microsoftonline\\.cn)/"
                    + "([0-9a-fA-F-]{36}|[A-Za-z0-9-]+\\.onmicrosoft\\.com|[A-Za-z0-9.-]+\\.[a-z]{2,})/"),
            probe(ContextField.TENANT_ID, "(?i)(?:tenant|directory) '([^'\\n]{1,200})'"),
            probe(ContextField.REDIRECT_URI, "(?i)(?:redirect[ _]uri|reply[ _](?:url|address))" + SEP + "([a-z][a-z0-9+.-]*:[^\\s\"'&]{1,500})"),
            probe(ContextField.REDIRECT_URI, "(?i)(?:redirect uri|reply (?:url|address)) '([^'\\n]{1,500})'"),
            probe(ContextField.RESOURCE, "(?i)resource(?:DisplayName)?" + SEP + "([^\\s\"'&,}]{3,300})"),
            probe(ContextField.RESOURCE, "(?i)resource(?: principal)? (?:named |with (?:identifier|id) )?'([^'\\n]{1,300})'"),
            probe(ContextField.SCOPE, "(?i)\\bscopes?" + SEP + "([^\"'&\\n}\\]]{2,300})"),
            probe(ContextField.USER, "(?i)(?:user(?:PrincipalName)?|upn|login_hint)" + SEP + "([^\\s\"'&,@]{1,100}@[^\\s\"'&,]{1,200})"),
            probe(ContextField.USER, "(?i)user(?: account)? '([^'\\n]{1,200})'"));

    private static final Pattern MESSAGE_END = Pattern.compile(
            "(?i)[\\n\"]|\\s(?:trace id|correlation id|timestamp)\\s*:|&[a-z_]+=|\\s+at [a-z][\\w$.]+\\(");
    private static final Pattern FAILURE_REASON = Pattern.compile("(?i)\"?failureReason\"?\\s*:\\s*\"([^\"]{5,600})\"");

    private final SecretRedactor redactor;

    public ContextExtractor(SecretRedactor redactor) {
        this.redactor = redactor;
    }

    private static Probe probe(ContextField field, String regex) {
        return new Probe(field, Pattern.compile(regex));
    }

    /**
     * @param decoded the decoded paste ({@link TextDecoder#decode})
     * @param from    where this code's stretch starts in {@code decoded} (-1: the code was not found there)
     * @param to      where the next code's stretch starts
     */
    public ErrorContext extract(String decoded, String code, int from, int to) {
        Map<ContextField, String> values = new EnumMap<>(ContextField.class);
        if (from >= 0) {
            String message = message(decoded, code, from);
            if (message != null) {
                values.put(ContextField.MESSAGE, message);
            }
        }
        if (!values.containsKey(ContextField.MESSAGE)) {
            Matcher m = FAILURE_REASON.matcher(decoded);
            if (m.find()) {
                values.put(ContextField.MESSAGE, clean(m.group(1), MAX_MESSAGE));
            }
        }
        for (Probe probe : PROBES) {
            if (values.containsKey(probe.field)) {
                continue;
            }
            String value = from >= 0 ? firstIn(probe.pattern, decoded, from, to) : null;
            if (value == null) {
                value = firstIn(probe.pattern, decoded, 0, decoded.length());
            }
            if (value != null && !value.isBlank()) {
                values.put(probe.field, clean(value, MAX_VALUE));
            }
        }
        return values.isEmpty() ? ErrorContext.EMPTY : new ErrorContext(values);
    }

    private static String firstIn(Pattern p, String s, int from, int to) {
        Matcher m = p.matcher(s).region(Math.max(0, from), Math.min(to, s.length()));
        return m.find() ? m.group(1) : null;
    }

    /** The sentence(s) after {@code AADSTS<code>:}, up to the first trace/correlation label or line end. */
    private String message(String decoded, String code, int codeStart) {
        int p = codeStart + code.length();
        int n = decoded.length();
        while (p < n && (decoded.charAt(p) == ':' || decoded.charAt(p) == ' ' || decoded.charAt(p) == '-')) {
            p++;
        }
        if (p >= n || p == codeStart + code.length()) {
            return null; // No "AADSTS123: message" here, just a bare code.
        }
        int limit = Math.min(n, p + MAX_MESSAGE * 2);
        Matcher end = MESSAGE_END.matcher(decoded).region(p, limit);
        int stop = end.find() ? end.start() : limit;
        String sentence = decoded.substring(p, stop).strip();
        return sentence.length() < 5 ? null : clean(sentence, MAX_MESSAGE);
    }

    private String clean(String value, int max) {
        String v = redactor.redact(value.strip()).replaceAll("\\s+", " ");
        if (v.endsWith(",") || v.endsWith(";")) {
            v = v.substring(0, v.length() - 1);
        }
        return v.length() <= max ? v : v.substring(0, max - 1) + "…";
    }
}
