package dev.aadsts.core.alert.delivery;

import dev.aadsts.core.alert.routing.AlertTarget;

/** One chat platform as the alert dispatcher sees it. Implementations retry transient faults themselves. */
public interface AlertChannel {

    /**
     * Posts a new card.
     *
     * @return a reference to the message, to update it later
     * @throws AlertDeliveryException when it could not be posted
     */
    String post(AlertTarget target, AlertCard card);

    /** Replaces the card in a message posted earlier. */
    void update(AlertTarget target, String messageRef, AlertCard card);
}
