package dev.aadsts.core;

import dev.aadsts.core.card.CardBuilder;
import dev.aadsts.core.command.CommandRouter;
import dev.aadsts.core.explain.Explainer;
import dev.aadsts.core.json.JsonContract;
import dev.aadsts.core.overlay.Overlay;
import dev.aadsts.knowledge.Catalog;
import dev.aadsts.knowledge.CatalogSearch;

/**
 * Everything platform-neutral, wired once: the catalog, the explainer, cards, search and the command
 * router. The CLI, the HTTP server and every chat adapter share one instance.
 */
public final class BotCore {
    private final Catalog catalog;
    private final Explainer explainer;
    private final CardBuilder cards;
    private final CatalogSearch search;
    private final CommandRouter router;
    private final JsonContract json;
    private volatile Overlay overlay;

    public BotCore(Catalog catalog) {
        this.catalog = catalog;
        this.explainer = new Explainer(catalog);
        this.cards = new CardBuilder(catalog);
        this.search = new CatalogSearch(catalog);
        this.router = new CommandRouter(explainer, cards, search);
        this.json = new JsonContract(cards);
    }

    /** Shows {@code overlay}'s notes on every card from now on (null: none). */
    public void useOverlay(Overlay overlay) {
        this.overlay = overlay;
        cards.useOverlay(overlay == null ? dev.aadsts.core.card.CardOverlay.NONE : overlay);
    }

    /** The organization's overlay in use, or null. */
    public Overlay overlay() {
        return overlay;
    }

    /** With the catalog shipped on the class path. */
    public static BotCore load() {
        return new BotCore(Catalog.load());
    }

    public Catalog catalog() {
        return catalog;
    }

    public Explainer explainer() {
        return explainer;
    }

    public CardBuilder cards() {
        return cards;
    }

    public CatalogSearch search() {
        return search;
    }

    public CommandRouter router() {
        return router;
    }

    public JsonContract json() {
        return json;
    }
}
