package dev.aadsts.teams;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.bot.builder.InvokeResponse;
import com.microsoft.bot.connector.authentication.AppCredentials;
import com.microsoft.bot.connector.authentication.AuthenticationConfiguration;
import com.microsoft.bot.connector.authentication.AuthenticationException;
import com.microsoft.bot.connector.authentication.ClaimsIdentity;
import com.microsoft.bot.connector.authentication.JwtTokenValidation;
import com.microsoft.bot.connector.authentication.SimpleChannelProvider;
import com.microsoft.bot.connector.authentication.SimpleCredentialProvider;
import com.microsoft.bot.schema.Activity;
import com.microsoft.bot.schema.ActivityTypes;
import com.microsoft.bot.schema.RoleTypes;
import dev.aadsts.core.BotCore;
import dev.aadsts.core.alert.delivery.AlertChannel;
import dev.aadsts.core.alert.delivery.AlertMutes;
import dev.aadsts.core.overflow.OverflowLog;
import dev.aadsts.core.stats.Stats;
import dev.aadsts.core.store.Store;
import dev.aadsts.signin.investigate.SignInInvestigations;
import dev.aadsts.teams.cards.AdaptiveCards;
import dev.aadsts.teams.delivery.TeamsReplyLimits;
import dev.aadsts.teams.delivery.TeamsReplyQueue;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link TeamsEndpoint} on the Bot Framework Java SDK. */
final class BotFrameworkTeams implements TeamsEndpoint {
    private static final Logger LOG = LoggerFactory.getLogger(BotFrameworkTeams.class);
    /** Teams shows "Unable to reach app" if an invoke takes longer than about five seconds. */
    private static final long INVOKE_TIMEOUT_MILLIS = 4_500;
    /** Activities waiting for a worker; past this, 503 (the Bot Connector retries), counted and logged. */
    static final int WORK_QUEUE = 1000;

    private final TeamsSettings settings;
    private final AadstsBotAdapter adapter;
    private final AadstsTeamsHandler handler;
    private final ConversationRecorder recorder;
    // Chatter the bot does not answer still refreshes its conversation's reference, at most this often.
    private final com.github.benmanes.caffeine.cache.Cache<String, Boolean> recentlyRecorded =
            com.github.benmanes.caffeine.cache.Caffeine.newBuilder().maximumSize(100_000)
                    .expireAfterWrite(java.time.Duration.ofMinutes(10)).build();
    private final ConnectorRetry connector;
    private final SimpleCredentialProvider credentials;
    private final ExecutorService workers;
    private final TeamsOutbox outbox;
    private final TeamsAlertChannel alerts;
    private final TeamsReplyQueue replies;
    private final TeamsReplyIntake intake;
    private final ObjectMapper json = new ObjectMapper()
            .setSerializationInclusion(JsonInclude.Include.NON_NULL)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .findAndRegisterModules();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong handled = new AtomicLong();
    private final OverflowLog overflow = new OverflowLog("Teams work queue", WORK_QUEUE, java.time.Duration.ofMinutes(1));

