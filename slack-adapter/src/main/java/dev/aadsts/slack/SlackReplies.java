package dev.aadsts.slack;

import com.slack.api.app_backend.interactive_components.response.ActionResponse;
import com.slack.api.app_backend.slash_commands.response.SlashCommandResponse;
import com.slack.api.methods.request.chat.ChatPostMessageRequest;
import com.slack.api.methods.request.chat.ChatUnfurlRequest;
import com.slack.api.model.block.Blocks;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.BlockCompositions;
import com.slack.api.model.view.View;
import dev.aadsts.core.card.Card;
import dev.aadsts.core.command.Reply;
import dev.aadsts.core.store.ThreadAnswers;
import dev.aadsts.signin.investigate.InvestigateButton;
import dev.aadsts.slack.delivery.ReplyForms;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Everything the handlers send to Slack: a reply rendered as Block Kit and posted in a thread, answered on a
 * response URL, shared in a channel, unfurled under a link, or published as a Home tab.
 */
public final class SlackReplies {
    public static final String SHARE_ACTION = BlockKitCards.SHARE_ACTION;
    public static final String EXPLAIN_ACTION_PREFIX = BlockKitCards.EXPLAIN_ACTION_PREFIX;
    public static final String MUTE_ACTION_PREFIX = AlertBlocks.MUTE_ACTION_PREFIX;
    /** Link buttons: Slack still reports the click, which only needs an acknowledgement. */
    public static final String OPEN_ACTION_PREFIX = "aadsts_open_";
    private static final Pattern USER_ID = Pattern.compile("[UW][A-Z0-9]{2,30}");

    /** How long a thread remembers the codes it was answered with. */
    public static final Duration ANSWERS_KEPT = Duration.ofDays(7);

    private final SlackPoster poster;
    private final BlockKitCards blocks = new BlockKitCards();
    private volatile boolean investigate;
    // A code is explained once per thread, however often it is pasted there, on whichever replica; the cards' codes
    // are recorded with the reply, the omitted ones only looked up here.
    private final ThreadAnswers answered;

    SlackReplies(SlackPoster poster, ThreadAnswers answered) {
        this.poster = poster;
        this.answered = answered;
    }

    /** A user id as Slack writes it, safe to put in a mention. */
    public static boolean isUserId(String id) {
        return id != null && USER_ID.matcher(id).matches();
    }

    /** Where the codes answered under a message are remembered: its thread, as {@link ThreadAnswers} names it. */
    public static String thread(String channel, String thread) {
        return "slack:" + channel + "/" + thread;
    }

    /**
     * The reply under a message without the omitted codes ("also found: …") this thread was given already. Only
     * reads: which of the cards are new to the thread is decided when the reply is recorded (see
     * {@link dev.aadsts.core.store.EventReplies}).
     */
    public Reply withoutAnsweredOmissions(String channel, String thread, Reply reply) {
        if (reply.kind() != Reply.Kind.CARDS || reply.omittedCodes().isEmpty()) {
            return reply;
        }
        String where = thread(channel, thread);
        return reply.withCards(reply.cards(), reply.omittedCodes().stream()
                .filter(code -> !answered.answered(where, code)).toList());
    }

    /** The codes a reply's cards explain, each answered once per thread. */
    public static List<String> codes(Reply reply) {
        return reply.kind() == Reply.Kind.CARDS ? reply.cards().stream().map(Card::code).toList() : List.of();
    }

    /** The reply with only the cards of {@code codes} (the others were answered in the thread already). */
    public static Reply onlyCodes(Reply reply, List<String> codes) {
        if (reply.kind() != Reply.Kind.CARDS) {
            return reply;
        }
        return reply.withCards(reply.cards().stream().filter(card -> codes.contains(card.code())).toList(),
                reply.omittedCodes());
    }

    /**
     * The {@code chat.postMessage} form (see {@link ReplyForms}) that posts {@code reply} in the thread, with the
     * feedback buttons; null when the reply has nothing to say.
     */
    public String threadForm(String channel, String thread, Reply reply) {
        Reply fresh = withFeedback(reply);
        if (fresh.isEmpty()) {
            return null;
        }
        ChatPostMessageRequest post = ChatPostMessageRequest.builder().channel(channel).threadTs(thread)
                .text(blocks.fallback(fresh)).blocks(blocks.render(fresh, null)).unfurlLinks(false).unfurlMedia(false)
                .build();
        return ReplyForms.of(post);
    }

