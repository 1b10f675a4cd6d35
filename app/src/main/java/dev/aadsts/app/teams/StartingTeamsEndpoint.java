package dev.aadsts.app.teams;

import dev.aadsts.app.OwnThread;
import dev.aadsts.core.alert.delivery.AlertChannel;
import dev.aadsts.core.alert.delivery.AlertMutes;
import dev.aadsts.signin.investigate.SignInInvestigations;
import dev.aadsts.teams.TeamsEndpoint;
import dev.aadsts.teams.TeamsHttpResponse;
import dev.aadsts.teams.TeamsOutbox;
import dev.aadsts.teams.TeamsSettings;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * A Teams endpoint built on its own thread. Setting up the Bot Framework SDK takes a fifth of a second of a
 * start, at the end, when the catalog is loaded and the other core has nothing left to do; built beside the
 * rest of the wiring and the HTTP server's start, it costs the start nearly nothing. Every use waits for it,
 * so callers see an ordinary endpoint; {@link #ready()} lets {@code /readyz} say 503 until it is there.
 */
final class StartingTeamsEndpoint implements TeamsEndpoint {
    private final TeamsSettings settings;
    private final CompletableFuture<TeamsEndpoint> starting;

    private StartingTeamsEndpoint(TeamsSettings settings, CompletableFuture<TeamsEndpoint> starting) {
        this.settings = settings;
        this.starting = starting;
    }

    static StartingTeamsEndpoint start(TeamsSettings settings, Supplier<TeamsEndpoint> create) {
        return new StartingTeamsEndpoint(settings, OwnThread.supply("teams-start", create));
    }

    /** Whether the endpoint is built (or failed to be, which {@link #await()} reports). */
    boolean ready() {
        return starting.isDone() && !starting.isCompletedExceptionally();
    }

    /** The built endpoint; throws what building it threw. */
    TeamsEndpoint await() {
        return OwnThread.join(starting);
    }

    @Override
    public TeamsHttpResponse handle(String authorization, byte[] body) {
        return await().handle(authorization, body);
    }

    @Override
    public TeamsOutbox outbox() {
        return await().outbox();
    }

    @Override
    public AlertChannel alertChannel() {
        return await().alertChannel();
    }

    @Override
    public void alertMutes(AlertMutes mutes) {
        await().alertMutes(mutes);
    }

    @Override
    public void signInLookup(SignInInvestigations investigations) {
        await().signInLookup(investigations);
    }

    @Override
    public Map<String, Long> counters() {
        return await().counters();
    }

    @Override
    public TeamsSettings settings() {
        return settings;
    }

    @Override
    public void close() {
        // One that failed to build has nothing to close; start-up reports its failure.
        starting.thenAccept(TeamsEndpoint::close).exceptionally(failed -> null).join();
    }
}
