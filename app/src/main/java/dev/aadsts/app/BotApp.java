package dev.aadsts.app;

import dev.aadsts.app.alerts.AlertsMount;
import dev.aadsts.app.ops.Metrics;
import dev.aadsts.app.ops.OpsMount;
import dev.aadsts.app.server.BotServer;
import dev.aadsts.app.stats.StatsDigestSetting;
import dev.aadsts.app.server.ServerConfig;
import dev.aadsts.app.server.ServerLimits;
import dev.aadsts.app.signin.SignInMount;
import dev.aadsts.app.slack.SlackMount;
import dev.aadsts.app.teams.TeamsMount;
import dev.aadsts.core.BotCore;
import dev.aadsts.core.alert.delivery.AlertChannel;
import dev.aadsts.core.alert.delivery.AlertMutes;
import dev.aadsts.core.alert.routing.AlertConfigException;
import dev.aadsts.core.alert.routing.AlertTarget;
import dev.aadsts.core.overlay.Overlay;
import dev.aadsts.core.overlay.OverlayException;
import dev.aadsts.core.overlay.OverlayLoader;
import dev.aadsts.core.overlay.OverlayWatcher;
import dev.aadsts.core.stats.WeeklyDigest;
import dev.aadsts.core.store.Store;
import dev.aadsts.core.store.StoreException;
import dev.aadsts.signin.graph.GraphSettings;
import dev.aadsts.store.StoreOpening;
import dev.aadsts.store.Stores;
import dev.aadsts.teams.TeamsConfigException;
import dev.aadsts.teams.TeamsOutbox;
import dev.aadsts.teams.TeamsSettings;
import dev.aadsts.teams.delivery.TeamsReplyLimits;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.EnumMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running bot: the durable store, the HTTP server and every platform mounted on it, started from the
 * environment and stopped in reverse order. {@code serve} and the end-to-end tests both start it here.
 */
