package dev.aadsts.signin.investigate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aadsts.core.BotCore;
import dev.aadsts.core.card.Card;
import dev.aadsts.core.command.Reply;
import dev.aadsts.core.store.SignInAudit;
import dev.aadsts.core.store.Store;
import dev.aadsts.knowledge.Catalog;
import dev.aadsts.signin.SignInLookup;
import dev.aadsts.signin.graph.GraphSettings;
import dev.aadsts.signin.graph.Sleeper;
import dev.aadsts.signin.report.SignInReports;
import dev.aadsts.signin.testing.GraphStandIn;
import dev.aadsts.store.Stores;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The chat flow against the HTTPS Graph stand-in, with a clock that the poller's pauses move. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SignInInvestigationsTest {
    static final String NEVER = "66666666-7777-4888-8999-000000000000";
    static final String BLOCKED = "22222222-3333-4444-8555-666666666666";

    Store store;
    GraphStandIn graph;
    final SignInReports reports = new SignInReports(Catalog.load());

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        store = Stores.embedded(dir);
        GraphStandIn[] self = new GraphStandIn[1];
        self[0] = new GraphStandIn(q -> q.equals("correlationId eq '" + BLOCKED + "'")
                ? self[0].file(200, "ca-failure.json") : self[0].file(200, "empty.json"));
        graph = self[0];
    }

    @AfterAll
    void stop() {
        graph.close();
        store.close();
    }

    /** A clock that only moves when the poller sleeps, so fifteen minutes pass in no time. */
    static final class MovingClock extends Clock {
        final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-01T09:00:00Z"));

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    }

    static final class Recorder implements AnswerSink {
        final List<InvestigationAnswer> answers = new CopyOnWriteArrayList<>();

        @Override
        public boolean first(InvestigationAnswer answer) {
            answers.add(answer);
            return true;
        }

        @Override
        public void update(InvestigationAnswer answer) {
            answers.add(answer);
        }
    }

    @Test
    void nothingWithinTheLimitEndsInOneNotFoundAuditedAndCounted() throws Exception {
        MovingClock clock = new MovingClock();
        List<Duration> pauses = new ArrayList<>();
        Sleeper sleeper = d -> {
            pauses.add(d);
            clock.now.updateAndGet(t -> t.plus(d));
        };
        SignInLookup lookup = new SignInLookup(SignInLookup.graph(graph.client()), reports, store.signInAudit(), clock);
        ExecutorService pool = SignInInvestigations.pollPool();
        SignInInvestigations flow = new SignInInvestigations(lookup, new AllowList(Set.of("U1"), Set.of(),
                GroupMembership.NONE), pool, clock);
        // The production constructor sleeps for real; this one shares the production timing with a moving clock.
        flow = new SignInInvestigations(lookup, flow.allowList(), pool, clock, sleeper, Duration.ofMinutes(15),
                Duration.ofSeconds(30));
        AtomicInteger notFound = new AtomicInteger();
        flow.countWith(o -> {
            if (o == SignInAudit.Outcome.NOT_FOUND) {
                notFound.incrementAndGet();
            }
        });
        long before = graph.graphRequests().size();
        Recorder sink = new Recorder();
        flow.investigate("slack", "U1", NEVER, sink);
        pool.shutdown();
        assertTrue(pool.awaitTermination(20, TimeUnit.SECONDS));

        assertEquals(2, sink.answers.size(), sink.answers.toString());
        assertEquals(InvestigationAnswer.Kind.STILL_LOOKING, sink.answers.get(0).kind());
        assertTrue(sink.answers.get(0).message().contains("up to 15 minutes"));
        assertEquals(InvestigationAnswer.Kind.NOT_FOUND, sink.answers.get(1).kind());
        // 30 s doubling to 4 min, and the last pause only as long as the 15 minutes allow.
        assertEquals(List.of(Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(2),
                Duration.ofMinutes(4), Duration.ofMinutes(4), Duration.ofSeconds(210)), pauses);
        // One look up front, then one after each pause, never two in a row; a look asks by correlation id, then
        // by request id.
        assertEquals(2 * (1 + pauses.size()), graph.graphRequests().size() - before);
        assertEquals(1, notFound.get());
        SignInAudit.Entry audit = store.signInAudit().latest(1).get(0);
        assertEquals(new SignInAudit.Entry("slack:U1", clock.instant(), NEVER, SignInAudit.Outcome.NOT_FOUND), audit);
    }

    @Test
    void aBadIdIsNeitherFetchedNorAudited() throws Exception {
        SignInLookup lookup = new SignInLookup(SignInLookup.graph(graph.client()), reports, store.signInAudit(),
                Clock.systemUTC());
        SignInInvestigations flow = new SignInInvestigations(lookup, new AllowList(Set.of("U1"), Set.of(),
                GroupMembership.NONE), SignInInvestigations.pollPool(), Clock.systemUTC());
        int audited = store.signInAudit().latest(100).size();
        long fetched = graph.graphRequests().size();
        Recorder sink = new Recorder();
        flow.investigate("slack", "U1", "'; drop table", sink);
        assertEquals(InvestigationAnswer.Kind.ERROR, sink.answers.get(0).kind());
        assertNull(sink.answers.get(0).id());
        assertEquals(audited, store.signInAudit().latest(100).size());
        assertEquals(fetched, graph.graphRequests().size());
        assertEquals(InvestigationAnswer.Kind.ERROR, flow.share("slack", "U1", "not-an-id").kind());
    }

    @Test
    void aGroupCheckThatFailsRefusesAndAnswersAreCachedForMinutes() {
        AtomicInteger asked = new AtomicInteger();
        MovingClock clock = new MovingClock();
        GroupMembership flaky = (user, groups) -> {
            asked.incrementAndGet();
            if (user.equals("broken")) {
                throw new IllegalStateException("platform down");
            }
            return user.equals("member");
        };
        AllowList list = new AllowList(Set.of("named"), Set.of("G1"),
                new CachedMembership(flaky, clock, Duration.ofMinutes(5)));
        assertTrue(list.allows("named"));
        assertEquals(0, asked.get(), "a named person needs no group check");
        assertTrue(list.allows("member"));
        assertTrue(list.allows("member"));
        assertEquals(1, asked.get(), "cached");
        clock.now.updateAndGet(t -> t.plus(Duration.ofMinutes(6)));
        assertTrue(list.allows("member"));
        assertEquals(2, asked.get(), "asked again once the answer is old");
        assertFalse(list.allows("broken"), "a failed check refuses");
        assertFalse(list.allows("stranger"));
        assertFalse(list.allows(null));
        assertTrue(new AllowList(Set.of(), Set.of(), GroupMembership.NONE).isEmpty());
    }

    @Test
    void accessIsReadFromTheEnvironmentAndCheckedVariableByVariable() {
        Map<String, String> graphEnv = Map.of(GraphSettings.TENANT_ID, GraphStandIn.TENANT);
        SignInAccess access = SignInAccess.fromEnv(merge(graphEnv, Map.of(SignInAccess.SLACK_USERS, "U0ALICE, W0BOB",
                SignInAccess.SLACK_USERGROUPS, "S0HELP", SignInAccess.TEAMS_GROUPS,
                "0F1E2D3C-4B5A-4968-8776-655443322110")));
        assertEquals(Set.of("U0ALICE", "W0BOB"), access.slackUsers());
        assertEquals(Set.of("0f1e2d3c-4b5a-4968-8776-655443322110"), access.teamsGroups(), "lower case, as Graph");
        assertTrue(access.slackOn() && access.teamsOn());
        assertFalse(SignInAccess.fromEnv(Map.of()).slackOn());

        var bad = assertThrows(GraphSettings.InvalidSettings.class, () -> SignInAccess.fromEnv(merge(graphEnv,
                Map.of(SignInAccess.SLACK_USERS, "alice"))));
        assertTrue(bad.getMessage().contains(SignInAccess.SLACK_USERS), bad.getMessage());
        assertThrows(GraphSettings.InvalidSettings.class, () -> SignInAccess.fromEnv(merge(graphEnv,
                Map.of(SignInAccess.TEAMS_USERS, "29:1abc"))));
        var noGraph = assertThrows(GraphSettings.InvalidSettings.class, () -> SignInAccess.fromEnv(
                Map.of(SignInAccess.TEAMS_USERS, "6b9f1a4c-2f2c-4e7e-9a57-0f9a6c0c9a11")));
        assertTrue(noGraph.getMessage().contains(GraphSettings.TENANT_ID), noGraph.getMessage());
    }

    @Test
    void theButtonGoesOnCardsWhosePasteNamesASignIn() {
        BotCore core = BotCore.load();
        Reply withIds = core.router().handle("AADSTS53003: Access has been blocked by Conditional Access policies. "
                + "Trace ID: 9a3c0e7f-5b1d-4c2a-8e6f-0d4b3a2c1e00 Correlation ID: " + BLOCKED);
        Card card = InvestigateButton.addTo(withIds).cards().get(0);
        var row = card.extraActions().get(card.extraActions().size() - 1);
        assertEquals(InvestigateButton.ACTION, row.id());
        assertEquals(BLOCKED, row.actions().get(0).value(), "the correlation id before the request id");
        Reply traceOnly = core.router().handle("AADSTS53003: blocked. Trace ID: 9a3c0e7f-5b1d-4c2a-8e6f-0d4b3a2c1e00");
        assertEquals("9a3c0e7f-5b1d-4c2a-8e6f-0d4b3a2c1e00", InvestigateButton.idOf(traceOnly.cards().get(0))
                .orElseThrow());
        Reply plain = core.router().handle("53003");
        assertEquals(plain.cards().get(0).extraActions(), InvestigateButton.addTo(plain).cards().get(0).extraActions());
    }

    private static Map<String, String> merge(Map<String, String> a, Map<String, String> b) {
        Map<String, String> all = new java.util.HashMap<>(a);
        all.putAll(b);
        return all;
    }
}
