package dev.aadsts.teams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.bot.builder.TurnContext;
import com.microsoft.bot.builder.teams.TeamsActivityHandler;
import com.microsoft.bot.schema.Activity;
import com.microsoft.bot.schema.ActivityTypes;
import com.microsoft.bot.schema.Attachment;
import com.microsoft.bot.schema.ChannelAccount;
import com.microsoft.bot.schema.Serialization;
import com.microsoft.bot.schema.teams.AppBasedLinkQuery;
import com.microsoft.bot.schema.teams.MessagingExtensionAttachment;
import com.microsoft.bot.schema.teams.MessagingExtensionParameter;
import com.microsoft.bot.schema.teams.MessagingExtensionQuery;
import com.microsoft.bot.schema.teams.MessagingExtensionResponse;
import com.microsoft.bot.schema.teams.MessagingExtensionResult;
import dev.aadsts.core.BotCore;
import dev.aadsts.core.card.Card;
import dev.aadsts.core.command.Reply;
import dev.aadsts.core.store.SeenEvents;
import dev.aadsts.knowledge.SearchHit;
import dev.aadsts.core.stats.Stats;
import dev.aadsts.teams.cards.AdaptiveCards;
import dev.aadsts.teams.cards.FeedbackButtons;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * Translates Teams activities into bot-core calls and bot-core replies into Adaptive Card messages. No
 * judgement lives here: what a text means and what to answer is the router's business.
 */
final class AadstsTeamsHandler extends TeamsActivityHandler {
    /** Teams rarely redelivers, but when it does (a slow answer, a connector retry) one answer is enough. */
    static final Duration DEDUPE_WINDOW = Duration.ofMinutes(30);
    private static final int COMPOSE_RESULTS = 10;
    /** Shown when the compose box is opened empty: the codes helpdesks meet most. */
    private static final List<String> COMMON_CODES = List.of("50126", "50076", "53003", "700016", "50011", "7000215");

    private final BotCore core;
    private final AdaptiveCards cards;
    private final ConversationRecorder recorder;
    private final SeenEvents seen;
    private final ConnectorRetry connector;
    private final Stats stats;
    private final TeamsFeedback feedback;
    private final TeamsStats statsCommand;
    private final TeamsLinkUnfurl unfurl;
    private final TeamsSignIns signIns;
    private final PlainMessages plain;
    private final ReplyCards replyCards;
    private volatile TeamsCardActions actions = TeamsCardActions.NONE;

    AadstsTeamsHandler(BotCore core, AdaptiveCards cards, ConversationRecorder recorder, SeenEvents seen,
            ConnectorRetry connector, Stats stats) {
        this.core = core;
        this.cards = cards;
        this.recorder = recorder;
        this.seen = seen;
        this.connector = connector;
        this.stats = stats;
        this.feedback = new TeamsFeedback(stats, cards);
        this.statsCommand = new TeamsStats(stats);
        this.unfurl = new TeamsLinkUnfurl(core, cards, stats);
        this.signIns = new TeamsSignIns(connector);
        this.plain = new PlainMessages(core, statsCommand);
        this.replyCards = new ReplyCards(cards, signIns);
    }

    TeamsSignIns signIns() {
        return signIns;
    }

    void actions(TeamsCardActions actions) {
        this.actions = actions;
    }

    @Override
    public CompletableFuture<Void> onTurn(TurnContext turn) {
        Activity a = turn.getActivity();
        // Compose-extension invokes come from any chat, including ones the bot is not a member of.
        if (!a.isType(ActivityTypes.INVOKE) && !fromThisBot(a)) {
            recorder.record(a);
        }
        return super.onTurn(turn);
    }

    /** What a redelivered activity is recognised by, on whichever path took it first. */
    static String activityKey(Activity a) {
        return "teams:" + a.getConversation().getId() + ":" + a.getId();
    }

    @Override
    protected CompletableFuture<Void> onMessageActivity(TurnContext turn) {
        Activity a = turn.getActivity();
        if (fromThisBot(a) || isFromAnyBot(a)) {
            return done();
        }
        if (a.getId() != null && !seen.firstSighting(activityKey(a), DEDUPE_WINDOW)) {
            return done();
        }
        JsonNode value = a.getValue() == null ? null : Serialization.objectToTree(a.getValue());
        if (value != null && value.hasNonNull("action")) {
            onCardAction(turn, value);
            return done();
        }

        String text = TeamsActivityReader.text(a);
        boolean addressed = "personal".equals(conversationType(a)) || TeamsActivityReader.mentionsThisBot(a);
        if (addressed && TeamsSignIns.isCommand(text)) {
            signIns.onCommand(turn, text);
            return done();
        }
        if (addressed && statsCommand.isStatsCommand(text)) {
            send(turn, statsCommand.report());
            return done();
        }
        // Plain messages normally never get here (TeamsReplyIntake takes them on the request thread); one with
        // button data that is no action does, and is answered the same way, directly.
        Reply reply = plain.textReply(a, text);
        if (reply == null) {
            return done();
        }
        stats.seen(reply, "teams", tenant(a));
        send(turn, reply);
        return done();
    }

