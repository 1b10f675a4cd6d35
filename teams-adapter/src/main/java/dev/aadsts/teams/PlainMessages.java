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

    /**
     * What the request thread does with a message: nothing ({@link #silent()}), take on {@link #reply()}, or neither,
     * and a worker's turn deals with it.
     */
    record Decision(boolean silent, Reply reply) {
        private static final Decision SILENT = new Decision(true, null);
        private static final Decision TURN = new Decision(false, null);

        private static Decision answer(Reply reply) {
            return reply == null ? TURN : new Decision(false, reply);
        }
    }

    /**
     * Decides a message with one analysis of its text. Silent is a channel or group-chat message not addressed to the
     * bot and without a code: nearly all traffic, answered 200 and never queued.
     */
    Decision decide(Activity a) {
        if (!a.isType(ActivityTypes.MESSAGE) || a.getValue() != null || a.getConversation() == null
                || AadstsTeamsHandler.fromThisBot(a)) {
            return Decision.TURN;
        }
        String text = TeamsActivityReader.text(a);
        boolean personal = "personal".equals(AadstsTeamsHandler.conversationType(a));
        boolean mentioned = TeamsActivityReader.mentionsThisBot(a);
        if (!personal && !mentioned) {
            // Resource-specific consent lets the bot read every message; it only speaks when there is a code.
            Reply pasted = core.router().paste(text);
            if (pasted.kind() != Reply.Kind.CARDS) {
                return Decision.SILENT;
            }
            // Another bot's paste still gets a turn, which records its conversation and answers nothing.
            return AadstsTeamsHandler.isFromAnyBot(a) ? Decision.TURN : Decision.answer(pasted);
        }
        if (AadstsTeamsHandler.isFromAnyBot(a) || TeamsSignIns.isCommand(text) || statsCommand.isStatsCommand(text)) {
            return Decision.TURN;
        }
        return Decision.answer(textReply(a, text));
    }

    /** The answer to {@code text} where it was written, or null when the bot stays silent. */
    Reply textReply(Activity a, String text) {
        if ("personal".equals(AadstsTeamsHandler.conversationType(a))) {
            return core.router().handle(text);
        }
        if (TeamsActivityReader.mentionsThisBot(a)) {
            return core.router().mention(text);
        }
        Reply reply = core.router().paste(text);
        return reply.kind() == Reply.Kind.CARDS ? reply : null;
    }
}
