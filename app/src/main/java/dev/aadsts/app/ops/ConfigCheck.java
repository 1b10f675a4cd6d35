package dev.aadsts.app.ops;

import dev.aadsts.core.overlay.Overlay;
import dev.aadsts.core.overlay.OverlayLoader;
import dev.aadsts.knowledge.Catalog;
import dev.aadsts.app.alerts.AlertsMount;
import dev.aadsts.app.server.ServerConfig;
import dev.aadsts.app.server.ServerLimits;
import dev.aadsts.app.signin.SignInMount;
import dev.aadsts.app.slack.SlackMount;
import dev.aadsts.signin.investigate.SignInAccess;
import dev.aadsts.app.stats.StatsDigestSetting;
import dev.aadsts.app.teams.TeamsMount;
import dev.aadsts.core.store.Store;
import dev.aadsts.slack.SlackSettings;
import dev.aadsts.slack.delivery.DeliveryLimits;
import dev.aadsts.teams.delivery.TeamsReplyLimits;
import dev.aadsts.store.DatabaseUrl;
import dev.aadsts.store.Stores;
import dev.aadsts.teams.TeamsSettings;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code aadsts-bot check-config}: every setting in force (secrets only as set or unset), which parts are
 * on and why, and every problem that would stop {@code serve}, found by the same code {@code serve} runs,
 * including opening the store. Exit 0 when {@code serve} would start, 2 when it would not.
 */
public final class ConfigCheck {
    private static final Set<String> SECRETS = Set.of("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_APP_TOKEN",
            "SLACK_CLIENT_SECRET", "SLACK_STATE_KEY", "MicrosoftAppPassword", "IDENTITY_HEADER", "ALERTS_TOKEN",
            "ALERTS_SIGNING_SECRET", "GRAPH_CLIENT_SECRET", "GRAPH_CLIENT_CERTIFICATE_PASSWORD");
    private static final List<String> SETTINGS = List.of(
            "PORT", "BIND_ADDRESS", "DATA_DIR", "DATABASE_URL", "MANAGEMENT_PORT", "MANAGEMENT_BIND_ADDRESS",
            "LOG_FORMAT", "LOG_LEVEL", "PLAYGROUND", "PUBLIC_API_PER_MINUTE", "HTTP_IDLE_TIMEOUT_SECONDS",
            "HTTP_HEADER_TIMEOUT_SECONDS", "HTTP_BODY_TIMEOUT_SECONDS", "HTTP_MAX_CONNECTIONS", "HTTP_MAX_THREADS",
            "HTTP_MAX_QUEUED_REQUESTS", "SHUTDOWN_GRACE_SECONDS",
            "SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_APP_TOKEN", "SLACK_API_URL",
            "SLACK_CLIENT_ID", "SLACK_CLIENT_SECRET", "SLACK_STATE_KEY", "SLACK_SCOPES", "SLACK_REDIRECT_URI",
            "SLACK_REPLY_QUEUE", "SLACK_REPLY_CONCURRENCY", "SLACK_REPLY_CHANNEL_SPACING_MS", "SLACK_REPLY_SWEEP_SECONDS",
            "SLACK_WORK_QUEUE",
            "MicrosoftAppId", "MicrosoftAppPassword", "MicrosoftAppTenantId", "MicrosoftAppType", "BotOpenIdMetadata",
            "MicrosoftAppAuthorityHost", "ToChannelFromBotOAuthScope", "IDENTITY_ENDPOINT", "IDENTITY_HEADER",
            "AZURE_POD_IDENTITY_AUTHORITY_HOST", "TEAMS_REPLY_QUEUE", "TEAMS_REPLY_CONCURRENCY",
            "TEAMS_REPLY_CONVERSATION_SPACING_MS", "TEAMS_REPLY_SWEEP_SECONDS",
            "ALERTS_TOKEN", "ALERTS_SIGNING_SECRET", "ALERTS_ROUTES", "ALERTS_SLACK_CHANNEL", "ALERTS_TEAMS_CHANNEL",
            "ALERTS_POLL_MILLIS", "STATS_DIGEST_CHANNEL", "KNOWLEDGE_OVERLAY",
            "GRAPH_TENANT_ID", "GRAPH_CLIENT_ID", "GRAPH_CLIENT_SECRET", "GRAPH_CLIENT_CERTIFICATE_PATH",
            "GRAPH_CLIENT_CERTIFICATE_PASSWORD", "GRAPH_MANAGED_IDENTITY", "GRAPH_AUTHORITY_HOST", "GRAPH_ENDPOINT",
            "SIGNIN_SLACK_USERS", "SIGNIN_SLACK_USERGROUPS", "SIGNIN_TEAMS_USERS", "SIGNIN_TEAMS_GROUPS");

