package dev.aadsts.slack;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.socket_mode.SocketModeApp;
import com.slack.api.model.event.AppHomeOpenedEvent;
import com.slack.api.model.event.AppMentionEvent;
import com.slack.api.model.event.AppUninstalledEvent;
import com.slack.api.model.event.LinkSharedEvent;
import com.slack.api.model.event.MessageEvent;
import com.slack.api.model.event.TokensRevokedEvent;
import com.slack.api.socket_mode.SocketModeClient;
import dev.aadsts.core.BotCore;
import dev.aadsts.core.alert.delivery.AlertChannel;
import dev.aadsts.core.alert.delivery.AlertMutes;
import dev.aadsts.core.stats.Stats;
import dev.aadsts.core.store.Store;
import dev.aadsts.slack.handler.AppHomeOpenedHandler;
import dev.aadsts.slack.handler.AppMentionHandler;
import dev.aadsts.slack.handler.AppUninstalledHandler;
import dev.aadsts.slack.handler.EventIds;
import dev.aadsts.slack.handler.ExpandCardHandler;
import dev.aadsts.slack.handler.ExplainActionHandler;
import dev.aadsts.slack.handler.FeedbackActionHandler;
import dev.aadsts.slack.handler.HomeSearchHandler;
import dev.aadsts.slack.handler.LinkSharedHandler;
import dev.aadsts.slack.handler.MessageHandler;
import dev.aadsts.slack.handler.MuteActionHandler;
import dev.aadsts.slack.handler.ShareActionHandler;
import dev.aadsts.slack.handler.InvestigateActionHandler;
import dev.aadsts.slack.handler.SignInShareHandler;
import dev.aadsts.slack.handler.SignInSlashCommand;
import dev.aadsts.signin.investigate.GroupMembership;
import dev.aadsts.signin.investigate.InvestigateButton;
import dev.aadsts.signin.investigate.SignInInvestigations;
import dev.aadsts.slack.handler.SlashCommandHandler;
import dev.aadsts.slack.delivery.DeliveryLimits;
import dev.aadsts.slack.delivery.QueueFull;
import dev.aadsts.slack.delivery.ReplyQueue;
import dev.aadsts.slack.handler.TokensRevokedHandler;
import dev.aadsts.slack.install.BotTokens;
import dev.aadsts.slack.install.InstallFlow;
import dev.aadsts.slack.install.Workspace;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Slack side of the bot, on Bolt for Java. This class only wires: each entry point (an event, the
 * {@code /aadsts} command, a button) has its own handler in {@code dev.aadsts.slack.handler}, registered on
 * Bolt here, and the HTTP entry point checks the signature before Bolt sees a request. Handlers acknowledge
 * within Slack's three seconds: thread replies go through the bounded, durable {@link ReplyQueue}, other work
 * through a bounded pool; a full queue refuses the request so Slack sends it again.
 */
