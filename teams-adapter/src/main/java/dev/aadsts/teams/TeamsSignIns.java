package dev.aadsts.teams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.bot.builder.BotFrameworkAdapter;
import com.microsoft.bot.builder.MessageFactory;
import com.microsoft.bot.builder.TurnContext;
import com.microsoft.bot.connector.ConnectorClient;
import com.microsoft.bot.schema.Activity;
import com.microsoft.bot.schema.Attachment;
import com.microsoft.bot.schema.ChannelAccount;
import com.microsoft.bot.schema.ConversationAccount;
import com.microsoft.bot.schema.ConversationParameters;
import com.microsoft.bot.schema.ConversationResourceResponse;
import com.microsoft.bot.schema.ResourceResponse;
import dev.aadsts.signin.investigate.AnswerSink;
import dev.aadsts.signin.investigate.InvestigateButton;
import dev.aadsts.signin.investigate.InvestigationAnswer;
import dev.aadsts.signin.investigate.SignInInvestigations;
import dev.aadsts.teams.cards.AdaptiveCards;
import dev.aadsts.teams.cards.SignInAdaptiveCard;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sign-in investigations in Teams. Answers go to the asker's personal chat with the bot (created through
 * the connector when the button was clicked in a channel or group chat), as a card the bot later replaces
 * with updateActivity when the record arrives. "Share redacted" posts the masked card where the card was.
 */
final class TeamsSignIns {
    static final String SHARE_ACTION = "aadsts_signin_share";
    /** "signin <id>", the id shaped like a GUID, so a message such as "sign-in failed" is still explained. */
    private static final Pattern COMMAND = Pattern.compile(
            "(?is)\\s*(?:aadsts\\s+)?sign-?in(?:\\s+(\\{?[0-9a-f]{8}-[0-9a-f-]{20,30}\\}?))?\\s*");
    private static final String OFF = "The sign-in lookup is not set up for Teams here. An administrator can turn it "
            + "on (GRAPH_* and SIGNIN_TEAMS_* settings).";

    private final ConnectorRetry connector;
    private final SignInAdaptiveCard cards = new SignInAdaptiveCard();
    private volatile SignInInvestigations investigations;

    TeamsSignIns(ConnectorRetry connector) {
        this.connector = connector;
    }

    void use(SignInInvestigations investigations) {
        this.investigations = investigations;
    }

    boolean on() {
        return investigations != null;
    }

    static boolean handles(String action) {
        return InvestigateButton.ACTION.equals(action) || SHARE_ACTION.equals(action);
    }

    static boolean isCommand(String text) {
        return text != null && COMMAND.matcher(text).matches();
    }

    /** {@code aadsts signin <id>} typed to the bot. */
    void onCommand(TurnContext turn, String text) {
        Matcher m = COMMAND.matcher(text);
        String id = m.matches() && m.group(1) != null ? m.group(1).replaceAll("[{}]", "") : null;
        if (id == null) {
            privately(turn, InvestigationAnswer.Kind.NOTE, "Usage: aadsts signin <correlation id or request id>");
            return;
        }
        investigate(turn, id);
    }

    void onAction(TurnContext turn, JsonNode value) {
        if (SHARE_ACTION.equals(value.path("action").asText())) {
            share(turn, value);
        } else {
            investigate(turn, value.path("value").asText(""));
        }
    }

    private void investigate(TurnContext turn, String id) {
        SignInInvestigations flow = investigations;
        if (flow == null) {
            privately(turn, InvestigationAnswer.Kind.ERROR, OFF);
            return;
        }
        Activity a = turn.getActivity();
        flow.investigate("teams", asker(a), id, new PersonalChat(turn));
    }

    private void share(TurnContext turn, JsonNode value) {
        SignInInvestigations flow = investigations;
        String target = value.path("target").asText("");
        if (flow == null || target.isEmpty()) {
            privately(turn, InvestigationAnswer.Kind.ERROR, flow == null ? OFF : "That button is not valid any more.");
            return;
        }
        InvestigationAnswer answer = flow.share("teams", asker(turn.getActivity()), value.path("value").asText(""));
        if (!answer.shareable()) {
            privately(turn, answer.kind(), answer.message());
            return;
        }
        ConnectorClient client = client(turn);
        Activity message = message(cards.render(answer, null), cards.summary(answer), turn.getActivity(), target);
        try {
            connector.call("redacted sign-in", target,
                    () -> client.getConversations().sendToConversation(target, message));
            privately(turn, InvestigationAnswer.Kind.NOTE, "Shared a redacted version where the card was.");
        } catch (TeamsDeliveryException e) {
            privately(turn, InvestigationAnswer.Kind.ERROR, "Teams did not take the shared answer; is the bot "
                    + "still in that conversation?");
        }
    }

