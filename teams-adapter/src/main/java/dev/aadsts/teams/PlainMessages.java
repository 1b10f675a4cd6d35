package dev.aadsts.teams;

import com.microsoft.bot.schema.Activity;
import com.microsoft.bot.schema.ActivityTypes;
import dev.aadsts.core.BotCore;
import dev.aadsts.core.command.Reply;

/**
 * What a plain message is answered with: text from a person, no button data, no command that needs a turn
 * ({@code signin}, {@code stats}). Decided from the activity alone, so the request thread can do it.
 */
final class PlainMessages {
    private final BotCore core;
    private final TeamsStats statsCommand;

    PlainMessages(BotCore core, TeamsStats statsCommand) {
        this.core = core;
        this.statsCommand = statsCommand;
    }

    /** The answer, or null when the activity is something else or gets no answer. */
    Reply reply(Activity a) {
        if (!a.isType(ActivityTypes.MESSAGE) || a.getValue() != null || a.getConversation() == null
                || AadstsTeamsHandler.fromThisBot(a) || AadstsTeamsHandler.isFromAnyBot(a)) {
            return null;
        }
        String text = TeamsActivityReader.text(a);
        boolean addressed = "personal".equals(AadstsTeamsHandler.conversationType(a))
                || TeamsActivityReader.mentionsThisBot(a);
        if (addressed && (TeamsSignIns.isCommand(text) || statsCommand.isStatsCommand(text))) {
            return null;
        }
        return textReply(a, text);
    }

    /** The answer to {@code text} where it was written, or null when the bot stays silent. */
    Reply textReply(Activity a, String text) {
        if ("personal".equals(AadstsTeamsHandler.conversationType(a))) {
            return core.router().handle(text);
        }
        if (TeamsActivityReader.mentionsThisBot(a)) {
            return core.router().mention(text);
        }
        // Resource-specific consent lets the bot read every message; it only speaks when there is a code.
        Reply reply = core.router().paste(text);
        return reply.kind() == Reply.Kind.CARDS ? reply : null;
    }
}
