package dev.aadsts.signin.investigate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers a membership answer for a few minutes, so a burst of clicks costs one platform call and a person
 * removed from a group loses access soon after. Only answers are cached, never a failure.
 */
public final class CachedMembership implements GroupMembership {

    public static final Duration DEFAULT_TTL = Duration.ofMinutes(5);
    private static final int MAX_ENTRIES = 10_000;

    private record Answer(boolean member, Instant until) {
    }

    private final GroupMembership source;
    private final Clock clock;
    private final Duration ttl;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();

    public CachedMembership(GroupMembership source, Clock clock, Duration ttl) {
        this.source = source;
        this.clock = clock;
        this.ttl = ttl;
    }

    @Override
    public boolean memberOfAny(String user, Set<String> groups) {
        String key = user + "|" + String.join(",", new java.util.TreeSet<>(groups));
        Instant now = clock.instant();
        Answer cached = answers.get(key);
        if (cached != null && now.isBefore(cached.until())) {
            return cached.member();
        }
        boolean member = source.memberOfAny(user, groups);
        if (answers.size() >= MAX_ENTRIES) {
            answers.clear();
        }
        answers.put(key, new Answer(member, now.plus(ttl)));
        return member;
    }
}
