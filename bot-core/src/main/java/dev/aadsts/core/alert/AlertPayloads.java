package dev.aadsts.core.alert;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aadsts.core.explain.Explainer;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what monitoring systems post to the alert webhook and turns it into failure groups: which
 * AADSTS code, how many sign-in failures, and redacted facts for the card. The format is recognised by
 * the body's shape, not by its content type, because senders label JSON as {@code text/plain} and
 * {@code application/octet-stream} as often as not.
 *
 * <p>Formats, tried in this order:
 * <ol>
 *   <li><b>Azure Monitor common alert schema</b> ({@link AzureMonitorAlerts}): Log Alerts V2 criteria
 *       (code from a {@code ResultType}-like dimension, occurrences from {@code metricValue}), older log
 *       alerts' result tables (a row per group, occurrences from a count column), metric, activity-log
 *       and other alerts (codes from their text, occurrences 1). A notification whose
 *       {@code monitorCondition} is {@code Resolved} yields no alerts.</li>
 *   <li><b>Sign-in records</b> ({@link GraphSignIns}): Graph {@code signIn} objects and Log Analytics
 *       {@code SigninLogs} rows, one or many; one alert per failed record, none for successes.</li>
 *   <li><b>Any other JSON</b> ({@link FreeFormAlerts}): string values, and numbers under error-code-like
 *       keys, are scanned with bot-core's detector. Each element of a top-level array is read on its own
 *       and yields one alert per distinct code in it; any other JSON value yields one alert per distinct
 *       code in the whole document. Occurrences are 1.</li>
 *   <li><b>Plain text</b>: the detector's rules; one alert per distinct code, occurrences 1.</li>
 * </ol>
 *
 * <p>A body is read as JSON when its content type says JSON, or when, after leading white space, it
 * starts like a JSON object or array (a brace followed by a quote or a closing brace, or a bracket
 * followed by what can start a value). If it then does not parse, the body is rejected ({@link AlertPayloadException}), except that
 * a body explicitly sent as {@code text/*} falls back to plain text. Subject lines such as
 * {@code [ALERT] …} are text by their shape; a log line starting {@code [2026-11-23 …]} needs the
 * {@code text/plain} label.
 *
 * <p>Codes from a field that holds a code by definition ({@code ResultType}, {@code status.errorCode})
 * are any positive integer of 2 to 7 digits; 0 is a success and yields nothing. Codes found by scanning
 * follow the detector's rules. Context values are redacted (tokens, passwords, secrets and assertions
 * never survive), one line, at most {@value AlertContext#MAX_VALUE} characters (links: whole or not at
 * all), and at most {@value AlertContext#MAX_KEYS} keys per alert.
 *
 * <p>One body yields at most {@value #MAX_ALERTS} alerts; rows past that are dropped. Reading is linear
 * in the body's size. Instances are thread-safe.
 */
public final class AlertPayloads {
    /** The most alerts one body yields; a webhook storm must not become an unbounded card storm. */
    public static final int MAX_ALERTS = 10_000;
    /** Real alert payloads nest a dozen levels at most; the limit keeps the readers' recursion shallow. */
    static final int MAX_NESTING = 200;

    private static final int MAX_REASON = 160;
    private static final Pattern QUOTED = Pattern.compile("'([^']*)'");
    private static final Set<String> JACKSON_WORDS = Set.of("null", "true", "false", "NaN", "Infinity");

    private final ObjectMapper mapper;
    private final AzureMonitorAlerts azureMonitor;
    private final GraphSignIns signIns;
    private final FreeFormAlerts freeForm;

    /** @param explainer bot-core's; its detector finds codes in text and its context extraction reads text alerts */
    public AlertPayloads(Explainer explainer) {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING).build())
                .build();
        this.mapper = new ObjectMapper(factory).enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        CodeScan scan = new CodeScan(explainer.detector());
        this.azureMonitor = new AzureMonitorAlerts(scan);
        this.freeForm = new FreeFormAlerts(scan, explainer);
        this.signIns = new GraphSignIns(freeForm);
    }

    /**
     * @param body        the request body as received
     * @param contentType the request's Content-Type header, or null; its charset is honoured (default UTF-8)
     * @return the body's format and its alerts (possibly none)
     * @throws AlertPayloadException with a short reason fit for an HTTP 400 when the body is empty or
     *                               blank, or is JSON by its shape or content type but does not parse
     */
    public ParsedAlerts read(byte[] body, String contentType) {
        if (body == null || body.length == 0) {
            throw new AlertPayloadException("empty body");
        }
        String text = decode(body, contentType);
        int first = firstNonWhitespace(text);
        if (first < 0) {
            throw new AlertPayloadException("empty body");
        }
        AlertList out = new AlertList();
        if (!claimsJson(text, first) && !isJsonType(contentType)) {
            freeForm.text(text, out);
            return out.result(AlertSources.TEXT);
        }
        JsonNode root;
        try (JsonParser parser = mapper.createParser(text)) {
            try {
                root = mapper.readTree(parser);
            } catch (JsonProcessingException e) {
                if (isTextType(contentType)) {
                    freeForm.text(text, out);
                    return out.result(AlertSources.TEXT);
                }
                // A crossed limit (nesting depth, number or string length) carries no location of its own;
                // where the parser stopped is where the limit was crossed.
                throw malformed(e, parser.currentLocation());
            }
        } catch (IOException e) {
            throw new AlertPayloadException("body could not be read: " + reason(e.getMessage()));
        }
        if (AzureMonitorAlerts.matches(root)) {
            azureMonitor.read(root, out);
        } else if (GraphSignIns.matches(root)) {
            signIns.read(root, out);
        } else {
            freeForm.json(root, out);
        }
        return out.result(AlertSources.JSON);
    }

    private static String decode(byte[] body, String contentType) {
        Charset charset = StandardCharsets.UTF_8;
        String declared = parameter(contentType, "charset");
        if (declared != null) {
            try {
                charset = Charset.forName(declared);
            } catch (IllegalArgumentException e) {
                // An unknown charset label is the sender's typo; UTF-8 is what webhooks send anyway.
            }
        }
        String text = new String(body, charset);
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /**
     * Starts like a JSON object or array: a brace or bracket followed by what can open a member or an
     * element. "[ALERT] …", "[Synthetic monitor] …" and "{Contoso} …" are subject lines, not JSON.
     */
    private static boolean claimsJson(String text, int first) {
        char open = text.charAt(first);
        if (open != '{' && open != '[') {
            return false;
        }
        int next = firstNonWhitespace(text.substring(first + 1, Math.min(text.length(), first + 65)));
        if (next < 0) {
            return true;
        }
        char c = text.charAt(first + 1 + next);
        return open == '{' ? c == '"' || c == '\'' || c == '}' : "{[\"-0123456789tfn]".indexOf(c) >= 0;
    }

    private static int firstNonWhitespace(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (!Character.isWhitespace(text.charAt(i)) && text.charAt(i) != '\u00a0') {
                return i;
            }
        }
        return -1;
    }

    private static String mediaType(String contentType) {
        if (contentType == null) {
            return "";
        }
        int semi = contentType.indexOf(';');
        return (semi < 0 ? contentType : contentType.substring(0, semi)).strip().toLowerCase(Locale.ROOT);
    }

    private static boolean isJsonType(String contentType) {
        String type = mediaType(contentType);
        return type.equals("application/json") || type.equals("text/json") || type.endsWith("+json");
    }

    private static boolean isTextType(String contentType) {
        return mediaType(contentType).startsWith("text/") && !isJsonType(contentType);
    }

    private static String parameter(String contentType, String name) {
        if (contentType == null) {
            return null;
        }
        for (String part : contentType.split(";")) {
            int eq = part.indexOf('=');
            if (eq > 0 && part.substring(0, eq).strip().equalsIgnoreCase(name)) {
                String value = part.substring(eq + 1).strip();
                return value.startsWith("\"") && value.endsWith("\"") && value.length() >= 2
                        ? value.substring(1, value.length() - 1) : value;
            }
        }
        return null;
    }

    /** Jackson's own words and position, without the tokens it quotes from the body. */
    private static AlertPayloadException malformed(JsonProcessingException e, JsonLocation stoppedAt) {
        JsonLocation at = e.getLocation() != null && e.getLocation().getLineNr() > 0 ? e.getLocation() : stoppedAt;
        String where = at != null && at.getLineNr() > 0
                ? " at line " + at.getLineNr() + ", column " + at.getColumnNr() : "";
        return new AlertPayloadException("malformed JSON" + where + ": " + reason(e.getOriginalMessage()));
    }

    static String reason(String message) {
        if (message == null || message.isBlank()) {
            return "not valid JSON";
        }
        String m = message.strip();
        for (String end : new String[] {"\n", " (start marker at", " at [Source", ", from `"}) {
            int cut = m.indexOf(end);
            if (cut > 0) {
                m = m.substring(0, cut);
            }
        }
        Matcher quoted = QUOTED.matcher(m);
        StringBuilder out = new StringBuilder();
        while (quoted.find()) {
            String inner = quoted.group(1);
            boolean safe = inner.length() <= 1 || JACKSON_WORDS.contains(inner);
            quoted.appendReplacement(out, Matcher.quoteReplacement(safe ? quoted.group() : "'…'"));
        }
        quoted.appendTail(out);
        m = out.toString();
        return m.length() <= MAX_REASON ? m : m.substring(0, MAX_REASON - 1) + "…";
    }
}
