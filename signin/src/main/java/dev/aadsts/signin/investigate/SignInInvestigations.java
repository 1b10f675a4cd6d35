package dev.aadsts.signin.investigate;

import dev.aadsts.core.store.SignInAudit.Outcome;
import dev.aadsts.signin.SignInLookup;
import dev.aadsts.signin.SignInPoller;
import dev.aadsts.signin.SignInSource;
import dev.aadsts.signin.graph.GraphException;
import dev.aadsts.signin.graph.SignInRecord;
import dev.aadsts.signin.graph.Sleeper;
import dev.aadsts.signin.investigate.InvestigationAnswer.Kind;
import dev.aadsts.signin.report.Masking;
import dev.aadsts.signin.report.SignInReport;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An investigation as a chat platform runs it, with no chat library: the allow-list, the lookup, the private
 * answer, and when Graph has nothing yet, "still looking" and a poll on a bounded pool that replaces the
 * message once the record appears or the limit passes. Every lookup is audited and counted once, by how it
 * ended. Nothing here logs: the ids and records are personal data.
 */
public final class SignInInvestigations {

    /** Polls sleep for minutes, so each holds a thread; beyond this many at once, askers are told to wait. */
    public static final int POLL_THREADS = 4;
    public static final int POLL_QUEUE = 32;

    private final SignInLookup lookup;
    private final AllowList allowed;
    private final ExecutorService polls;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Duration limit;
    private final Duration firstPause;
    private volatile LookupCounter counter = LookupCounter.NONE;

    /** Production timing: {@link SignInPoller#LIMIT}, 30 s doubling. */
    public SignInInvestigations(SignInLookup lookup, AllowList allowed, ExecutorService polls, Clock clock) {
        this(lookup, allowed, polls, clock, Sleeper.REAL, SignInPoller.LIMIT, Duration.ofSeconds(30));
    }

    public SignInInvestigations(SignInLookup lookup, AllowList allowed, ExecutorService polls, Clock clock,
            Sleeper sleeper, Duration limit, Duration firstPause) {
        this.lookup = lookup;
        this.allowed = allowed;
        this.polls = polls;
        this.clock = clock;
        this.sleeper = sleeper;
        this.limit = limit;
        this.firstPause = firstPause;
    }

