package dev.aadsts.teams;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.bot.builder.BotFrameworkAdapter;
import com.microsoft.bot.builder.MessageFactory;
import com.microsoft.bot.connector.ConnectorClient;
import com.microsoft.bot.schema.Activity;
import com.microsoft.bot.schema.Attachment;
import com.microsoft.bot.schema.ConversationReference;
import com.microsoft.bot.schema.ResourceResponse;
import dev.aadsts.teams.cards.AdaptiveCards;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BiFunction;

/**
 * Posts into stored conversations by continuing them, the Bot Framework's way of speaking unprompted.
 * The connector is called directly inside the continued turn: a turn's own send would address the post as
 * a reply to the made-up continuation activity, and the adapter's turn-error handler would swallow the
 * connector's refusal, which {@link ConnectorRetry} needs to see.
 */
final class ProactiveOutbox implements TeamsOutbox {
    private final AadstsBotAdapter adapter;
    private final TeamsSettings settings;
    private final ConversationRecorder recorder;
    private final ConnectorRetry connector;

    ProactiveOutbox(AadstsBotAdapter adapter, TeamsSettings settings, ConversationRecorder recorder,
            ConnectorRetry connector) {
        this.adapter = adapter;
        this.settings = settings;
        this.recorder = recorder;
        this.connector = connector;
    }

    @Override
    public String post(String conversationId, ObjectNode card, String fallbackText) {
        ConversationReference reference = reference(conversationId);
        ResourceResponse posted = connector.call("post", conversationId, () -> inConversation(reference,
                (client, message) -> client.getConversations().sendToConversation(
                        message.getConversation().getId(), message), message(card, fallbackText, reference)));
        return posted == null ? null : posted.getId();
    }

    @Override
    public void update(String conversationId, String activityId, ObjectNode card, String fallbackText) {
        ConversationReference reference = reference(conversationId);
        Activity message = message(card, fallbackText, reference);
        message.setId(activityId);
        connector.call("update", conversationId, () -> inConversation(reference,
                (client, m) -> client.getConversations().updateActivity(m.getConversation().getId(), activityId, m),
                message));
    }

    private CompletableFuture<ResourceResponse> inConversation(ConversationReference reference,
            BiFunction<ConnectorClient, Activity, CompletableFuture<ResourceResponse>> call, Activity message) {
        CompletableFuture<ResourceResponse> result = new CompletableFuture<>();
        adapter.continueConversation(settings.appId(), reference, turn -> {
            ConnectorClient client = turn.getTurnState().get(BotFrameworkAdapter.CONNECTOR_CLIENT_KEY);
            return call.apply(client, message).handle((r, error) -> {
                if (error != null) {
                    result.completeExceptionally(error instanceof CompletionException && error.getCause() != null
                            ? error.getCause() : error);
                } else {
                    result.complete(r);
                }
                return null;
            });
        }).whenComplete((done, error) -> {
            if (!result.isDone()) {
                result.completeExceptionally(error != null ? error
                        : new IllegalStateException("the conversation was not continued"));
            }
        });
        return result;
    }

    private ConversationReference reference(String conversationId) {
        return recorder.reference(conversationId).orElseThrow(() -> new TeamsDeliveryException(
                "no stored Teams conversation " + conversationId + " (the bot must be installed there first)", 404, 0,
                true, null));
    }

    private static Activity message(ObjectNode card, String fallbackText, ConversationReference reference) {
        Attachment attachment = new Attachment();
        attachment.setContentType(AdaptiveCards.CONTENT_TYPE);
        attachment.setContent(card);
        Activity message = MessageFactory.attachment(attachment);
        message.setSummary(fallbackText);
        message.applyConversationReference(reference, false);
        // A new root post in a channel, not a reply to anything.
        message.setReplyToId(null);
        return message;
    }
}
