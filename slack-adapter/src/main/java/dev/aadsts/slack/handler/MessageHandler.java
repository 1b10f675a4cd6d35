package dev.aadsts.slack.handler;

import com.slack.api.app_backend.events.payload.EventsApiPayload;
import com.slack.api.bolt.context.builtin.EventContext;
import com.slack.api.bolt.handler.BoltEventHandler;
import com.slack.api.bolt.response.Response;
import com.slack.api.model.event.MessageEvent;
import dev.aadsts.core.BotCore;
import dev.aadsts.core.command.Reply;
import dev.aadsts.core.stats.Stats;
import dev.aadsts.slack.MessageText;
import dev.aadsts.slack.SlackReplies;
import dev.aadsts.slack.SlackWork;

/** A message in a channel or DM the bot is in: cards in its thread when it carries codes, else silence. */
public final class MessageHandler implements BoltEventHandler<MessageEvent> {
    private final BotCore core;
    private final Stats stats;
    private final SlackReplies replies;
    private final SlackWork work;
    private final EventIds events;
    private final MessageText messageText = new MessageText();

    public MessageHandler(BotCore core, Stats stats, SlackReplies replies, SlackWork work, EventIds events) {
        this.core = core;
        this.stats = stats;
        this.replies = replies;
        this.work = work;
        this.events = events;
    }

    @Override
    public Response apply(EventsApiPayload<MessageEvent> payload, EventContext ctx) {
        String eventId = payload.getEventId();
        String team = payload.getTeamId();
        String botUserId = ctx.getBotUserId();
        MessageEvent event = payload.getEvent();
        work.submit(() -> onMessage(eventId, team, event, botUserId));
        return ctx.ack();
    }

    void onMessage(String eventId, String team, MessageEvent event, String botUserId) {
        if (!events.firstSighting(eventId) || event.getBotId() != null || event.getSubtype() != null
                || event.getUser() == null || event.getUser().equals(botUserId)) {
            return; // Other bots, our own posts and edited/deleted/join messages never get an answer.
        }
        String text = messageText.of(event);
        if (botUserId != null && text.contains("<@" + botUserId)) {
            return; // The app_mention event for the same message answers it.
        }
        Reply pasted = core.router().paste(text);
        stats.seen(pasted, "slack", team);
        // Channels get compact cards; a direct message is a conversation with the bot and gets them in full.
        Reply reply = "im".equals(event.getChannelType()) ? pasted.full() : pasted;
        String thread = event.getThreadTs() != null ? event.getThreadTs() : event.getTs();
        replies.inThread(event.getChannel(), thread, reply);
    }
}
