package dev.aadsts.core.store;

import java.util.List;
import java.util.Optional;

/** Teams conversation references, refreshed on every inbound activity. */
public interface ConversationReferences {

    /**
     * Inserts or replaces the reference for {@code conversation.conversationId()}. A null team or channel
     * name in the new value keeps the stored name (Teams sends names only on some activities).
     */
    void save(TeamsConversation conversation);

    Optional<TeamsConversation> find(String conversationId);

    /** All references, ordered by conversation id. */
    List<TeamsConversation> all();

    /** Forgets a conversation the bot may no longer post into; true when one was removed. */
    boolean remove(String conversationId);
}
