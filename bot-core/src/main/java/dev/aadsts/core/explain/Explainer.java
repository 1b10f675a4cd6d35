package dev.aadsts.core.explain;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.aadsts.core.context.ContextExtractor;
import dev.aadsts.core.context.ErrorContext;
import dev.aadsts.core.context.SecretKind;
import dev.aadsts.core.context.SecretRedactor;
import dev.aadsts.core.context.TextDecoder;
import dev.aadsts.core.detect.CodeDetector;
import dev.aadsts.core.detect.CodeMatch;
import dev.aadsts.core.detect.Shape;
import dev.aadsts.knowledge.Catalog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pasted text in, findings out: detection on the raw text, then (only when there is a code) decoding,
 * context extraction and secret scanning. Results for short texts are cached, because the same paste
 * arrives again and again: Slack retries, alert storms, several people pasting one outage's error.
 */
public final class Explainer {
    /** Texts longer than this are analysed every time; caching them would crowd out the common case. */
    static final int CACHEABLE_LENGTH = 16 * 1024;

    private static final Pattern BARE_CODE = Pattern.compile("(?i)(?:aadsts\\s?)?(\\d{5,8})[.!?]?");

    private final Catalog catalog;
    private final CodeDetector detector;
    private final SecretRedactor redactor = new SecretRedactor();
    private final ContextExtractor extractor = new ContextExtractor(redactor);
    private final Cache<String, Analysis> cache = Caffeine.newBuilder()
            .maximumWeight(32L * 1024 * 1024)
            .weigher((String text, Analysis a) -> text.length() * 2 + 512 * a.findings().size() + 64)
            .expireAfterAccess(Duration.ofMinutes(30))
            .build();

    public Explainer(Catalog catalog) {
        this.catalog = catalog;
        this.detector = new CodeDetector(catalog::contains);
    }

    public Catalog catalog() {
        return catalog;
    }

    public CodeDetector detector() {
        return detector;
    }

    /**
     * What someone asked about on purpose (CLI, API, a command): a bare code such as {@code 50011} or
     * {@code AADSTS50011} counts as that code; anything else is analysed as a paste.
     */
    public Analysis explain(String text) {
        Matcher bare = BARE_CODE.matcher(text == null ? "" : text.strip());
        if (bare.matches()) {
            String code = bare.group(1);
            return new Analysis(List.of(new Finding(code, Shape.PREFIXED, catalog.find(code).orElse(null),
                    ErrorContext.EMPTY)), Set.of());
        }
        return analyze(text);
    }

    /** Text nobody addressed to the bot: only codes in a recognised shape count, never a bare number. */
    public Analysis analyze(String text) {
        if (text == null || text.isEmpty()) {
            return Analysis.NONE;
        }
        if (text.length() > CACHEABLE_LENGTH) {
            return compute(text);
        }
        return cache.get(text, this::compute);
    }

    private Analysis compute(String raw) {
        List<CodeMatch> codes = detector.detect(raw);
        if (codes.isEmpty()) {
            return Analysis.NONE;
        }
        String decoded = TextDecoder.decode(raw);
        List<CodeMatch> places = detector.occurrences(decoded);
        Set<SecretKind> secrets = redactor.find(raw);
        if (!decoded.equals(raw)) {
            secrets = union(secrets, redactor.find(decoded));
        }
        List<Finding> findings = new ArrayList<>(codes.size());
        for (CodeMatch code : codes) {
            int from = anchor(places, code.code());
            int to = nextOtherCode(places, code.code(), from, decoded.length());
            ErrorContext context = extractor.extract(decoded, code.code(), from, to);
            findings.add(new Finding(code.code(), code.shape(), catalog.find(code.code()).orElse(null), context));
        }
        return new Analysis(findings, secrets);
    }

    /** Where the code's message is most likely: its first prefixed occurrence, else its first occurrence. */
    private static int anchor(List<CodeMatch> places, String code) {
        int first = -1;
        for (CodeMatch m : places) {
            if (m.code().equals(code)) {
                if (m.shape() == Shape.PREFIXED) {
                    return m.start();
                }
                if (first < 0) {
                    first = m.start();
                }
            }
        }
        return first;
    }

    private static int nextOtherCode(List<CodeMatch> places, String code, int from, int end) {
        if (from < 0) {
            return end;
        }
        for (CodeMatch m : places) {
            if (m.start() > from && !m.code().equals(code)) {
                return m.start();
            }
        }
        return end;
    }

    private static Set<SecretKind> union(Set<SecretKind> a, Set<SecretKind> b) {
        if (b.isEmpty()) {
            return a;
        }
        Set<SecretKind> all = java.util.EnumSet.noneOf(SecretKind.class);
        all.addAll(a);
        all.addAll(b);
        return all;
    }
}