    /** The asker's Entra object id, as the allow-list holds it; empty when Teams did not send one. */
    private static String asker(Activity a) {
        String id = a.getFrom() == null ? null : a.getFrom().getAadObjectId();
        return id == null ? "" : id.toLowerCase(Locale.ROOT);
    }

    /** A short note in the personal chat (a refusal, a usage line, a share confirmation). */
    private void privately(TurnContext turn, InvestigationAnswer.Kind kind, String text) {
        new PersonalChat(turn).first(new InvestigationAnswer(kind, null, null, text));
    }

    private static ConnectorClient client(TurnContext turn) {
        return turn.getTurnState().get(BotFrameworkAdapter.CONNECTOR_CLIENT_KEY);
    }

    private static Activity message(ObjectNode card, String summary, Activity from, String conversationId) {
        Attachment attachment = new Attachment();
        attachment.setContentType(AdaptiveCards.CONTENT_TYPE);
        attachment.setContent(card);
        Activity message = MessageFactory.attachment(attachment);
        message.setSummary(summary);
        message.setFrom(from.getRecipient());
        message.setConversation(new ConversationAccount(conversationId));
        return message;
    }

    /**
     * The asker's 1:1 chat with the bot. The connector client outlives the turn (the adapter keeps one per
     * service URL and renews its token), so the later update needs no stored reference.
     */
    private final class PersonalChat implements AnswerSink {
        private final ConnectorClient client;
        private final Activity asked;
        private final String origin;
        private volatile String chat;
        private volatile String activityId;

        PersonalChat(TurnContext turn) {
            this.client = client(turn);
            this.asked = turn.getActivity();
            String type = asked.getConversation().getConversationType();
            this.origin = type == null || "personal".equalsIgnoreCase(type) ? null : asked.getConversation().getId();
        }

        @Override
        public boolean first(InvestigationAnswer answer) {
            try {
                chat = origin == null ? asked.getConversation().getId() : openPersonalChat();
                Activity message = message(cards.render(answer, shareData(answer)), cards.summary(answer), asked, chat);
                ResourceResponse posted = connector.call("sign-in answer", chat,
                        () -> client.getConversations().sendToConversation(chat, message));
                activityId = posted == null ? null : posted.getId();
                return activityId != null;
            } catch (TeamsDeliveryException e) {
                return false;
            }
        }

        @Override
        public void update(InvestigationAnswer answer) {
            if (chat == null || activityId == null) {
                return;
            }
            Activity message = message(cards.render(answer, shareData(answer)), cards.summary(answer), asked, chat);
            message.setId(activityId);
            try {
                connector.call("sign-in update", chat,
                        () -> client.getConversations().updateActivity(chat, activityId, message));
            } catch (TeamsDeliveryException e) {
                // Already logged by the retry; the asker can ask again.
            }
        }

        private String openPersonalChat() {
            ConversationParameters parameters = new ConversationParameters();
            parameters.setIsGroup(false);
            parameters.setBot(asked.getRecipient());
            ChannelAccount member = new ChannelAccount(asked.getFrom().getId());
            parameters.setMembers(List.of(member));
            String tenant = asked.getConversation().getTenantId();
            parameters.setTenantId(tenant);
            if (tenant != null) {
                // A Jackson tree: the SDK's serializer cannot reflect into the JDK's immutable maps.
                ObjectNode channelData = JsonNodeFactory.instance.objectNode();
                channelData.putObject("tenant").put("id", tenant);
                parameters.setChannelData(channelData);
            }
            ConversationResourceResponse created = connector.call("opening a personal chat", null,
                    () -> client.getConversations().createConversation(parameters));
            if (created == null || created.getId() == null) {
                throw new TeamsDeliveryException("no personal chat id", 0, 0, false, null);
            }
            return created.getId();
        }

        private JsonNode shareData(InvestigationAnswer answer) {
            if (!answer.shareable() || origin == null) {
                return null;
            }
            return JsonNodeFactory.instance.objectNode().put("action", SHARE_ACTION).put("value", answer.id())
                    .put("target", origin);
        }
    }
}
