package dev.aadsts.core.alert;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aadsts.core.context.ContextField;
import dev.aadsts.core.explain.Analysis;
import dev.aadsts.core.explain.Explainer;
import dev.aadsts.core.explain.Finding;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Bodies in no format we know: someone's own JSON, a Logic App's hand-made message, a log line. Codes
 * count only where bot-core's detector would accept them in a chat message, because a stray number in
 * an unknown payload is far more often a count, a port or an HTTP status than an error code.
 *
 * <p>Each unit yields one alert per distinct code in it, with occurrences 1: nothing in an unknown
 * shape says how many failures a mention stands for.
 */
final class FreeFormAlerts {
    /** Which of the explainer's facts a text alert keeps, under the card's key names. */
    private static final Map<ContextField, String> TEXT_FACTS = Map.of(
            ContextField.TIMESTAMP, AlertContext.FIRED_AT,
            ContextField.CLIENT_ID, AlertContext.APP_ID,
            ContextField.USER, AlertContext.USER,
            ContextField.TENANT_ID, AlertContext.TENANT,
            ContextField.RESOURCE, AlertContext.RESOURCE,
            ContextField.CORRELATION_ID, AlertContext.CORRELATION_ID,
            ContextField.TRACE_ID, AlertContext.REQUEST_ID);

    /** Notifications state their facts near the top; the explainer's per-code look-ups stay cheap on this much. */
    static final int TEXT_CONTEXT_CHARS = 64 * 1024;

    private final CodeScan scan;
    private final Explainer explainer;

    FreeFormAlerts(CodeScan scan, Explainer explainer) {
        this.scan = scan;
        this.explainer = explainer;
    }

    /** A top-level array is a batch: each element is its own unit. Anything else is one unit. */
    void json(JsonNode root, AlertList out) {
        out.source(AlertSources.JSON);
        if (root.isArray()) {
            for (JsonNode element : root) {
                if (out.full()) {
                    return;
                }
                unit(element, AlertSources.JSON, out);
            }
        } else {
            unit(root, AlertSources.JSON, out);
        }
    }

    void unit(JsonNode node, String source, AlertList out) {
        List<String> codes = scan.codes(node);
        if (codes.isEmpty()) {
            return;
        }
        AlertContext context = new AlertContext();
        ContextFields.collect(node, context);
        for (String code : codes) {
            out.add(code, 1, context, source);
        }
    }

    /**
     * The explainer reads the same facts a pasted error shows (ids, timestamp, app, user). It is built
     * for chat messages and looks each code up across the whole text, which would make a log dump with
     * thousands of codes quadratic; so it reads only the first {@link #TEXT_CONTEXT_CHARS} characters,
     * where notifications state their facts, and a longer text's codes come from one linear scan.
     */
    void text(String text, AlertList out) {
        out.source(AlertSources.TEXT);
        String head = text.length() <= TEXT_CONTEXT_CHARS ? text : text.substring(0, TEXT_CONTEXT_CHARS);
        Analysis analysis = explainer.analyze(head);
        List<Finding> findings = analysis.findings();
        Map<String, AlertContext> contexts = new HashMap<>();
        for (Finding finding : findings) {
            contexts.put(finding.code(), context(finding));
        }
        // The explainer carries the first codes only; a longer list comes from the detector's own scan.
        List<String> codes = head.length() == text.length() && !analysis.truncated()
                ? findings.stream().map(Finding::code).toList() : scan.codes(text);
        AlertContext none = new AlertContext();
        for (String code : codes) {
            out.add(code, 1, contexts.getOrDefault(code, none), AlertSources.TEXT);
        }
    }

    private static AlertContext context(Finding finding) {
        AlertContext context = new AlertContext();
        finding.context().values().forEach((field, value) -> {
            String key = TEXT_FACTS.get(field);
            if (key != null) {
                context.put(key, value);
            }
        });
        return context;
    }
}
