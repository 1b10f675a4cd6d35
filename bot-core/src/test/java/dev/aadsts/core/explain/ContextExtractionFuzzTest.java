package dev.aadsts.core.explain;

import static org.junit.jupiter.api.Assertions.assertFalse;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.aadsts.core.FuzzChecks;
import dev.aadsts.core.TestCore;
import dev.aadsts.core.command.CommandRouter;
import dev.aadsts.core.command.PlainTextRenderer;
import dev.aadsts.core.context.TextDecoder;
import dev.aadsts.core.json.JsonContract;

/**
 * The whole analysis of a paste with a code and a planted secret, through context extraction to the
 * rendered card and the JSON answer: no exception, only codes of the (decoded) text, and the secret's
 * value in neither output.
 */
class ContextExtractionFuzzTest {
    private static final Explainer EXPLAINER = new Explainer(TestCore.get().catalog(), 0);
    private static final CommandRouter ROUTER = new CommandRouter(EXPLAINER, TestCore.get().cards(), TestCore.get().search());
    private static final PlainTextRenderer CARDS = new PlainTextRenderer();
    private static final JsonContract JSON = new JsonContract();

    @FuzzTest(maxDuration = "5m")
    void analyze(FuzzedDataProvider data) {
        String secret = FuzzChecks.plantedSecret(data);
        String before = data.consumeString(1_000);
        String after = data.consumeRemainingAsString();
        String text = before + "\nAADSTS50011: The redirect URI does not match. " + secret + "\n" + after;
        long started = FuzzChecks.start();
        Analysis analysis = EXPLAINER.analyze(text);
        String json = JSON.explain(analysis).toString();
        String card = CARDS.render(ROUTER.cards(analysis), "/aadsts");
        FuzzChecks.inTime(started, "analysis");
        FuzzChecks.codesStandInText(text + "\n" + TextDecoder.decode(text),
                analysis.findings().stream().map(Finding::code).toList());
        if (FuzzChecks.onlyPlanted(before, after)) {
            assertFalse(json.contains(FuzzChecks.SECRET), "secret in JSON: " + json);
            assertFalse(card.contains(FuzzChecks.SECRET), "secret in card: " + card);
        }
    }
}