public final class BotApp implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BotApp.class);

    private final Store store;
    private final BotServer server;
    private final List<AutoCloseable> parts;
    private final TeamsMount teams;

    private BotApp(Store store, BotServer server, List<AutoCloseable> parts, TeamsMount teams) {
        this.store = store;
        this.server = server;
        this.parts = parts;
        this.teams = teams;
    }

    /**
     * @throws ConfigException the environment describes something that cannot work (the message says what)
     * @throws IOException     the port could not be bound
     */
    public static BotApp start(Map<String, String> env, BotCore core) throws IOException {
        return start(env, () -> core);
    }

    /**
     * As {@link #start(Map, BotCore)}, asking for the core only once the store is open: {@code serve} loads the
     * catalog on another thread meanwhile. Each takes a few hundred milliseconds of a start and neither needs
     * the other, so on two cores they overlap.
     */
    public static BotApp start(Map<String, String> env, Supplier<BotCore> loadingCore) throws IOException {
        return start(env, Stores.beginOpening(env), loadingCore);
    }

    /**
     * As {@link #start(Map, Supplier)}, finishing a store opening the caller began: {@code serve} begins it before
     * this class is first used, because initialising this class configures logging (a few hundred milliseconds),
     * and the embedded database's file and schema take about as long on their own thread. A setting that cannot
     * work abandons the opening, which removes a database this start created.
     */
    public static BotApp start(Map<String, String> env, StoreOpening opening, Supplier<BotCore> loadingCore)
            throws IOException {
        TeamsSettings teamsSettings;
        TeamsReplyLimits teamsReplies;
        ServerConfig config;
        ServerLimits limits;
        OpsMount.ManagementPort management;
        AlertsMount.Settings alertSettings;
        StatsDigestSetting.Target digestTarget;
        SignInMount.Settings signInSettings;
        try {
            teamsSettings = TeamsSettings.fromEnv(env);
            config = ServerConfig.fromEnvironment(env,
                    SlackMount.needsInbound(env) || TeamsMount.needsInbound(teamsSettings));
            limits = ServerLimits.fromEnvironment(env);
            management = OpsMount.ManagementPort.fromEnvironment(env);
            // Checked before the store is opened, so a typo in the routes leaves nothing behind.
            alertSettings = AlertsMount.settings(env);
            digestTarget = StatsDigestSetting.parse(env);
            signInSettings = SignInMount.settings(env);
            SlackMount.checkDestinations(env, alertSettings == null ? List.of() : alertSettings.routing().targets(),
                    digestTarget != null && digestTarget.slack() ? digestTarget.conversation() : null);
            dev.aadsts.slack.delivery.DeliveryLimits.fromEnvironment(env); // a bad queue size stops start-up here
            teamsReplies = TeamsReplyLimits.fromEnvironment(env);
        } catch (TeamsConfigException | AlertConfigException | IllegalArgumentException
                | GraphSettings.InvalidSettings e) {
            opening.abandon();
            throw new ConfigException(e.getMessage());
        } catch (RuntimeException | Error e) {
            opening.abandon();
            throw e;
        }
        CompletableFuture<Metrics> metrics = OpsMount.buildMetrics(management); // beside the store's opening
        Store store;
        try {
            store = opening.finish();
        } catch (StoreException e) {
            throw new ConfigException("the store could not be opened: " + e.getMessage());
        }
        LOG.info("store: {}", store.describe());
        BotCore core;
        Overlay overlay;
        try {
            core = loadingCore.get();
            overlay = overlay(env, core);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }

        List<AutoCloseable> parts = new ArrayList<>();
        List<Consumer<BotServer>> mounts = new ArrayList<>();
        try {
            core.useOverlay(overlay);
            if (overlay != null) {
                parts.add(OverlayWatcher.start(overlay.folder(), new OverlayLoader(core.catalog()), core::useOverlay));
                LOG.info("knowledge overlay: {}; watching the folder for changes", overlay.describe());
            }
            SlackMount slack = SlackMount.fromEnvironment(env, core, store);
            if (slack != null) {
                parts.add(slack);
                mounts.add(slack::mount);
            }
            TeamsMount teams = TeamsMount.create(teamsSettings, teamsReplies, config.loopbackOnly(), core,
                    store);
            if (teams != null) {
                parts.add(teams);
                mounts.add(teams::mount);
            }
            SignInMount signIn = signInSettings == null ? null : SignInMount.create(signInSettings, core, store);
            if (signIn != null) {
                parts.add(signIn);
                signIn.wire(slack == null ? null : slack.bot(), teams == null ? null : teams.endpoint());
            }
            if (alertSettings != null) {
                // Only here: asking the Teams endpoint for its channel waits until the SDK is built, which would
                // put that build back on the start's critical path when alerts are off.
                Map<AlertTarget.Platform, AlertChannel> channels = new EnumMap<>(AlertTarget.Platform.class);
                if (slack != null) {
                    channels.put(AlertTarget.Platform.SLACK, slack.bot().alertChannel());
                }
                if (teams != null) {
                    channels.put(AlertTarget.Platform.TEAMS, teams.endpoint().alertChannel());
                }
                AlertsMount alerts = AlertsMount.create(alertSettings, core, store, channels);
                AlertMutes mutes = new AlertMutes(store.silences(), Clock.systemUTC());
                if (slack != null) {
                    slack.bot().alertMutes(mutes);
                }
                if (teams != null) {
                    teams.endpoint().alertMutes(mutes);
                }
                parts.add(alerts);
                mounts.add(alerts::mount);
            }
            if (digestTarget != null) {
                WeeklyDigest digest;
                try {
                    digest = StatsDigestSetting.digest(digestTarget, core, store, slack == null ? null : slack.bot(),
                            teams == null ? null : teams.endpoint().outbox());
                } catch (IllegalArgumentException e) {
                    throw new ConfigException(e.getMessage());
                }
                digest.start();
                parts.add(digest);
            }
            OpsMount ops = new OpsMount(management, metrics, core, store);
            // Waits for the meters' build; a failure there stops start-up here, as when they were built here.
            if (ops.metrics() != null && signIn != null) {
                signIn.countWith(ops.metrics()::signInLookup);
            }
            mounts.add(ops::mount);
            @SuppressWarnings("unchecked")
            Consumer<BotServer>[] all = mounts.toArray(new Consumer[0]);
            BotServer server = BotServer.start(config, limits, core, all);
            if (teams != null) {
                try {
                    teams.awaitStarted(); // built beside the server's start; a failure still stops start-up
                } catch (RuntimeException e) {
                    server.stop();
                    throw e;
                }
            }
            return new BotApp(store, server, parts, teams);
        } catch (IOException | RuntimeException e) {
            closeAll(parts);
            store.close();
            throw e;
        }
    }

    /**
     * The overlay {@code KNOWLEDGE_OVERLAY} names, checked before anything starts; the one already in use
     * when the command line loaded the same folder a moment ago.
     */
    private static Overlay overlay(Map<String, String> env, BotCore core) {
        Path folder = OverlayLoader.folderFrom(env);
        if (folder == null) {
            return null;
        }
        Overlay current = core.overlay();
        if (current != null && current.folder().equals(folder)) {
            return current;
        }
        try {
            return new OverlayLoader(core.catalog()).load(folder);
        } catch (OverlayException e) {
            throw new ConfigException(e.getMessage());
        }
    }

    public BotServer server() {
        return server;
    }

    public Store store() {
        return store;
    }

    /** Proactive Teams posts; fails when Teams is off. */
    public TeamsOutbox teamsOutbox() {
        if (teams == null) {
            throw new IllegalStateException("Teams is off");
        }
        return teams.endpoint().outbox();
    }

    public void awaitStop() {
        server.awaitStop();
    }

    @Override
    public void close() {
        server.stop();
        closeAll(parts);
        store.close();
    }

    private static void closeAll(List<AutoCloseable> parts) {
        for (int i = parts.size() - 1; i >= 0; i--) {
            try {
                parts.get(i).close();
            } catch (Exception e) {
                LOG.warn("closing {} failed: {}", parts.get(i).getClass().getSimpleName(), e.getMessage());
            }
        }
    }

    /** A setting that cannot work; {@code serve} prints it and exits with the usage code. */
    public static final class ConfigException extends RuntimeException {
        public ConfigException(String message) {
            super(message);
        }
    }
}
