package dev.aadsts.slack.handler;

import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.app_backend.interactive_components.response.ActionResponse;
import com.slack.api.bolt.App;
import com.slack.api.model.block.LayoutBlock;
import dev.aadsts.core.BotCore;
import dev.aadsts.core.card.Card;
import dev.aadsts.slack.BlockKitCards;
import dev.aadsts.slack.ExpandValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.regex.Pattern;

/**
 * "Show full playbook" / "Expand" on a compact card in a channel: the message is replaced in place
 * (through the click's response URL) with the same message in which that code's compact blocks give way
 * to its full card. The rest of the message, other codes' rows included, stays as it was.
 */
public final class ExpandCardHandler {
    private static final Pattern ACTION = Pattern.compile("^" + BlockKitCards.EXPAND_ACTION_PREFIX + "\\d{1,10}$");

    /** Sends a response to a click's response URL. */
    @FunctionalInterface
    public interface Responder {
        void respond(String responseUrl, ActionResponse response);
    }

    private final BotCore core;
    private final BlockKitCards blocks = new BlockKitCards();
    private final Responder responder;

    public ExpandCardHandler(BotCore core, Responder responder) {
        this.core = core;
        this.responder = responder;
    }

    /** Acknowledges the click at once and does the work on {@code work}. */
    public void register(App app, Executor work) {
        app.blockAction(ACTION, (req, ctx) -> {
            BlockActionPayload p = req.getPayload();
            String value = p.getActions().get(0).getValue();
            List<LayoutBlock> original = p.getMessage() == null ? null : p.getMessage().getBlocks();
            String text = p.getMessage() == null ? null : p.getMessage().getText();
            String responseUrl = p.getResponseUrl();
            work.execute(() -> expand(value, original, text, responseUrl));
            return ctx.ack();
        });
    }

    void expand(String value, List<LayoutBlock> original, String text, String responseUrl) {
        Optional<ExpandValue> click = ExpandValue.decode(value);
        if (click.isEmpty() || responseUrl == null) {
            return;
        }
        Card card = core.cards().forCode(click.get().code()).withPaste(click.get().facts(), List.of());
        List<LayoutBlock> replaced = expanded(original, card, blocks);
        String fallback = text == null || text.isBlank() ? card.label() + ": " + card.title() : text;
        responder.respond(responseUrl, ActionResponse.builder().replaceOriginal(true).text(fallback)
                .blocks(replaced).build());
    }

    /** {@code original} with the blocks of {@code card}'s code replaced by its full card, within 50 blocks. */
    public static List<LayoutBlock> expanded(List<LayoutBlock> original, Card card, BlockKitCards blocks) {
        String prefix = BlockKitCards.CARD_BLOCK_PREFIX + card.code() + "_";
        List<LayoutBlock> before = original == null ? List.of() : original;
        long own = before.stream().filter(b -> b.getBlockId() != null && b.getBlockId().startsWith(prefix)).count();
        if (own == 0) {
            return blocks.fullCard(card, BlockKitCards.MAX_BLOCKS);
        }
        List<LayoutBlock> full = blocks.fullCard(card, BlockKitCards.MAX_BLOCKS - (int) (before.size() - own));
        List<LayoutBlock> out = new ArrayList<>();
        boolean placed = false;
        for (LayoutBlock b : before) {
            if (b.getBlockId() != null && b.getBlockId().startsWith(prefix)) {
                if (!placed) {
                    out.addAll(full);
                    placed = true;
                }
            } else {
                out.add(b);
            }
        }
        return out.size() <= BlockKitCards.MAX_BLOCKS ? out : out.subList(0, BlockKitCards.MAX_BLOCKS);
    }
}