    private final Map<String, String> env;
    private final PrintStream out;
    private final List<String> problems = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private final Map<String, String> parts = new LinkedHashMap<>();

    public ConfigCheck(Map<String, String> env, PrintStream out) {
        this.env = env;
        this.out = out;
    }

    /** @return 0 when serve would start, 2 otherwise */
    public int run() {
        out.println("Settings in force:");
        for (String name : SETTINGS) {
            out.printf("  %-28s %s%n", name, shown(name));
        }
        TeamsSettings teams = check("Teams", () -> TeamsSettings.fromEnv(env));
        boolean inbound = slackNeedsInbound() || (teams != null && TeamsMount.needsInbound(teams));
        ServerConfig server = check("Server", () -> ServerConfig.fromEnvironment(env, inbound));
        ServerLimits limits = check("Server", () -> ServerLimits.fromEnvironment(env));
        OpsMount.ManagementPort management = check("Metrics", () -> OpsMount.ManagementPort.fromEnvironment(env));
        check("Logs", this::logFormat);
        if (server != null) {
            parts.put("Server", "listens on " + server.describe() + (server.loopbackOnly()
                    ? " (this machine only: no platform needs to call in)"
                    : env.getOrDefault("BIND_ADDRESS", "").isBlank() ? " (all interfaces: Slack HTTP mode or a "
                            + "registered Teams bot must reach it)" : " (BIND_ADDRESS)"));
        }
        if (limits != null) {
            parts.put("Playground and public API", limits.playgroundOn()
                    ? "on" + (server != null && !server.loopbackOnly() ? ", " + limits.publicRequestsPerMinute()
                            + " requests/minute per client address" : "")
                    : "off (PLAYGROUND=off)");
        }
        StringBuilder why = new StringBuilder();
        SlackSettings slack = check("Slack", () -> SlackSettings.fromEnvironment(env, why));
        if (slack != null || !problems.stream().anyMatch(p -> p.startsWith("Slack:"))) {
            parts.put("Slack", slack == null ? "off: " + why : slack.distributed() ? "on for any workspace that "
                    + "installs it: GET /slack/install, POST /slack/events, tokens encrypted with SLACK_STATE_KEY"
                    : slack.socketMode() ? "on, Socket Mode" : "on, HTTP mode at POST /slack/events");
        }
        // serve refuses bad queue sizes before it opens anything, so a typo here stops it too.
        check("Slack replies", () -> DeliveryLimits.fromEnvironment(env));
        check("Teams replies", () -> TeamsReplyLimits.fromEnvironment(env));
        if (teams != null) {
            TeamsSettings.warnings(env).forEach(w -> warnings.add("Teams: " + w));
        }
        if (teams != null && server != null) {
            parts.put("Teams", teams.validatesTokens() ? "on, tokens validated (" + teams.appType().configName() + "); "
                    + teams.outboundTokens(env)
                    : server != null && server.loopbackOnly() ? "on for the Bot Framework Emulator only (no "
                            + "MicrosoftAppId: token validation off, loopback only)"
                            : "off: no MicrosoftAppId and the server is reachable from other machines");
        }
        AlertsMount.Settings alerts = check("Alerts", () -> AlertsMount.settings(env));
        if (slack != null && slack.distributed()) {
            String digestChannel = slackDigestChannel();
            check("Slack", () -> {
                SlackMount.checkDestinations(env, alerts == null ? List.of() : alerts.routing().targets(),
                        digestChannel);
                return null;
            });
        }
        parts.putIfAbsent("Alerts", alerts == null ? "off: set ALERTS_TOKEN or ALERTS_SIGNING_SECRET" : "on, POST /api/alerts");
        Overlay overlay = check("Knowledge overlay", () -> {
            java.nio.file.Path folder = OverlayLoader.folderFrom(env);
            return folder == null ? null : new OverlayLoader(Catalog.load()).load(folder);
        });
        parts.putIfAbsent("Knowledge overlay", overlay == null ? "off: set KNOWLEDGE_OVERLAY to a folder of notes"
                : "on, " + overlay.describe());
        if (management != null) {
            parts.put("Metrics", management.on() ? "on, GET /metrics on " + management.host() + ":" + management.port()
                    : "off: set MANAGEMENT_PORT");
        }
        checkDigest(slack != null, teams != null && parts.getOrDefault("Teams", "").startsWith("on"));
        checkSignIn(slack != null, teams != null && parts.getOrDefault("Teams", "").startsWith("on"));
        checkStore();
        out.println();
        out.println("Parts:");
        parts.forEach((part, state) -> out.printf("  %-28s %s%n", part, state));
        out.println();
        if (!warnings.isEmpty()) {
            out.println("Warnings (serve would start, but):");
            warnings.forEach(w -> out.println("  - " + w));
            out.println();
        }
        if (problems.isEmpty()) {
            out.println("OK: serve would start with these settings.");
            return 0;
        }
        out.println("Problems that would stop serve:");
        problems.forEach(p -> out.println("  - " + p));
        return 2;
    }

