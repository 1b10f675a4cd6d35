package dev.aadsts.app.signin;

import dev.aadsts.core.BotCore;
import dev.aadsts.core.store.Store;
import dev.aadsts.signin.SignInLookup;
import dev.aadsts.signin.SignInPoller;
import dev.aadsts.signin.graph.GraphGroupMembership;
import dev.aadsts.signin.graph.GraphHttp;
import dev.aadsts.signin.graph.GraphSettings;
import dev.aadsts.signin.graph.MsalGraphTokens;
import dev.aadsts.signin.graph.SignInClient;
import dev.aadsts.signin.graph.Sleeper;
import dev.aadsts.signin.investigate.AllowList;
import dev.aadsts.signin.investigate.CachedMembership;
import dev.aadsts.signin.investigate.GroupMembership;
import dev.aadsts.signin.investigate.LookupCounter;
import dev.aadsts.signin.investigate.SignInAccess;
import dev.aadsts.signin.investigate.SignInInvestigations;
import dev.aadsts.signin.report.SignInReports;
import dev.aadsts.slack.SlackBot;
import dev.aadsts.teams.TeamsEndpoint;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sign-in investigations in chat, from the environment: one Graph client and one bounded poll pool shared by
 * Slack and Teams, each platform with its own allow-list. Off unless {@code GRAPH_TENANT_ID} is set, and
 * per platform unless its {@code SIGNIN_*} list names someone.
 */
public final class SignInMount implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SignInMount.class);

    /** Settings read and checked before anything starts. */
    public record Settings(GraphSettings graph, SignInAccess access) {
    }

    private final Settings settings;
    private final SignInLookup lookup;
    private final GraphGroupMembership entraGroups;
    private final ExecutorService polls = SignInInvestigations.pollPool();
    private final Clock clock = Clock.systemUTC();
    private final Duration limit;
    private final Duration firstPause;
    private final List<SignInInvestigations> flows = new ArrayList<>();

    /**
     * @return null when the lookup is not configured
     * @throws GraphSettings.InvalidSettings naming the variable that is wrong
     */
    public static Settings settings(Map<String, String> env) {
        GraphSettings graph = GraphSettings.fromEnv(env).orElse(null);
        SignInAccess access = SignInAccess.fromEnv(env);
        return graph == null ? null : new Settings(graph, access);
    }

    public static SignInMount create(Settings settings, BotCore core, Store store) {
        try {
            return new SignInMount(settings, core, store, SSLContext.getDefault(), SignInPoller.LIMIT,
                    Duration.ofSeconds(30));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no TLS", e);
        }
    }

    /** {@code tls} decides which servers are trusted; tests pass short polls and a context trusting their stand-in. */
    SignInMount(Settings settings, BotCore core, Store store, SSLContext tls, Duration limit, Duration firstPause) {
        this.settings = settings;
        this.limit = limit;
        this.firstPause = firstPause;
        GraphSettings graph = settings.graph();
        GraphHttp http = new GraphHttp(graph.endpoint(), new MsalGraphTokens(graph, tls.getSocketFactory()), tls,
                Sleeper.REAL);
        this.lookup = new SignInLookup(SignInLookup.graph(new SignInClient(graph.endpoint(), http)),
                new SignInReports(core.catalog()), store.signInAudit(), clock);
        this.entraGroups = new GraphGroupMembership(graph.endpoint(), http);
    }

    /** Turns the lookup on for each platform that is running and has an allow-list. */
    public void wire(SlackBot slack, TeamsEndpoint teams) {
        SignInAccess access = settings.access();
        if (slack != null && access.slackOn()) {
            slack.signInLookup(flow(new AllowList(access.slackUsers(), access.slackGroups(),
                    logged("Slack user group", slack.userGroups()))));
            LOG.info("Sign-in lookup is on in Slack for {} user(s) and {} user group(s)", access.slackUsers().size(),
                    access.slackGroups().size());
        }
        if (teams != null && access.teamsOn()) {
            teams.signInLookup(flow(new AllowList(access.teamsUsers(), access.teamsGroups(),
                    logged("Entra group", new CachedMembership(entraGroups::memberOfAny, clock,
                            CachedMembership.DEFAULT_TTL)))));
            LOG.info("Sign-in lookup is on in Teams for {} user(s) and {} Entra group(s)", access.teamsUsers().size(),
                    access.teamsGroups().size());
        }
        if (flows.isEmpty()) {
            LOG.info("Sign-in lookup: Graph is configured, but no SIGNIN_SLACK_* or SIGNIN_TEAMS_* allow-list names "
                    + "anyone on a running platform; only the CLI can look up sign-ins");
        }
    }

    /** Counts every chat lookup by outcome (the metrics bind this). */
    public void countWith(LookupCounter counter) {
        flows.forEach(f -> f.countWith(counter));
    }

    /**
     * A membership check that fails refuses the asker; the operator needs to hear why (a missing permission
     * or scope), so the failure is logged, without who asked.
     */
    private static GroupMembership logged(String what, GroupMembership membership) {
        return (user, groups) -> {
            try {
                return membership.memberOfAny(user, groups);
            } catch (RuntimeException e) {
                LOG.warn("{} membership could not be checked, so the sign-in lookup was refused: {}", what,
                        e.getMessage());
                throw e;
            }
        };
    }

    private SignInInvestigations flow(AllowList allowed) {
        SignInInvestigations flow = new SignInInvestigations(lookup, allowed, polls, clock, Sleeper.REAL, limit,
                firstPause);
        flows.add(flow);
        return flow;
    }

    @Override
    public void close() {
        // Polls sleep for minutes; interrupting them lets each tell its asker to ask again.
        polls.shutdownNow();
    }
}