    /** Cards whose paste names a sign-in get "Investigate this sign-in" (only once the lookup is on). */
    void investigateButton(boolean on) {
        this.investigate = on;
    }

    /** Explain cards in chat carry "Helpful" / "Not helpful"; other replies are left as they are. */
    private Reply withFeedback(Reply given) {
        if (given.kind() != Reply.Kind.CARDS) {
            return given;
        }
        Reply reply = investigate ? InvestigateButton.addTo(given) : given;
        return reply.withCards(reply.cards().stream()
                .map(card -> card.withExtraActions(FeedbackButtons.group(card.code()))).toList(), reply.omittedCodes());
    }

    /** The slash command's own answer, only for the person who typed it; with a share button when given an id. */
    public SlashCommandResponse slashAnswer(Reply reply, String shareId) {
        return SlashCommandResponse.builder().responseType("ephemeral").text(blocks.fallback(reply))
                .blocks(blocks.render(withFeedback(reply), shareId)).build();
    }

    /** An ephemeral answer on an interaction's response URL, as a new message under the clicked one. */
    public void ephemeral(String responseUrl, Reply reply) {
        if (responseUrl == null) {
            return;
        }
        poster.respond("ephemeral answer", responseUrl, ActionResponse.builder().responseType("ephemeral")
                .replaceOriginal(false).text(blocks.fallback(reply)).blocks(blocks.render(reply, null)).build());
    }

    /** A short ephemeral line ("Thanks", "already shared"). */
    public void ephemeral(String responseUrl, String text) {
        ephemeral(responseUrl, Reply.nothing(text));
    }

    /** A message on a response URL as it is (the alert mute confirmation). */
    public boolean respond(String what, String responseUrl, ActionResponse message) {
        return responseUrl != null && poster.respond(what, responseUrl, message);
    }

    /** Posts a shared answer in the channel, marked with who shared it; true when Slack took it. */
    public boolean share(String channel, Reply reply, String sharedBy) {
        List<LayoutBlock> rendered = new ArrayList<>(blocks.render(withFeedback(reply), null));
        if (isUserId(sharedBy)) {
            rendered.add(0, Blocks.context(c -> c.elements(List.of(
                    BlockCompositions.markdownText("Shared by <@" + sharedBy + "> with /aadsts")))));
        }
        String fallback = blocks.fallback(reply);
        List<LayoutBlock> fitting = rendered.subList(0, Math.min(rendered.size(), BlockKitCards.MAX_BLOCKS));
        return poster.send("shared answer in " + channel, c -> c.chatPostMessage(r -> r.channel(channel)
                .text(fallback).blocks(fitting).unfurlLinks(false).unfurlMedia(false))) != null;
    }

    /** Removes the ephemeral message a button was clicked in. */
    public void deleteOriginal(String responseUrl) {
        if (responseUrl != null) {
            poster.respond("removing the shared ephemeral", responseUrl,
                    ActionResponse.builder().deleteOriginal(true).build());
        }
    }

    /** Previews under links: {@code channel}+{@code ts} for a posted message, else the composer's unfurl id. */
    public void unfurl(String channel, String ts, String unfurlId, String source, Map<String, Reply> byUrl) {
        Map<String, ChatUnfurlRequest.UnfurlDetail> unfurls = new java.util.LinkedHashMap<>();
        byUrl.forEach((url, reply) -> unfurls.put(url, ChatUnfurlRequest.UnfurlDetail.builder()
                .blocks(UnfurlBlocks.of(reply)).build()));
        poster.send("link preview", c -> c.chatUnfurl(r -> {
            r.unfurls(unfurls);
            if (channel != null && ts != null) {
                r.channel(channel).ts(ts);
            } else {
                r.unfurlId(unfurlId).source(source);
            }
            return r;
        }));
    }

    /** Publishes a user's Home tab. */
    public void publishHome(String userId, View view) {
        poster.send("home tab", c -> c.viewsPublish(r -> r.userId(userId).view(view)));
    }

    BlockKitCards blocks() {
        return blocks;
    }
}
