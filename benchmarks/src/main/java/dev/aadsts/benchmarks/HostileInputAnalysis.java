package dev.aadsts.benchmarks;

import dev.aadsts.core.card.CardBuilder;
import dev.aadsts.core.command.CommandRouter;
import dev.aadsts.core.command.PlainTextRenderer;
import dev.aadsts.core.context.PasteBytes;
import dev.aadsts.core.explain.Analysis;
import dev.aadsts.core.explain.Explainer;
import dev.aadsts.core.json.JsonContract;
import dev.aadsts.knowledge.Catalog;
import dev.aadsts.knowledge.CatalogSearch;

/**
 * The whole path a hostile paste takes, as the benchmark and the guard test both time it: bytes to
 * text (for byte families), analysis without the cache, the cards as text and the JSON answer.
 */
final class HostileInputAnalysis {
    private final Explainer explainer;
    private final CommandRouter router;
    private final PlainTextRenderer renderer = new PlainTextRenderer();
    private final JsonContract json = new JsonContract();

    HostileInputAnalysis(Catalog catalog) {
        explainer = new Explainer(catalog, 0);
        router = new CommandRouter(explainer, new CardBuilder(catalog), new CatalogSearch(catalog));
    }

    /** @return the size of what was produced, so nothing can be optimised away */
    int run(Object input) {
        String text = input instanceof byte[] bytes ? PasteBytes.decode(bytes) : (String) input;
        Analysis analysis = explainer.analyze(text);
        String cards = renderer.render(router.cards(analysis), "/aadsts");
        return cards.length() + json.explain(analysis).size();
    }

    static Object input(String family, int size) {
        String text = HostileInputs.text(family, size);
        return HostileInputs.asBytes(family) ? HostileInputs.utf16(text) : text;
    }
}
