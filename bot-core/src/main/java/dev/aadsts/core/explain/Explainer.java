package dev.aadsts.core.explain;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.aadsts.core.context.AsciiBytes;
import dev.aadsts.core.context.ContextExtractor;
import dev.aadsts.core.context.ErrorContext;
import dev.aadsts.core.context.PasteText;
import dev.aadsts.core.context.SecretKind;
import dev.aadsts.core.context.SecretRedactor;
import dev.aadsts.core.context.TextDecoder;
import dev.aadsts.core.detect.CodeDetector;
import dev.aadsts.core.detect.CodeMatch;
import dev.aadsts.core.detect.Detection;
import dev.aadsts.core.detect.Shape;
import dev.aadsts.knowledge.Catalog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
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
    /**
     * The most findings one analysis carries. A log dump with thousands of codes would otherwise become
     * a multi-megabyte answer and thousands of context look-ups; past this the codes are only counted.
     */
    public static final int MAX_FINDINGS = 100;

    private static final Pattern BARE_CODE = Pattern.compile("(?i)(?:aadsts\\s?)?(\\d{5,8})[.!?]?");

    private final Catalog catalog;
    private final CodeDetector detector;
    private final SecretRedactor redactor = new SecretRedactor();
    private final ContextExtractor extractor = new ContextExtractor(redactor);
    private final Cache<String, Analysis> cache;
    private final boolean cacheDisabled;
    private volatile Consumer<Analysis> observer = analysis -> { };

    public Explainer(Catalog catalog) {
        this(catalog, 32L * 1024 * 1024);
    }

    /** With a cache of at most {@code cacheBytes} (0: none, as benchmarks of the full path need). */
    public Explainer(Catalog catalog, long cacheBytes) {
        this.catalog = catalog;
        this.detector = new CodeDetector(catalog::contains);
        this.cacheDisabled = cacheBytes <= 0;
        this.cache = Caffeine.newBuilder()
                .maximumWeight(cacheBytes)
                .weigher((String text, Analysis a) -> text.length() * 2 + 512 * a.findings().size() + 64)
                .expireAfterAccess(Duration.ofMinutes(30))
                .build();
    }

    public CodeDetector detector() {
        return detector;
    }

    /** Tells {@code observer} about every analysis (metrics count pastes and codes); one observer at a time. */
    public void observe(Consumer<Analysis> observer) {
        this.observer = observer;
    }

    /**
     * What someone asked about on purpose (CLI, API, a command): a bare code such as {@code 50011} or
     * {@code AADSTS50011} counts as that code; anything else is analysed as a paste.
     */
    public Analysis explain(String text) {
        Matcher bare = BARE_CODE.matcher(text == null ? "" : text.strip());
        if (bare.matches()) {
            String code = bare.group(1);
            return observed(new Analysis(List.of(new Finding(code, Shape.PREFIXED, catalog.find(code).orElse(null),
                    ErrorContext.EMPTY)), Set.of()));
        }
        return analyze(text);
    }

    /** Text nobody addressed to the bot: only codes in a recognised shape count, never a bare number. */
    public Analysis analyze(String text) {
        if (text == null || text.isEmpty()) {
            return observed(Analysis.NONE);
        }
        if (text.length() > CACHEABLE_LENGTH || cacheDisabled) {
            return observed(compute(text));
        }
        return observed(cache.get(text, this::compute));
    }

    private Analysis observed(Analysis analysis) {
        observer.accept(analysis);
        return analysis;
    }

    private Analysis compute(String raw) {
        byte[] ascii = AsciiBytes.of(raw);
        Detection detection = detector.detect(raw, ascii, MAX_FINDINGS);
        List<CodeMatch> codes = detection.codes();
        if (codes.isEmpty()) {
            return Analysis.NONE;
        }
        // Decoding keeps every secret the raw text had (and exposes encoded ones), so one scan suffices.
        // Most chat messages have nothing to decode; then the byte copy detection read serves labels too.
        String plain = TextDecoder.decode(raw);
        PasteText decoded = plain.equals(raw) ? PasteText.of(raw, ascii) : PasteText.of(plain);
        Set<SecretKind> secrets = redactor.find(decoded);
        ContextExtractor.Paste paste = extractor.read(decoded);
        String text = decoded.text();
        int[] anchors = CodeAnchors.of(text, codes);
        List<Finding> findings = new ArrayList<>(codes.size());
        if (codes.size() == 1) {
            String code = codes.get(0).code();
            findings.add(new Finding(code, codes.get(0).shape(), catalog.find(code).orElse(null),
                    paste.forOnlyCode(code, anchors[0])));
            return new Analysis(findings, secrets);
        }
        ContextExtractor.Stretch[] stretches = stretches(text, anchors);
        for (int i = 0; i < codes.size(); i++) {
            String code = codes.get(i).code();
            ErrorContext context = paste.forCode(code, anchors[i], stretches[i]);
            findings.add(new Finding(code, codes.get(i).shape(), catalog.find(code).orElse(null), context));
        }
        return new Analysis(findings, secrets, detection.total());
    }

    /**
     * Each code's own text in a paste of several. A code's stretch starts where its line starts, or
     * after the last {@code ;} between it and the code before (pastes often join one error per line, or
     * several on one line with semicolons), and ends where the next code's stretch starts. Text before the
     * first stretch is the preamble every code shares. A code with no anchor has an empty stretch.
     */
    static ContextExtractor.Stretch[] stretches(String text, int[] anchors) {
        int n = anchors.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Integer.compare(anchors[a], anchors[b]));
        int[] starts = new int[n];
        int previous = -1;
        for (Integer i : order) {
            int at = anchors[i];
            if (at < 0) {
                starts[i] = -1;
                continue;
            }
            int start = at;
            for (int p = at - 1; p > previous; p--) {
                char c = text.charAt(p);
                if (c == '\n' || (c == ';' && previous >= 0)) {
                    start = p + 1;
                    break;
                }
                if (p == 0) {
                    start = 0;
                }
            }
            starts[i] = start;
            previous = at;
        }
        int preambleEnd = text.length();
        for (int i = 0; i < n; i++) {
            if (starts[i] >= 0) {
                preambleEnd = Math.min(preambleEnd, starts[i]);
            }
        }
        ContextExtractor.Stretch[] stretches = new ContextExtractor.Stretch[n];
        for (int k = 0; k < n; k++) {
            int i = order[k];
            if (starts[i] < 0) {
                stretches[i] = new ContextExtractor.Stretch(-1, -1, preambleEnd);
                continue;
            }
            int end = text.length();
            for (int j = k + 1; j < n; j++) {
                if (starts[order[j]] > starts[i]) {
                    end = starts[order[j]];
                    break;
                }
            }
            stretches[i] = new ContextExtractor.Stretch(starts[i], end, preambleEnd);
        }
        return stretches;
    }
}
