package dev.aadsts.teams;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.microsoft.bot.schema.Activity;
import com.microsoft.bot.schema.ConversationAccount;
import com.microsoft.bot.schema.ConversationReference;
import com.microsoft.bot.schema.Serialization;
import com.microsoft.bot.schema.teams.TeamsChannelData;
import dev.aadsts.core.store.ConversationReferences;
import dev.aadsts.core.store.TeamsConversation;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a durable reference to every conversation the bot hears from, so alerts can be posted there later.
 * Refreshed on each inbound activity: Teams moves conversations between service URLs, and team and channel
 * names change.
 */
final class ConversationRecorder {
    private static final Logger LOG = LoggerFactory.getLogger(ConversationRecorder.class);

    private final ConversationReferences conversations;
    private final Clock clock;

    ConversationRecorder(ConversationReferences conversations, Clock clock) {
        this.conversations = conversations;
        this.clock = clock;
    }

    void record(Activity activity) {
        ConversationAccount conversation = activity.getConversation();
        if (conversation == null || conversation.getId() == null || activity.getServiceUrl() == null
                || activity.getRecipient() == null) {
            return;
        }
        String id = ConnectorRetry.baseConversationId(conversation.getId());
        TeamsChannelData data = channelData(activity);
        String tenant = data != null && data.getTenant() != null ? data.getTenant().getId() : conversation.getTenantId();

        ConversationReference reference = activity.getConversationReference();
        // Stored for posting new messages, not for replying to this one.
        reference.setActivityId(null);
        ConversationAccount root = ConversationAccount.clone(reference.getConversation());
        root.setId(id);
        reference.setConversation(root);

        String teamId = data != null && data.getTeam() != null ? data.getTeam().getId() : null;
        String teamName = data != null && data.getTeam() != null ? data.getTeam().getName() : null;
        String channelId = data != null && data.getChannel() != null ? data.getChannel().getId() : null;
        String channelName = data != null && data.getChannel() != null ? data.getChannel().getName() : null;
        try {
            conversations.save(new TeamsConversation(id, activity.getServiceUrl(), tenant, activity.getRecipient().getId(),
                    conversation.getConversationType(), teamId, teamName, channelId, channelName,
                    Serialization.toString(reference), clock.instant()));
        } catch (JsonProcessingException | RuntimeException e) {
            // Answering the person matters more than remembering the conversation; the next activity retries.
            LOG.warn("Could not store the Teams conversation reference: {}", e.getMessage());
        }
    }

    void forget(Activity activity) {
        if (activity.getConversation() != null && activity.getConversation().getId() != null) {
            conversations.remove(ConnectorRetry.baseConversationId(activity.getConversation().getId()));
        }
    }

    Optional<ConversationReference> reference(String conversationId) {
        return conversations.find(conversationId).map(c -> {
            try {
                return Serialization.treeToValue(Serialization.jsonToTree(c.referenceJson()), ConversationReference.class);
            } catch (java.io.IOException | RuntimeException e) {
                throw new TeamsDeliveryException("stored reference for " + conversationId + " is unreadable", 0, 0,
                        false, e);
            }
        });
    }

    static TeamsChannelData channelData(Activity activity) {
        if (activity.getChannelData() == null) {
            return null;
        }
        try {
            return activity.getChannelData(TeamsChannelData.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return null;
        }
    }
}
