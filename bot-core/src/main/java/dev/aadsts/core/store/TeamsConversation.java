package dev.aadsts.core.store;

import java.time.Instant;

/**
 * Where the bot can post in Teams without being asked: the conversation and everything needed to open it
 * again. {@code referenceJson} is the Bot Framework conversation reference as the Teams adapter wrote it;
 * the store keeps it opaque. Names may be null (personal chats have no team or channel).
 *
 * @param conversationType "personal", "groupChat" or "channel"
 */
public record TeamsConversation(
        String conversationId,
        String serviceUrl,
        String tenantId,
        String botId,
        String conversationType,
        String teamId,
        String teamName,
        String channelId,
        String channelName,
        String referenceJson,
        Instant updatedAt) {
}