public final class SlackBot implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SlackBot.class);

    private final SlackSettings settings;
    private final App app;
    private final SlackRequestReader reader;
    private final SlackPoster poster;
    private final SlackWork work;
    private final ReplyQueue replyQueue;
    private final MuteActionHandler mute;
    private final SlackReplies replies;
    private final SlackSignIns signIns;
    private final InstallFlow install;
    private SocketModeApp socketMode;

    private SlackBot(SlackSettings settings, DeliveryLimits limits, BotCore core, Store store, Stats stats,
            SlackPoster.Sleeper sleeper) {
        this.settings = settings;
        this.work = new SlackWork(4, limits.workQueue());
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(settings.apiUrl());
        Slack slack = Slack.getInstance(config);
        AppConfig.AppConfigBuilder appConfigBuilder = AppConfig.builder()
                .signingSecret(settings.signingSecret() == null ? "socket-mode" : settings.signingSecret())
                .slack(slack)
                .authTestCacheEnabled(true)
                // Verified in constant time by RequestSignature before Bolt sees the request.
                .requestVerificationEnabled(false)
                // Message subtypes we do not handle (edits, deletions, joins) are acknowledged, not retried.
                .allEventsApiAutoAckEnabled(true);
        if (settings.distributed()) {
            InstallFlow.configure(appConfigBuilder, settings.distribution());
        } else {
            appConfigBuilder.singleTeamBotToken(settings.botToken());
        }
        AppConfig appConfig = appConfigBuilder.build();
        this.app = new App(appConfig);
        this.reader = settings.signingSecret() == null ? null
                : new SlackRequestReader(new RequestSignature(settings.signingSecret()), appConfig);
        BotTokens tokens;
        if (settings.distributed()) {
            this.install = InstallFlow.register(app, slack, settings.distribution(), store.slackInstallations());
            app.event(AppUninstalledEvent.class, new AppUninstalledHandler(install.stored()));
            app.event(TokensRevokedEvent.class, new TokensRevokedHandler(install.stored()));
            tokens = install.botTokens();
        } else {
            this.install = null;
            tokens = BotTokens.single(settings.botToken());
        }
        // After authorization: the rest of each request, and the work it hands to the pool, knows its workspace.
        app.use(Workspace.scope());
        this.poster = new SlackPoster(slack, tokens, sleeper);
        // A stored reply names its workspace; the token is looked up when it is sent (it may have rotated).
        this.replyQueue = new ReplyQueue(store.pendingReplies(), settings.apiUrl(),
                workspace -> tokens.botToken(Workspace.fromKey(workspace)), limits, Clock.systemUTC());

        SlackReplies replies = new SlackReplies(poster, store.threadAnswers());
        this.replies = replies;
        this.signIns = new SlackSignIns(poster);
        Shares shares = new Shares(store.sharePayloads(), store.shareClaims());
        EventIds events = new EventIds(store.seenEvents());
        HomeTab home = new HomeTab(replies.blocks(), core.catalog());
        this.mute = new MuteActionHandler(replies, work);

        app.event(MessageEvent.class, new MessageHandler(core, stats, replies, replyQueue, work,
                store.eventReplies()));
        app.event(AppMentionEvent.class, new AppMentionHandler(core, stats, replies, replyQueue, work,
                store.eventReplies()));
        app.event(LinkSharedEvent.class, new LinkSharedHandler(core, stats, replies, work, events));
        app.event(AppHomeOpenedEvent.class, new AppHomeOpenedHandler(stats, replies, work, home));
        app.command("/aadsts", new SignInSlashCommand(signIns, work,
                new SlashCommandHandler(core, stats, replies, work, shares)));
        app.blockAction(prefix(InvestigateButton.ACTION + "_"), new InvestigateActionHandler(signIns, work));
        app.blockAction(SlackSignIns.SHARE_ACTION, new SignInShareHandler(signIns, work));
        app.blockAction(SlackReplies.SHARE_ACTION, new ShareActionHandler(core, replies, work, shares));
        app.blockAction(prefix(SlackReplies.EXPLAIN_ACTION_PREFIX),
                new ExplainActionHandler(core, stats, replies, work, home));
        app.blockAction(prefix(FeedbackButtons.ACTION_PREFIX), new FeedbackActionHandler(stats, replies, work));
        app.blockAction(HomeTab.SEARCH_ACTION, new HomeSearchHandler(core, stats, replies, work, home));
        app.blockAction(prefix(SlackReplies.MUTE_ACTION_PREFIX), mute);
        new ExpandCardHandler(core, (url, r) -> replies.respond("expanded card", url, r)).register(app, work::submit);
        // Link buttons still send a click to the app; there is nothing to do but acknowledge it.
        app.blockAction(prefix(SlackReplies.OPEN_ACTION_PREFIX), (req, ctx) -> ctx.ack());
    }

    private static Pattern prefix(String actionIdPrefix) {
        return Pattern.compile("^" + Pattern.quote(actionIdPrefix) + ".*");
    }

    /**
     * @param store where event ids, codes answered per thread, share texts and claims, codes seen and votes
     *              are kept; the durable store, so a retried event, a second paste or a share click is handled
     *              once, and right, even when it reaches another replica or arrives after a restart
     */
    public static SlackBot create(SlackSettings settings, BotCore core, Store store) {
        return create(settings, DeliveryLimits.DEFAULTS, core, store);
    }

    /** @param limits the queues' bounds and the reply concurrency ({@link DeliveryLimits#fromEnvironment}) */
    public static SlackBot create(SlackSettings settings, DeliveryLimits limits, BotCore core, Store store) {
        SlackBot bot = new SlackBot(settings, limits, core, store,
                new Stats(store.stats(), core.catalog(), Clock.systemUTC()), Thread::sleep);
        // Replies a stopped process still owed go out first.
        bot.replyQueue.start();
        return bot;
    }

    public SlackSettings settings() {
        return settings;
    }

    /** Where alert cards are posted and updated. */
    public AlertChannel alertChannel() {
        return new SlackAlertChannel(poster);
    }

    /** Members of Slack user groups, for the sign-in allow-list. */
    public GroupMembership userGroups() {
        return signIns.userGroups();
    }

    /** Turns on sign-in investigations: the button on cards, {@code /aadsts signin}, private answers. */
    public void signInLookup(SignInInvestigations investigations) {
        signIns.use(investigations);
        replies.investigateButton(investigations != null);
    }

    /** Lets the alert cards' mute buttons work. */
    public void alertMutes(AlertMutes mutes) {
        mute.mutes(mutes);
    }

    /**
     * Posts a plain report (the weekly stats digest) in a channel, given as {@code C…}, or as {@code T…/C…}
     * ({@code E…/C…}) to name its workspace (organization) in distribution mode; true when Slack took it.
     */
    public boolean postText(String channel, String text) {
        int cut = channel.indexOf('/');
        Workspace workspace = cut > 0 ? Workspace.named(channel.substring(0, cut)) : null;
        String channelId = channel.substring(cut + 1);
        return poster.sendForResult(workspace, "digest in " + channel, c -> c.chatPostMessage(r -> r.channel(channelId)
                .text(Mrkdwn.fit(Mrkdwn.escape(text), BlockKitCards.MAX_TEXT)))).response() != null;
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
            if (isQueueFull(e)) {
                // Counted and logged by the queue; Slack sends the event again later.
                return SlackHttpResponse.error(503, "busy; retry later");
            }
            LOG.error("Slack request failed", e);
            return SlackHttpResponse.error(500, "internal error; see the server log");
        }
    }

    /**
     * A browser on {@code /slack/install} or {@code /slack/oauth_redirect} (distribution mode only): the
     * "Add to Slack" page, or the end of an install. No Slack signature here; the OAuth state is the check.
     */
    public InstallFlow.Answer install(String path, String rawQuery, Map<String, List<String>> headers,
                                      String remoteAddress) {
        if (install == null) {
            return new InstallFlow.Answer(404, "text/plain; charset=utf-8",
                    "this bot serves one workspace (SLACK_BOT_TOKEN); there is nothing to install", Map.of());
        }
        return install.handle(path, rawQuery, headers, remoteAddress);
    }

    private static boolean isQueueFull(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof QueueFull) {
                return true;
            }
        }
        return false;
    }

    /** Socket Mode: connects out to Slack, so the bot needs no public URL; reconnects by itself. */
    public void startSocketMode() throws Exception {
        // This constructor wires the envelope listener (the one taking a ready client does not); start
        // then turns on the client's auto-reconnect, which Slack's SDK leaves off by default.
        // A full queue leaves the envelope unacknowledged (Slack redelivers it), counted by the queue, not logged here.
        socketMode = new SocketModeApp(settings.appToken(), SocketModeClient.Backend.JavaWebSocket, failure -> {
            if (!isQueueFull(failure.getException())) {
                LOG.error("Slack request failed", failure.getException());
            }
            return null;
        }, app);
        socketMode.startAsync();
        LOG.info("Slack connected in Socket Mode");
    }

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

    /**
     * For the health endpoint and the metrics: other Web API calls delivered, failed for good and retried; the
     * reply queue's counters ({@code replies.*}); the work queue's length and overflows.
     */
    public Map<String, Long> counters() {
        Map<String, Long> m = new java.util.LinkedHashMap<>();
        m.put("delivered", poster.delivered());
        m.put("failed", poster.failed());
        m.put("retried", poster.retried());
        m.putAll(replyQueue.counters());
        m.put("work.queued", (long) work.queued());
        m.put("work.overflowed", work.overflowed());
        return m;
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
        replyQueue.close();
        work.close();
        app.stop();
    }
}