    private void onCardAction(TurnContext turn, JsonNode value) {
        String action = value.path("action").asText("");
        if (TeamsSignIns.handles(action)) {
            signIns.onAction(turn, value);
            return;
        }
        if ("explain".equals(action)) {
            Reply reply = core.router().handle(value.path("code").asText(""));
            stats.seen(reply, "teams", tenant(turn.getActivity()));
            send(turn, reply);
            return;
        }
        if (FeedbackButtons.ACTION.equals(action)) {
            sendCard(turn, feedback.onVote(turn.getActivity(), value), "Thanks for the feedback");
            return;
        }
        String who = turn.getActivity().getFrom() == null ? null : turn.getActivity().getFrom().getName();
        ObjectNode answer = actions.onSubmit(value, who, ConnectorRetry.baseConversationId(
                turn.getActivity().getConversation().getId()));
        if (answer != null) {
            sendCard(turn, answer, value.path("action").asText("done"));
        }
    }

    @Override
    protected CompletableFuture<Void> onMembersAdded(List<ChannelAccount> added, TurnContext turn) {
        String self = turn.getActivity().getRecipient().getId();
        if (added.stream().anyMatch(m -> self.equals(m.getId()))) {
            sendCard(turn, cards.welcome(), "Hi! Paste an Entra ID sign-in error or type: aadsts 50011");
        }
        return done();
    }

    @Override
    protected CompletableFuture<Void> onMembersRemoved(List<ChannelAccount> removed, TurnContext turn) {
        String self = turn.getActivity().getRecipient().getId();
        if (removed.stream().anyMatch(m -> self.equals(m.getId()))) {
            recorder.forget(turn.getActivity());
        }
        return done();
    }

    @Override
    protected CompletableFuture<Void> onInstallationUpdateRemove(TurnContext turn) {
        recorder.forget(turn.getActivity());
        return done();
    }

    @Override
    protected CompletableFuture<MessagingExtensionResponse> onTeamsMessagingExtensionQuery(TurnContext turn,
            MessagingExtensionQuery query) {
        String text = queryText(query);
        List<Card> found = new ArrayList<>();
        if (text.isEmpty()) {
            COMMON_CODES.forEach(code -> found.addAll(core.router().handle(code).cards()));
        } else {
            Reply reply = core.router().handle(text);
            if (reply.kind() == Reply.Kind.CARDS) {
                found.addAll(reply.cards());
            } else {
                for (SearchHit hit : core.search().search(text, COMPOSE_RESULTS)) {
                    found.addAll(core.router().handle(hit.entry().code()).cards());
                }
            }
        }
        List<MessagingExtensionAttachment> results = new ArrayList<>();
        for (Card card : found.subList(0, Math.min(found.size(), COMPOSE_RESULTS))) {
            MessagingExtensionAttachment result = new MessagingExtensionAttachment();
            result.setContentType(AdaptiveCards.CONTENT_TYPE);
            result.setContent(cards.card(card));
            Attachment preview = new Attachment();
            preview.setContentType("application/vnd.microsoft.card.thumbnail");
            preview.setContent(cards.thumbnailPreview(card));
            result.setPreview(preview);
            results.add(result);
        }
        MessagingExtensionResult result = new MessagingExtensionResult();
        result.setType("result");
        result.setAttachmentLayout("list");
        result.setAttachments(results);
        return CompletableFuture.completedFuture(new MessagingExtensionResponse(result));
    }

    @Override
    protected CompletableFuture<MessagingExtensionResponse> onTeamsAppBasedLinkQuery(TurnContext turn,
            AppBasedLinkQuery query) {
        return CompletableFuture.completedFuture(unfurl.unfurl(query, tenant(turn.getActivity())));
    }

    static String tenant(Activity a) {
        return a.getConversation() == null ? null : a.getConversation().getTenantId();
    }

    /**
     * A plain message decided without a turn, so the request thread can answer it or take its reply on (see
     * {@link PlainMessages}).
     */
    PlainMessages.Decision decide(Activity a) {
        return plain.decide(a);
    }

    List<ReplyCards.CardMessage> render(Reply reply) {
        return replyCards.render(reply);
    }

    private void send(TurnContext turn, Reply given) {
        for (ReplyCards.CardMessage message : replyCards.render(given)) {
            Activity activity = message.activity();
            connector.call("reply", turn.getActivity().getConversation().getId(), () -> turn.sendActivity(activity));
        }
    }

    private void sendCard(TurnContext turn, ObjectNode card, String summary) {
        Activity message = new ReplyCards.CardMessage(card, summary).activity();
        connector.call("reply", turn.getActivity().getConversation().getId(), () -> turn.sendActivity(message));
    }

    private static String queryText(MessagingExtensionQuery query) {
        if (query.getParameters() == null) {
            return "";
        }
        for (MessagingExtensionParameter p : query.getParameters()) {
            // "initialRun" is Teams asking for suggestions before anything was typed.
            if (!"initialRun".equals(p.getName()) && p.getValue() != null) {
                return p.getValue().toString().strip();
            }
        }
        return "";
    }

    static String conversationType(Activity a) {
        String type = a.getConversation().getConversationType();
        return type == null ? "personal" : type.toLowerCase(Locale.ROOT).equals("groupchat") ? "groupChat" : type;
    }

    static boolean fromThisBot(Activity a) {
        return a.getFrom() != null && a.getRecipient() != null && a.getFrom().getId() != null
                && a.getFrom().getId().equals(a.getRecipient().getId());
    }

    static boolean isFromAnyBot(Activity a) {
        return a.getFrom() != null && a.getFrom().getRole() != null
                && "bot".equalsIgnoreCase(a.getFrom().getRole().toString());
    }

    private static CompletableFuture<Void> done() {
        return CompletableFuture.completedFuture(null);
    }
}