    /** A bounded pool of daemon threads for the polls; one pool may serve both platforms. */
    public static ExecutorService pollPool() {
        AtomicInteger n = new AtomicInteger();
        return new ThreadPoolExecutor(POLL_THREADS, POLL_THREADS, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(POLL_QUEUE), r -> {
                    Thread t = new Thread(r, "signin-poll-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
    }

    public void countWith(LookupCounter counter) {
        this.counter = counter == null ? LookupCounter.NONE : counter;
    }

    public AllowList allowList() {
        return allowed;
    }

    /**
     * Runs on the caller's thread up to the first answer (one Graph call), then polls in the background.
     *
     * @param platform "slack" or "teams", for the audit trail
     * @param user     the asker as the platform names them (Slack user id, Entra object id)
     */
    public void investigate(String platform, String user, String rawId, AnswerSink sink) {
        String id;
        try {
            id = SignInLookup.normalize(rawId);
        } catch (IllegalArgumentException e) {
            sink.first(InvestigationAnswer.of(Kind.ERROR, null, "That is not a correlation or request id: "
                    + e.getMessage() + "."));
            return;
        }
        String who = platform + ":" + user;
        if (!allowed.allows(user)) {
            sink.first(deny(who, id));
            return;
        }
        List<SignInRecord> records;
        try {
            records = lookup.source().find(id);
        } catch (GraphException e) {
            sink.first(failed(who, id, e));
            return;
        }
        if (!records.isEmpty()) {
            sink.first(found(who, id, records, Masking.NONE));
            return;
        }
        if (!sink.first(InvestigationAnswer.of(Kind.STILL_LOOKING, id, "No sign-in record for " + id
                + " yet: sign-in logs reach Graph some minutes after the sign-in. I'll keep looking for up to "
                + minutes(limit) + " and update this message."))) {
            lookup.conclude(who, id, List.of(), Masking.NONE);
            count(Outcome.NOT_FOUND);
            return;
        }
        try {
            polls.execute(() -> poll(who, id, sink));
        } catch (RejectedExecutionException busy) {
            lookup.conclude(who, id, List.of(), Masking.NONE);
            count(Outcome.NOT_FOUND);
            sink.update(InvestigationAnswer.of(Kind.ERROR, id, "No sign-in record for " + id + " yet, and too many "
                    + "lookups are already waiting for theirs; ask again in a few minutes."));
        }
    }

    /**
     * The redacted version for a shared place (user and IP masked, names left out): checked against the
     * allow-list, looked up again (nothing is kept between the answer and the share) and audited.
     */
    public InvestigationAnswer share(String platform, String user, String rawId) {
        String id;
        try {
            id = SignInLookup.normalize(rawId);
        } catch (IllegalArgumentException e) {
            return InvestigationAnswer.of(Kind.ERROR, null, "That button does not carry a sign-in id.");
        }
        String who = platform + ":" + user;
        if (!allowed.allows(user)) {
            return deny(who, id);
        }
        try {
            List<SignInRecord> records = lookup.source().find(id);
            if (records.isEmpty()) {
                lookup.conclude(who, id, records, Masking.SHARED);
                count(Outcome.NOT_FOUND);
                return InvestigationAnswer.of(Kind.NOT_FOUND, id, "No sign-in record for " + id + " any more.");
            }
            return found(who, id, records, Masking.SHARED);
        } catch (GraphException e) {
            return failed(who, id, e);
        }
    }

    private void poll(String who, String id, AnswerSink sink) {
        // The first look was just made; the poller starts with a pause instead of asking again at once.
        AtomicBoolean skipFirst = new AtomicBoolean(true);
        SignInSource source = lookupId -> skipFirst.getAndSet(false) ? List.of() : lookup.source().find(lookupId);
        SignInPoller poller = new SignInPoller(source, clock, sleeper, limit, firstPause);
        try {
            Optional<List<SignInRecord>> records = poller.await(id, (waited, next) -> { });
            if (records.isPresent()) {
                sink.update(found(who, id, records.get(), Masking.NONE));
            } else {
                lookup.conclude(who, id, List.of(), Masking.NONE);
                count(Outcome.NOT_FOUND);
                sink.update(InvestigationAnswer.of(Kind.NOT_FOUND, id, "No sign-in record for " + id + " appeared "
                        + "within " + minutes(limit) + ". Check the id (the correlation id or request id from the "
                        + "error page), or that the sign-in was in this tenant."));
            }
        } catch (GraphException e) {
            sink.update(failed(who, id, e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            sink.update(InvestigationAnswer.of(Kind.ERROR, id, "The bot stopped before the record for " + id
                    + " appeared; ask again."));
        } catch (RuntimeException e) {
            sink.update(InvestigationAnswer.of(Kind.ERROR, id, "The lookup for " + id + " failed; ask again later."));
        }
    }

    private InvestigationAnswer found(String who, String id, List<SignInRecord> records, Masking masking) {
        SignInReport report = lookup.conclude(who, id, records, masking);
        count(Outcome.FOUND);
        return InvestigationAnswer.found(id, report);
    }

    private InvestigationAnswer deny(String who, String id) {
        lookup.refused(who, id, Outcome.DENIED);
        count(Outcome.DENIED);
        return InvestigationAnswer.of(Kind.DENIED, id, "Sorry, sign-in lookups are limited to the people your "
                + "administrators named, and you are not among them. Ask your identity team if you need access.");
    }

    private InvestigationAnswer failed(String who, String id, GraphException e) {
        if (e.reason() == GraphException.Reason.LICENCE) {
            lookup.refused(who, id, Outcome.LICENSING);
            count(Outcome.LICENSING);
            return InvestigationAnswer.of(Kind.LICENSING, id, "Microsoft Graph refused the lookup because this "
                    + "tenant has no Microsoft Entra ID P1 or P2 licence: sign-in logs are only available through "
                    + "Graph with one. The Entra admin center still shows recent sign-ins.");
        }
        lookup.refused(who, id, Outcome.ERROR);
        count(Outcome.ERROR);
        // GraphException messages are written for the asker and carry nothing from a record.
        return InvestigationAnswer.of(Kind.ERROR, id, "The lookup did not work: " + e.getMessage() + ".");
    }

    private void count(Outcome outcome) {
        try {
            counter.count(outcome);
        } catch (RuntimeException ignored) {
            // Metrics never stop an answer.
        }
    }

    private static String minutes(Duration d) {
        long m = d.toMinutes();
        return m >= 1 ? m + (m == 1 ? " minute" : " minutes") : d.toSeconds() + " seconds";
    }
}
