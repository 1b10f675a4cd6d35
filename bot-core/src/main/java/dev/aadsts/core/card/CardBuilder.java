package dev.aadsts.core.card;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import dev.aadsts.core.context.ContextField;
import dev.aadsts.core.context.SecretKind;
import dev.aadsts.core.explain.Finding;
import dev.aadsts.knowledge.Catalog;
import dev.aadsts.knowledge.CatalogEntry;
import dev.aadsts.knowledge.Link;
import dev.aadsts.knowledge.Playbook;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds cards from findings. The catalog half of a card is the same for every paste of a code, so it
 * is built once and kept in a bounded cache; only the paste's facts and warnings are added per message.
 */
public final class CardBuilder {
    private final Catalog catalog;
    /**
     * Replaced as a whole when the overlay changes: a card being built for the old overlay while the new one
     * is installed lands in the old cache, which nobody reads any more, never in the new one.
     */
    private volatile LoadingCache<String, Card> baseCards;

    public CardBuilder(Catalog catalog) {
        this.catalog = catalog;
        this.baseCards = cache(CardOverlay.NONE);
    }

    /** From now on every card shows what {@code overlay} adds and hides; earlier cards are forgotten. */
    public void useOverlay(CardOverlay overlay) {
        this.baseCards = cache(overlay);
    }

    private LoadingCache<String, Card> cache(CardOverlay overlay) {
        return Caffeine.newBuilder().maximumSize(4_096).build(code -> overlay.apply(baseCard(code)));
    }

    /** The card for a code with nothing from a paste: what {@code /aadsts 50011} shows. */
    public Card forCode(String code) {
        return baseCards.get(code);
    }

    public Card build(Finding finding, Set<SecretKind> secrets) {
        Card base = baseCards.get(finding.code());
        List<Fact> facts = new ArrayList<>();
        for (Map.Entry<ContextField, String> e : finding.context().values().entrySet()) {
            facts.add(new Fact(e.getKey().id(), e.getKey().label(), e.getValue()));
        }
        List<String> warnings = secrets.isEmpty() ? List.of() : List.of(secretWarning(secrets));
        return facts.isEmpty() && warnings.isEmpty() ? base : base.withPaste(facts, warnings);
    }

    /** One sentence naming what was pasted; the value itself is never repeated. */
    public static String secretWarning(Set<SecretKind> secrets) {
        List<String> kinds = secrets.stream().sorted().map(SecretKind::description).toList();
        String what = kinds.size() == 1 ? kinds.get(0)
                : String.join(", ", kinds.subList(0, kinds.size() - 1)) + " and " + kinds.get(kinds.size() - 1);
        return "Your paste contained " + what + ". It is not shown here, but anyone in this conversation "
                + "could read the original: delete that message and rotate or revoke the secret.";
    }

    private Card baseCard(String code) {
        return catalog.find(code).map(this::knownCard).orElseGet(() -> unknownCard(code));
    }

    private Card knownCard(CatalogEntry e) {
        Playbook p = e.playbook();
        List<CardAction> actions = new ArrayList<>();
        actions.add(lookupAction(e.code()));
        for (String related : e.related()) {
            actions.add(new CardAction(CardAction.Kind.EXPLAIN_CODE, "AADSTS" + related, related));
        }
        return new Card(e.code(), true, e.name(), e.title(), e.summary(), e.audience(), e.category(), e.retryable(),
                p == null ? List.of() : p.causes(),
                p == null ? List.of() : p.fixes(),
                p == null ? List.of() : p.collect(),
                p == null ? null : p.scenario(),
                List.of(), e.links(), actions, List.of(), e.sources(), e.reviewed(), List.of(), null);
    }

    private static Card unknownCard(String code) {
        return new Card(code, false, null, "AADSTS" + code + " is not in our catalog yet",
                "We have no notes on this code yet. Microsoft's lookup page (button below) describes it, and the "
                        + "message from your error is shown here when the paste carried one.",
                List.of(), null, null, List.of(), List.of(),
                List.of("The full error text as shown, with its Trace ID, Correlation ID and Timestamp",
                        "When it started and whether it affects one user, one app or everyone"),
                null, List.of(), CatalogEntry.linksFor(code), List.of(lookupAction(code)), List.of());
    }

    private static CardAction lookupAction(String code) {
        Link lookup = CatalogEntry.linksFor(code).get(0);
        return new CardAction(CardAction.Kind.OPEN_URL, "Microsoft's lookup page", lookup.url());
    }
}
