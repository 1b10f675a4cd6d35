package dev.aadsts.store;

import dev.aadsts.core.store.ThreadAnswers;
import java.time.Duration;
import java.util.Objects;

/** Codes answered per thread, one {@code thread_answers} key each ("thread/code"). */
final class JdbcThreadAnswers implements ThreadAnswers {

    private final ExpiringKeys keys;

    JdbcThreadAnswers(ExpiringKeys keys) {
        this.keys = keys;
    }

    @Override
    public boolean firstAnswer(String thread, String code, Duration keepFor) {
        return keys.firstUse(key(thread, code), keepFor);
    }

    @Override
    public boolean answered(String thread, String code) {
        return keys.isKept(key(thread, code));
    }

    static String key(String thread, String code) {
        return Objects.requireNonNull(thread, "thread") + "/" + Objects.requireNonNull(code, "code");
    }
}
