package dev.aadsts.signin;

import dev.aadsts.signin.graph.SignInRecord;
import dev.aadsts.signin.graph.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Sign-in logs reach Graph minutes after the sign-in. The poller asks again with a doubling pause (30 s, 1 min,
 * 2 min, 4 min…) until the record appears or {@link #LIMIT} has passed, telling a listener at each miss so a
 * chat message can say "still looking".
 */
public final class SignInPoller {

    public static final Duration LIMIT = Duration.ofMinutes(15);
    static final Duration FIRST_PAUSE = Duration.ofSeconds(30);
    static final Duration LONGEST_PAUSE = Duration.ofMinutes(4);

    public interface Listener {
        /** Nothing yet; the next try is in {@code nextTry}. */
        void notYet(Duration waited, Duration nextTry);
    }

    private final SignInSource source;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Duration limit;
    private final Duration firstPause;

    public SignInPoller(SignInSource source, Clock clock, Sleeper sleeper) {
        this(source, clock, sleeper, LIMIT, FIRST_PAUSE);
    }

    /** Shorter limits than Graph's real delay need: the chat tests poll for seconds, not minutes. */
    public SignInPoller(SignInSource source, Clock clock, Sleeper sleeper, Duration limit, Duration firstPause) {
        this.source = source;
        this.clock = clock;
        this.sleeper = sleeper;
        this.limit = limit;
        this.firstPause = firstPause;
    }

    /** The records once they appear; empty if the limit passed first. */
    public Optional<List<SignInRecord>> await(String id, Listener listener) throws InterruptedException {
        Instant start = clock.instant();
        Duration pause = firstPause;
        while (true) {
            List<SignInRecord> records = source.find(id);
            if (!records.isEmpty()) {
                return Optional.of(records);
            }
            Duration waited = Duration.between(start, clock.instant());
            Duration left = limit.minus(waited);
            if (left.isNegative() || left.isZero()) {
                return Optional.empty();
            }
            Duration next = pause.compareTo(left) > 0 ? left : pause;
            listener.notYet(waited, next);
            sleeper.sleep(next);
            pause = pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause.multipliedBy(2);
        }
    }
}
