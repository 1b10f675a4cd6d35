package dev.aadsts.slack.install;

import com.slack.api.bolt.service.OAuthStateService;
import dev.aadsts.core.store.SlackInstallations;
import java.time.Clock;
import java.time.Duration;

/**
 * OAuth {@code state} values in the store, so the browser that started an install on one replica can finish
 * it on another. Bolt also binds the state to the browser with a cookie and checks both on the way back;
 * a state is deleted when the install completes, and lives ten minutes at most.
 */
public final class StoredOAuthStateService implements OAuthStateService {
    private final SlackInstallations rows;
    private final Clock clock;

    public StoredOAuthStateService(SlackInstallations rows, Clock clock) {
        this.rows = rows;
        this.clock = clock;
    }

    @Override
    public void addNewStateToDatastore(String state) {
        rows.addState(state, clock.instant().plus(Duration.ofSeconds(getExpirationInSeconds())));
    }

    @Override
    public boolean isAvailableInDatabase(String state) {
        return rows.stateAvailable(state, clock.instant());
    }

    @Override
    public void deleteStateFromDatastore(String state) {
        rows.consumeState(state, clock.instant());
    }
}
