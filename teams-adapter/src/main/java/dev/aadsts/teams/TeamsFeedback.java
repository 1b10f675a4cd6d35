package dev.aadsts.teams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.bot.schema.Activity;
import dev.aadsts.core.command.Reply;
import dev.aadsts.core.stats.Stats;
import dev.aadsts.core.stats.Vote;
import dev.aadsts.teams.cards.AdaptiveCards;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A click on an explain card's "Helpful" / "Not helpful": one vote per person and code. */
final class TeamsFeedback {
    private static final Logger LOG = LoggerFactory.getLogger(TeamsFeedback.class);

    private final Stats stats;
    private final AdaptiveCards cards;

    TeamsFeedback(Stats stats, AdaptiveCards cards) {
        this.stats = stats;
        this.cards = cards;
    }

    /** The short card that answers the click. */
    ObjectNode onVote(Activity activity, JsonNode data) {
        String code = data.path("code").asText("");
        Vote vote = Vote.fromId(data.path("vote").asText("")).orElse(null);
        String user = voter(activity);
        if (vote == null || user == null) {
            return text("That button is not valid.");
        }
        try {
            boolean first = stats.vote(code, "teams", user, vote);
            return text(first ? "Thanks for the feedback on AADSTS" + code + "."
                    : "Your vote on AADSTS" + code + " is updated: one vote per person and code.");
        } catch (IllegalArgumentException e) {
            return text("That button is not valid.");
        } catch (RuntimeException e) {
            LOG.warn("could not record feedback on AADSTS{}: {}", code, e.getMessage());
            return text("Sorry, your feedback could not be saved; try again later.");
        }
    }

    /** The Entra object id when Teams sends it (stable across chats), else the channel account id. */
    private static String voter(Activity a) {
        if (a.getFrom() == null) {
            return null;
        }
        String aad = a.getFrom().getAadObjectId();
        return aad != null && !aad.isBlank() ? aad : a.getFrom().getId();
    }

    private ObjectNode text(String line) {
        return cards.reply(Reply.nothing(line)).get(0);
    }
}
