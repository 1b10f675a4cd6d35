package dev.aadsts.teams;

import dev.aadsts.core.BotCore;
import dev.aadsts.core.alert.delivery.AlertChannel;
import dev.aadsts.core.alert.delivery.AlertMutes;
import dev.aadsts.core.store.Store;
import dev.aadsts.signin.investigate.SignInInvestigations;
import dev.aadsts.teams.delivery.TeamsReplyLimits;
import java.util.Map;

/**
 * The Teams bot as the rest of the app sees it: one HTTP endpoint and a way to post on our own. Bot
 * Framework SDK types stay behind this interface, so the retired SDK can be swapped without touching the
 * server or the alerts.
 */
public interface TeamsEndpoint extends AutoCloseable {

    /** Handles one {@code POST /api/messages}: the raw Authorization header (or null) and body. */
    TeamsHttpResponse handle(String authorization, byte[] body);

    /** Proactive posts into stored conversations (alerts). */
    TeamsOutbox outbox();

    /** Alert cards into Teams conversations, for the alert dispatcher. */
    AlertChannel alertChannel();

    /**
     * Makes the alert cards' mute buttons work: a click silences the code for the conversation the card is
     * in, never for another one.
     */
    void alertMutes(AlertMutes mutes);

    /**
     * Turns on sign-in investigations: the button on cards, {@code aadsts signin <id>}, answers in the
     * asker's personal chat.
     */
    void signInLookup(SignInInvestigations investigations);

    /** Delivery counters for /healthz. */
    Map<String, Long> counters();

    TeamsSettings settings();

    @Override
    void close();

    static TeamsEndpoint create(TeamsSettings settings, BotCore core, Store store) {
        return create(settings, TeamsReplyLimits.DEFAULTS, core, store);
    }

    /** @param limits the reply queue's bound and concurrency ({@link TeamsReplyLimits#fromEnvironment}) */
    static TeamsEndpoint create(TeamsSettings settings, TeamsReplyLimits limits, BotCore core, Store store) {
        return new BotFrameworkTeams(settings, limits, core, store);
    }
}