    BotFrameworkTeams(TeamsSettings settings, TeamsReplyLimits limits, BotCore core, Store store) {
        this.settings = settings;
        this.adapter = new AadstsBotAdapter(settings);
        this.credentials = new SimpleCredentialProvider(settings.appId(), settings.appPassword());
        this.connector = new ConnectorRetry(store.conversations());
        this.recorder = new ConversationRecorder(store.conversations(), Clock.systemUTC());
        Stats stats = new Stats(store.stats(), core.catalog(), Clock.systemUTC());
        this.handler = new AadstsTeamsHandler(core, new AdaptiveCards(), recorder, store.seenEvents(), connector, stats);
        this.outbox = new ProactiveOutbox(adapter, settings, recorder, connector);
        this.alerts = new TeamsAlertChannel(outbox, store.conversations());
        AtomicInteger n = new AtomicInteger();
        // Bounded, like Slack's: a flood of messages is refused with 503 rather than queued without end.
        this.workers = new ThreadPoolExecutor(4, 4, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(WORK_QUEUE), r -> {
            Thread t = new Thread(r, "teams-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        AppCredentials outbound = adapter.connectorCredentials();
        this.replies = new TeamsReplyQueue(store.pendingReplies(), limits, outbound == null ? null : outbound::getToken,
                id -> store.conversations().remove(ConnectorRetry.baseConversationId(id)), ConnectorFaults::outcome,
                Clock.systemUTC());
        this.intake = new TeamsReplyIntake(handler, replies, store.eventReplies(), recorder, stats, workers);
        replies.start();
    }

    @Override
    public TeamsHttpResponse handle(String authorization, byte[] body) {
        Activity activity;
        try {
            activity = TeamsActivityReader.parse(body);
        } catch (TeamsActivityReader.NotAnActivity e) {
            return TeamsHttpResponse.problem(400, e.getMessage());
        }

        if (activity.getRecipient() != null && activity.getRecipient().getRole() == null) {
            // The SDK's Emulator path dereferences the recipient's role; hand-written test activities omit it.
            activity.getRecipient().setRole(RoleTypes.BOT);
        }
        String lifetime = settings.validatesTokens()
                ? TokenLifetime.refuse(authorization, System.currentTimeMillis() / 1000) : null;
        if (lifetime != null) {
            rejected.incrementAndGet();
            LOG.info("Teams request refused: {}", lifetime);
            return TeamsHttpResponse.problem(401, "missing or invalid Bot Framework token");
        }
        ClaimsIdentity identity;
        try {
            identity = JwtTokenValidation.authenticateRequest(activity, authorization, credentials,
                    new SimpleChannelProvider(), new AuthenticationConfiguration()).join();
        } catch (CompletionException | AuthenticationException e) {
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            rejected.incrementAndGet();
            // The reason helps whoever sets the bot up; the token itself is never logged.
            LOG.info("Teams request refused: {}", cause.getMessage());
            return TeamsHttpResponse.problem(401, "missing or invalid Bot Framework token");
        } catch (RuntimeException e) {
            rejected.incrementAndGet();
            LOG.info("Teams request refused: {}", e.toString());
            return TeamsHttpResponse.problem(401, "missing or invalid Bot Framework token");
        }

        if (activity.isType(ActivityTypes.INVOKE)) {
            return invoke(identity, activity);
        }
        PlainMessages.Decision plain = handler.decide(activity);
        if (plain.silent()) {
            handled.incrementAndGet();
            refreshReference(activity);
            return TeamsHttpResponse.empty(200);
        }
        TeamsHttpResponse queued = plain.reply() == null ? null : intake.take(activity, plain.reply());
        if (queued != null) {
            if (queued.status() == 200) {
                handled.incrementAndGet();
            }
            return queued;
        }
        try {
            workers.execute(() -> {
                try {
                    adapter.processActivity(identity, activity, handler::onTurn).join();
                    handled.incrementAndGet();
                } catch (RuntimeException e) {
                    LOG.error("Teams {} activity failed", activity.getType(), e);
                }
            });
        } catch (RejectedExecutionException busy) {
            overflow.overflowed();
            return TeamsHttpResponse.problem(503, "busy; retry shortly");
        }
        return TeamsHttpResponse.empty(200);
    }

    /** Best effort, off the request thread: a full pool skips it, and the next message tries again. */
    private void refreshReference(Activity activity) {
        String id = ConnectorRetry.baseConversationId(activity.getConversation().getId() == null ? ""
                : activity.getConversation().getId());
        if (recentlyRecorded.asMap().putIfAbsent(id, Boolean.TRUE) != null) {
            return;
        }
        try {
            workers.execute(() -> recorder.record(activity));
        } catch (RejectedExecutionException busy) {
            recentlyRecorded.invalidate(id);
        }
    }

    private TeamsHttpResponse invoke(ClaimsIdentity identity, Activity activity) {
        try {
            InvokeResponse response = adapter.processActivity(identity, activity, handler::onTurn)
                    .get(INVOKE_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
            handled.incrementAndGet();
            if (response == null) {
                return TeamsHttpResponse.empty(200);
            }
            return response.getBody() == null
                    ? TeamsHttpResponse.empty(response.getStatus())
                    : TeamsHttpResponse.json(response.getStatus(), json.writeValueAsString(response.getBody()));
        } catch (TimeoutException e) {
            LOG.warn("Teams {} invoke took longer than {} ms", activity.getName(), INVOKE_TIMEOUT_MILLIS);
            return TeamsHttpResponse.problem(500, "invoke timed out");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return TeamsHttpResponse.problem(500, "interrupted");
        } catch (ExecutionException | JsonProcessingException e) {
            LOG.error("Teams {} invoke failed", activity.getName(), e);
            return TeamsHttpResponse.problem(500, "invoke failed");
        }
    }

    @Override
    public TeamsOutbox outbox() {
        return outbox;
    }

    @Override
    public AlertChannel alertChannel() {
        return alerts;
    }

    @Override
    public void alertMutes(AlertMutes mutes) {
        AlertAdaptiveCard cards = new AlertAdaptiveCard();
        handler.actions((data, user, conversationId) -> {
            if (!"mute".equals(data.path("action").asText())) {
                return null;
            }
            String target = data.path("target").asText("");
            String code = data.path("code").asText("");
            if (!alerts.belongsTo(target, conversationId)) {
                return cards.confirmation("That button does not belong to this conversation's alerts.");
            }
            try {
                java.time.Instant until = mutes.mute(target, code, data.path("hours").asInt(), user);
                return cards.confirmation("AADSTS" + code + " alerts are muted here until "
                        + until.toString().replace('T', ' ').substring(0, 16) + " UTC"
                        + (user == null ? "" : " by " + dev.aadsts.teams.cards.TeamsText.escape(user))
                        + ". They are still counted.");
            } catch (IllegalArgumentException e) {
                return cards.confirmation("That mute button is not valid.");
            }
        });
    }

    @Override
    public void signInLookup(SignInInvestigations investigations) {
        handler.signIns().use(investigations);
    }

    @Override
    public Map<String, Long> counters() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("activitiesHandled", handled.get());
        m.put("requestsRefused", rejected.get());
        m.put("queueOverflows", overflow.total());
        connector.counters().forEach((k, v) -> m.put("replies." + k, v));
        replies.addCounters(m);
        return m;
    }

    @Override
    public TeamsSettings settings() {
        return settings;
    }

    @Override
    public void close() {
        replies.close();
        workers.shutdown();
        try {
            workers.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