    /** The digest's Slack channel, or null; a value that cannot be read is reported with the digest below. */
    private String slackDigestChannel() {
        try {
            StatsDigestSetting.Target target = StatsDigestSetting.parse(env);
            return target != null && target.slack() ? target.conversation() : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** A Slack setting that cannot work is reported with the Slack part below; here it only means "HTTP". */
    private boolean slackNeedsInbound() {
        try {
            return SlackMount.needsInbound(env);
        } catch (IllegalArgumentException e) {
            return true;
        }
    }

    private String shown(String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return "(unset)";
        }
        if (SECRETS.contains(name)) {
            return "set";
        }
        if (name.equals("DATABASE_URL")) {
            try {
                return DatabaseUrl.parse(value).describe() + " (password not shown)";
            } catch (RuntimeException e) {
                return "set, but not a database URL";
            }
        }
        return value.strip();
    }

    private Object logFormat() {
        String format = env.getOrDefault("LOG_FORMAT", "text").strip();
        if (!format.isEmpty() && !format.equals("text") && !format.equals("json")) {
            throw new IllegalArgumentException("LOG_FORMAT must be text or json, not '" + format + "'");
        }
        return format;
    }

    private void checkDigest(boolean slackOn, boolean teamsOn) {
        StatsDigestSetting.Target digest = check("Stats digest", () -> StatsDigestSetting.parse(env));
        if (digest == null) {
            parts.putIfAbsent("Stats digest", "off: set STATS_DIGEST_CHANNEL");
        } else if (digest.slack() ? slackOn : teamsOn) {
            parts.put("Stats digest", "on, Mondays from 08:00 UTC to " + (digest.slack() ? "Slack " : "Teams ")
                    + digest.conversation());
        } else {
            parts.put("Stats digest", "misconfigured");
            problems.add("Stats digest: STATS_DIGEST_CHANNEL names a " + (digest.slack() ? "Slack channel, but Slack"
                    : "Teams conversation, but Teams") + " is off");
        }
    }

    private void checkSignIn(boolean slackOn, boolean teamsOn) {
        SignInMount.Settings signIn = check("Sign-in lookup", () -> SignInMount.settings(env));
        if (signIn == null) {
            parts.putIfAbsent("Sign-in lookup", "off: set GRAPH_TENANT_ID and a GRAPH_ credential");
            return;
        }
        SignInAccess access = signIn.access();
        String chat = (access.slackOn() && slackOn ? "Slack" : "") + (access.teamsOn() && teamsOn
                ? (access.slackOn() && slackOn ? " and Teams" : "Teams") : "");
        parts.put("Sign-in lookup", "on (" + signIn.graph().credential().getClass().getSimpleName() + ") for the CLI"
                + (chat.isEmpty() ? "; in chat for nobody (no SIGNIN_* allow-list for a running platform)"
                        : " and " + chat + "; allow-lists: " + access.describe()));
        // Not a reason to stop serve: the list waits for its platform to be turned on.
        if (access.slackOn() && !slackOn) {
            parts.put("Sign-in lookup", parts.get("Sign-in lookup") + " (SIGNIN_SLACK_* is set, but Slack is off)");
        }
        if (access.teamsOn() && !teamsOn) {
            parts.put("Sign-in lookup", parts.get("Sign-in lookup") + " (SIGNIN_TEAMS_* is set, but Teams is off)");
        }
    }

    private void checkStore() {
        try (Store store = Stores.open(env)) {
            parts.put("Store", store.describe() + (store.reachable() ? ", reachable" : ", NOT reachable"));
            if (!store.reachable()) {
                problems.add("Store: the database does not answer");
            }
        } catch (RuntimeException e) {
            parts.put("Store", "cannot be opened");
            problems.add("Store: " + e.getMessage());
        }
    }

    private <T> T check(String part, Supplier<T> read) {
        try {
            return read.get();
        } catch (RuntimeException e) {
            problems.add(part + ": " + e.getMessage());
            parts.put(part, "misconfigured");
            return null;
        }
    }
}
