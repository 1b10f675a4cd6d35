package dev.aadsts.slack;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.app_backend.interactive_components.response.ActionResponse;
import com.slack.api.app_backend.slash_commands.response.SlashCommandResponse;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.socket_mode.SocketModeApp;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.event.AppMentionEvent;
import com.slack.api.model.event.MessageEvent;
import com.slack.api.socket_mode.SocketModeClient;
import dev.aadsts.core.BotCore;
import dev.aadsts.core.store.SeenEvents;
import dev.aadsts.core.alert.delivery.AlertChannel;
import dev.aadsts.core.alert.delivery.AlertMutes;
import dev.aadsts.core.command.Reply;
import dev.aadsts.slack.handler.ExpandCardHandler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Slack side of the bot, on Bolt for Java. It only translates: Slack events, the {@code /aadsts}
 * command and button clicks go to bot-core's router, and its replies come back as Block Kit. Every
 * request is acknowledged at once and the work happens on a worker pool, because Slack retries
 * anything slower than three seconds.
 */
public final class SlackBot implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SlackBot.class);
    /** Slack retries an event for about an hour at most. */
    private static final java.time.Duration EVENT_MEMORY = java.time.Duration.ofHours(2);
    private static final Pattern USER_ID = Pattern.compile("[UW][A-Z0-9]{2,30}");
    private static final Pattern MENTION = Pattern.compile("<@[UW][A-Z0-9]+(?:\\|[^>]*)?>");

    private final SlackSettings settings;
    private final BotCore core;
    private final Slack slack;
    private final App app;
    private final SlackRequestReader reader;
    private final SlackPoster poster;
    private final BlockKitCards blocks = new BlockKitCards();
    private final MessageText messageText = new MessageText();
    private final ExecutorService work;
    // A code is explained once per thread, however often it is pasted there.
    private final Cache<String, Boolean> answered = Caffeine.newBuilder()
            .maximumSize(200_000).expireAfterWrite(Duration.ofDays(7)).build();
    // What an ephemeral answer's "Share in channel" button shares.
    private final Cache<String, String> shares = Caffeine.newBuilder()
            .maximumSize(50_000).expireAfterWrite(Duration.ofHours(6)).build();
    // Slack retries an event with the same event_id; one event gives at most one reply, across replicas.
    private final SeenEvents seenEvents;
    private SocketModeApp socketMode;
    private volatile AlertMutes mutes;

    private SlackBot(SlackSettings settings, BotCore core, SeenEvents seenEvents, SlackPoster.Sleeper sleeper) {
        this.seenEvents = seenEvents;
        this.settings = settings;
        this.core = core;
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(settings.apiUrl());
        this.slack = Slack.getInstance(config);
        AppConfig appConfig = AppConfig.builder()
                .singleTeamBotToken(settings.botToken())
                .signingSecret(settings.signingSecret() == null ? "socket-mode" : settings.signingSecret())
                .slack(slack)
                .authTestCacheEnabled(true)
                // Verified in constant time by RequestSignature before Bolt sees the request.
                .requestVerificationEnabled(false)
                // Message subtypes we do not handle (edits, deletions, joins) are acknowledged, not retried.
                .allEventsApiAutoAckEnabled(true)
                .build();
        this.app = new App(appConfig);
        this.reader = settings.signingSecret() == null ? null
                : new SlackRequestReader(new RequestSignature(settings.signingSecret()), appConfig);
        this.poster = new SlackPoster(slack, settings.botToken(), sleeper);
        AtomicInteger count = new AtomicInteger();
        this.work = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "slack-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        register();
    }

    /**
     * @param seenEvents where event ids are remembered; the durable store, so a retried event is answered
     *                   once even when the retry reaches another replica
     */
    public static SlackBot create(SlackSettings settings, BotCore core, SeenEvents seenEvents) {
        return new SlackBot(settings, core, seenEvents, Thread::sleep);
    }

    public SlackSettings settings() {
        return settings;
    }

    private void register() {
        app.event(MessageEvent.class, (payload, ctx) -> {
            String eventId = payload.getEventId();
            String botUserId = ctx.getBotUserId();
            submit(() -> onMessage(eventId, payload.getEvent(), botUserId));
            return ctx.ack();
        });
        app.event(AppMentionEvent.class, (payload, ctx) -> {
            String eventId = payload.getEventId();
            submit(() -> onMention(eventId, payload.getEvent()));
            return ctx.ack();
        });
        app.command("/aadsts", (req, ctx) -> {
            // The answer costs microseconds, so it goes back in the acknowledgement itself.
            String text = req.getPayload().getText() == null ? "" : req.getPayload().getText();
            Reply reply = core.router().handle(text);
            String shareId = reply.kind() == Reply.Kind.CARDS ? share(text) : null;
            return ctx.ackWithJson(SlashCommandResponse.builder().responseType("ephemeral")
                    .text(blocks.fallback(reply)).blocks(blocks.render(reply, shareId)).build());
        });
        app.blockAction(BlockKitCards.SHARE_ACTION, (req, ctx) -> {
            String shareId = req.getPayload().getActions().get(0).getValue();
            String channel = req.getPayload().getChannel() == null ? null : req.getPayload().getChannel().getId();
            String user = req.getPayload().getUser() == null ? null : req.getPayload().getUser().getId();
            String responseUrl = req.getPayload().getResponseUrl();
            submit(() -> onShare(shareId, channel, user, responseUrl));
            return ctx.ack();
        });
        app.blockAction(Pattern.compile("^" + BlockKitCards.EXPLAIN_ACTION_PREFIX + ".*"), (req, ctx) -> {
            String code = req.getPayload().getActions().get(0).getValue();
            String responseUrl = req.getPayload().getResponseUrl();
            submit(() -> respond(responseUrl, core.router().handle(code), false));
            return ctx.ack();
        });
        app.blockAction(Pattern.compile("^" + AlertBlocks.MUTE_ACTION_PREFIX + ".*"), (req, ctx) -> {
            String value = req.getPayload().getActions().get(0).getValue();
            String channel = req.getPayload().getChannel() == null ? null : req.getPayload().getChannel().getId();
            String user = req.getPayload().getUser() == null ? null : req.getPayload().getUser().getId();
            String responseUrl = req.getPayload().getResponseUrl();
            submit(() -> onMute(value, channel, user, responseUrl));
            return ctx.ack();
        });
        new ExpandCardHandler(core, (url, r) -> poster.respond("expanded card", url, r)).register(app, this::submit);
        // Link buttons still send a click to the app; there is nothing to do but acknowledge it.
        app.blockAction(Pattern.compile("^aadsts_open_.*"), (req, ctx) -> ctx.ack());
    }

    private void submit(Runnable task) {
        work.execute(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.error("Slack handler failed", e);
            }
        });
    }

    void onMessage(String eventId, MessageEvent event, String botUserId) {
        if (!firstSighting(eventId) || event.getBotId() != null || event.getSubtype() != null
                || event.getUser() == null || event.getUser().equals(botUserId)) {
            return; // Other bots, our own posts and edited/deleted/join messages never get an answer.
        }
        String text = messageText.of(event);
        if (botUserId != null && text.contains("<@" + botUserId)) {
            return; // The app_mention event for the same message answers it.
        }
        Reply pasted = core.router().paste(text);
        // Channels get compact cards; a direct message is a conversation with the bot and gets them in full.
        Reply reply = "im".equals(event.getChannelType()) ? pasted.full() : pasted;
        String thread = event.getThreadTs() != null ? event.getThreadTs() : event.getTs();
        postInThread(event.getChannel(), thread, reply);
    }

    void onMention(String eventId, AppMentionEvent event) {
        if (!firstSighting(eventId) || event.getBotId() != null) {
            return;
        }
        String text = MENTION.matcher(event.getText() == null ? "" : event.getText()).replaceAll(" ").strip();
        Reply reply = core.router().mention(text);
        String thread = event.getThreadTs() != null ? event.getThreadTs() : event.getTs();
        postInThread(event.getChannel(), thread, reply);
    }

    private void postInThread(String channel, String thread, Reply reply) {
        Reply fresh = notYetAnswered(channel, thread, reply);
        if (fresh.isEmpty()) {
            return;
        }
        List<LayoutBlock> rendered = blocks.render(fresh, null);
        String fallback = blocks.fallback(fresh);
        poster.send("reply in " + channel, c -> c.chatPostMessage(r -> r.channel(channel).threadTs(thread)
                .text(fallback).blocks(rendered).unfurlLinks(false).unfurlMedia(false)));
    }

    /** Drops the cards of codes this thread has been told about already. */
    private Reply notYetAnswered(String channel, String thread, Reply reply) {
        if (reply.kind() != Reply.Kind.CARDS) {
            return reply;
        }
        List<dev.aadsts.core.card.Card> cards = new ArrayList<>();
        for (var card : reply.cards()) {
            if (answered.asMap().putIfAbsent(channel + "/" + thread + "/" + card.code(), Boolean.TRUE) == null) {
                cards.add(card);
            }
        }
        List<String> omitted = reply.omittedCodes().stream()
                .filter(code -> !answered.asMap().containsKey(channel + "/" + thread + "/" + code)).toList();
        if (cards.isEmpty()) {
            return Reply.nothing("already answered in this thread");
        }
        return reply.withCards(cards, omitted);
    }

    private boolean firstSighting(String eventId) {
        return eventId == null || seenEvents.firstSighting("slack:" + eventId, EVENT_MEMORY);
    }

    private String share(String text) {
        String id = UUID.randomUUID().toString();
        shares.put(id, text);
        return id;
    }

    private void onShare(String shareId, String channel, String user, String responseUrl) {
        String text = shareId == null ? null : shares.getIfPresent(shareId);
        if (text == null || channel == null) {
            respond(responseUrl, Reply.nothing("That answer has expired; run /aadsts again to share it."), false);
            return;
        }
        Reply reply = core.router().handle(text);
        List<LayoutBlock> rendered = new ArrayList<>(blocks.render(reply, null));
        if (user != null && USER_ID.matcher(user).matches()) {
            rendered.add(0, com.slack.api.model.block.Blocks.context(c -> c.elements(List.of(
                    com.slack.api.model.block.composition.BlockCompositions.markdownText(
                            "Shared by <@" + user + "> with /aadsts")))));
        }
        String fallback = blocks.fallback(reply);
        var posted = poster.send("shared answer in " + channel, c -> c.chatPostMessage(r -> r.channel(channel)
                .text(fallback).blocks(rendered.subList(0, Math.min(rendered.size(), BlockKitCards.MAX_BLOCKS)))
                .unfurlLinks(false).unfurlMedia(false)));
        if (posted != null && responseUrl != null) {
            poster.respond("removing the shared ephemeral", responseUrl,
                    ActionResponse.builder().deleteOriginal(true).build());
        }
    }

    /** "hours|slack:C0123|50126" from an alert card's button; only honoured in the channel the card is in. */
    private void onMute(String value, String channel, String user, String responseUrl) {
        AlertMutes current = mutes;
        String[] parts = value == null ? new String[0] : value.split("\\|", 3);
        if (current == null || parts.length != 3 || channel == null || !parts[1].equals("slack:" + channel)) {
            respond(responseUrl, Reply.nothing("That button does not belong to this channel's alerts."), false);
            return;
        }
        try {
            java.time.Instant until = current.mute(parts[1], parts[2], Integer.parseInt(parts[0]), user);
            String who = user != null && USER_ID.matcher(user).matches() ? "<@" + user + ">" : "someone";
            poster.respond("mute confirmation", responseUrl, ActionResponse.builder().responseType("in_channel")
                    .replaceOriginal(false).text("AADSTS" + parts[2] + " alerts are muted in this channel until "
                            + until.toString().replace('T', ' ').substring(0, 16) + " UTC by " + who
                            + ". They are still counted.").build());
        } catch (IllegalArgumentException e) {
            respond(responseUrl, Reply.nothing("That mute button is not valid."), false);
        }
    }

    /** Where alert cards are posted and updated. */
    public AlertChannel alertChannel() {
        return new SlackAlertChannel(poster);
    }

    /** Lets the alert cards' mute buttons work. */
    public void alertMutes(AlertMutes mutes) {
        this.mutes = mutes;
    }

    private void respond(String responseUrl, Reply reply, boolean replace) {
        if (responseUrl == null) {
            return;
        }
        poster.respond("ephemeral answer", responseUrl, ActionResponse.builder().responseType("ephemeral")
                .replaceOriginal(replace).text(blocks.fallback(reply)).blocks(blocks.render(reply, null)).build());
    }

    /**
     * One request to {@code /slack/events}: events, slash commands and interactivity share the URL.
     * The signature is checked before anything is parsed.
     */
    public SlackHttpResponse handle(String rawQuery, Map<String, List<String>> headers, String body,
                                    String remoteAddress, long nowSeconds) {
        if (reader == null) {
            return SlackHttpResponse.error(404, "Slack runs in Socket Mode here; no HTTP endpoint");
        }
        SlackRequestReader.Read read = reader.read(rawQuery, headers, body, remoteAddress, nowSeconds);
        if (read.request() == null) {
            return SlackHttpResponse.error(read.status(), read.reason());
        }
        Request<?> request = read.request();
        try {
            Response response = app.run(request);
            return new SlackHttpResponse(response.getStatusCode(), response.getContentType(), response.getBody());
        } catch (Exception e) {
            LOG.error("Slack request failed", e);
            return SlackHttpResponse.error(500, "internal error; see the server log");
        }
    }

    /** Socket Mode: connects out to Slack, so the bot needs no public URL; reconnects by itself. */
    public void startSocketMode() throws Exception {
        // This constructor wires the envelope listener (the one taking a ready client does not); start
        // then turns on the client's auto-reconnect, which Slack's SDK leaves off by default.
        socketMode = new SocketModeApp(settings.appToken(), SocketModeClient.Backend.JavaWebSocket, app);
        socketMode.startAsync();
        LOG.info("Slack connected in Socket Mode");
    }

    /** Web API calls delivered, failed for good, and retried, for the health endpoint. */
    /** Whether the Socket Mode link is up (readiness asks); true in HTTP mode, where there is no link. */
    public boolean socketConnected() {
        SocketModeApp link = socketMode;
        if (!settings.socketMode()) {
            return true;
        }
        try {
            return link != null && link.getClient() != null && link.getClient().verifyConnection();
        } catch (RuntimeException e) {
            return false;
        }
    }

    public Map<String, Long> counters() {
        return Map.of("delivered", poster.delivered(), "failed", poster.failed(), "retried", poster.retried());
    }

    @Override
    public void close() {
        try {
            if (socketMode != null) {
                socketMode.close();
            }
        } catch (Exception e) {
            LOG.warn("closing Socket Mode failed", e);
        }
        work.shutdown();
        try {
            work.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        app.stop();
    }
}
