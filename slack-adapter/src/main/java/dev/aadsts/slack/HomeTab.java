package dev.aadsts.slack;

import static com.slack.api.model.block.Blocks.divider;
import static com.slack.api.model.block.Blocks.header;
import static com.slack.api.model.block.Blocks.input;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;
import static com.slack.api.model.block.element.BlockElements.plainTextInput;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.DispatchActionConfig;
import com.slack.api.model.view.View;
import dev.aadsts.core.command.Reply;
import dev.aadsts.core.stats.CodeCount;
import dev.aadsts.knowledge.Catalog;
import dev.aadsts.knowledge.CatalogEntry;
import java.util.ArrayList;
import java.util.List;

/**
 * The app's Home tab: what the bot does, a search box that answers in the tab itself, and the codes this
 * workspace met most this week.
 */
public final class HomeTab {
    /** The search box's action: Slack sends it when Enter is pressed in the box. */
    public static final String SEARCH_ACTION = "aadsts_home_search";
    /** Slack's limit for a Home tab. */
    static final int MAX_BLOCKS = 100;
    static final int TOP_CODES = 5;

    private final BlockKitCards blocks;
    private final Catalog catalog;

    HomeTab(BlockKitCards blocks, Catalog catalog) {
        this.blocks = blocks;
        this.catalog = catalog;
    }

    /**
     * @param query the words in the search box, or null
     * @param shown the answer to show under the box (search results or a card), or null
     */
    public View view(List<CodeCount> topThisWeek, String query, Reply shown) {
        List<LayoutBlock> body = new ArrayList<>();
        body.add(header(h -> h.text(plainText("AADSTS Bot"))));
        body.add(section(s -> s.text(markdownText("I explain Microsoft Entra ID sign-in errors. Paste an error in "
                + "any channel I'm in and I answer in its thread; type `/aadsts 50011` or `/aadsts search expired "
                + "secret` anywhere; or search here."))));
        body.add(input(i -> i.blockId("aadsts_home_search_box").dispatchAction(true)
                .label(plainText("Search the catalog (a code or a few words)"))
                .element(plainTextInput(p -> p.actionId(SEARCH_ACTION).initialValue(query)
                        .placeholder(plainText("50011, or: expired secret"))
                        .dispatchActionConfig(DispatchActionConfig.builder()
                                .triggerActionsOn(List.of("on_enter_pressed")).build())))));
        if (shown != null) {
            body.addAll(blocks.render(shown, null));
        }
        body.add(divider());
        body.add(section(s -> s.text(markdownText("*This week's top codes in this workspace*"))));
        if (topThisWeek.isEmpty()) {
            body.add(section(s -> s.text(markdownText("No codes pasted in the last 7 days."))));
        }
        for (CodeCount top : topThisWeek.subList(0, Math.min(TOP_CODES, topThisWeek.size()))) {
            String title = catalog.find(top.code()).map(CatalogEntry::title).orElse("not in the catalog yet");
            body.add(section(s -> s.text(markdownText("*AADSTS" + top.code() + "* · " + Mrkdwn.catalog(title)
                    + "\n" + top.count() + (top.count() == 1 ? " time" : " times")))
                    .accessory(button(b -> b.actionId(SlackReplies.EXPLAIN_ACTION_PREFIX + "home_" + top.code())
                            .value(top.code()).text(plainText("Explain"))))));
        }
        List<LayoutBlock> fitting = body.size() <= MAX_BLOCKS ? body : body.subList(0, MAX_BLOCKS);
        return View.builder().type("home").blocks(fitting).build();
    }
}
