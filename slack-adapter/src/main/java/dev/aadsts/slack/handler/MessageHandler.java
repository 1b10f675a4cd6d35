package dev.aadsts.slack.handler;

import com.slack.api.app_backend.events.payload.EventsApiPayload;
import com.slack.api.bolt.context.builtin.EventContext;
import com.slack.api.bolt.handler.BoltEventHandler;
import com.slack.api.bolt.response.Response;
import com.slack.api.model.event.MessageEvent;
import dev.aadsts.core.BotCore;
import dev.aadsts.core.command.Reply;
import dev.aadsts.core.stats.Stats;
import dev.aadsts.core.store.EventReplies;
import dev.aadsts.slack.MessageText;
import dev.aadsts.slack.SlackReplies;
import dev.aadsts.slack.SlackWork;
import dev.aadsts.slack.delivery.ReplyQueue;

/**
 * A message in a channel or DM the bot is in: cards in its thread when it carries codes, else silence. Nearly all
 * messages carry no code; that is decided here, on the request thread, and they never reach a queue. A message
 * with a code takes a place in the reply queue before it is acknowledged, or is refused so Slack retries it.
 */
public final class MessageHandler implements BoltEventHandler<MessageEvent> {
    private final BotCore core;
    private final ThreadReply answer;
    private final MessageText messageText = new MessageText();

    public MessageHandler(BotCore core, Stats stats, SlackReplies replies, ReplyQueue queue,
            SlackWork work, EventReplies intake) {
        this.core = core;
        this.answer = new ThreadReply(stats, replies, queue, work, intake);
    }

    @Override
    public Response apply(EventsApiPayload<MessageEvent> payload, EventContext ctx) {
        MessageEvent event = payload.getEvent();
        String botUserId = ctx.getBotUserId();
        if (event.getBotId() != null || event.getSubtype() != null || event.getUser() == null
                || event.getUser().equals(botUserId)) {
            return ctx.ack(); // Other bots, our own posts and edited/deleted/join messages never get an answer.
        }
        String text = messageText.of(event);
        if (botUserId != null && text.contains("<@" + botUserId)) {
            return ctx.ack(); // The app_mention event for the same message answers it.
        }
        Reply pasted = core.router().paste(text);
        if (pasted.isEmpty()) {
            return ctx.ack();
        }
        // Channels get compact cards; a direct message is a conversation with the bot and gets them in full.
        return answer.answer(payload, ctx, event.getChannel(), event.getTs(), event.getThreadTs(),
                () -> "im".equals(event.getChannelType()) ? pasted.full() : pasted);
    }
}
