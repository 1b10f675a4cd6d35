package dev.aadsts.signin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aadsts.core.store.SignInAudit;
import dev.aadsts.core.store.Store;
import dev.aadsts.knowledge.Catalog;
import dev.aadsts.signin.testing.GraphStandIn;
import dev.aadsts.signin.testing.TlsStandIn;
import dev.aadsts.signin.testing.TlsStandIn.Answer;
import dev.aadsts.signin.graph.GraphException;
import dev.aadsts.signin.graph.SignInRecord;
import dev.aadsts.signin.report.Masking;
import dev.aadsts.signin.report.SignInReport;
import dev.aadsts.signin.report.SignInReports;
import dev.aadsts.signin.report.SignInText;
import dev.aadsts.store.Stores;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** From an id to a report, through MSAL and Graph on a local HTTPS stand-in, audited in a real store. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SignInInvestigationTest {

    static final String SUCCESS = "11111111-2222-4333-8444-555555555555";
    static final String BLOCKED = "22222222-3333-4444-8555-666666666666";
    static final String SESSION = "33333333-4444-4555-8666-777777777777";
    static final String REQUEST = "9a3c0e7f-5b1d-4c2a-8e6f-0d4b3a2c1e00";
    static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

    final Catalog catalog = Catalog.load();
    final SignInReports reports = new SignInReports(catalog);
    Store store;

    @BeforeAll
    void openStore(@TempDir Path dir) {
        store = Stores.embedded(dir);
    }

    @AfterAll
    void closeStore() {
        store.close();
    }

    /** Graph as documented: records by correlation id, by request id, and the session over two pages. */
    private Answer graph(GraphStandIn standIn, String query) {
        return switch (query) {
            case "correlationId eq '" + SUCCESS + "'" -> standIn.file(200, "success.json");
            case "correlationId eq '" + BLOCKED + "'" -> standIn.file(200, "ca-failure.json");
            case "correlationId eq '" + SESSION + "'" -> standIn.file(200, "session-page1.json");
            case "correlationId eq '" + SESSION + "' &skip=page2" -> standIn.file(200, "session-page2.json");
            case "id eq '" + REQUEST + "'" -> standIn.file(200, "ca-failure.json");
            default -> standIn.file(200, "empty.json");
        };
    }

    private GraphStandIn documentedGraph() throws Exception {
        GraphStandIn[] self = new GraphStandIn[1];
        self[0] = new GraphStandIn(query -> graph(self[0], query));
        return self[0];
    }

    private SignInLookup lookup(GraphStandIn standIn) throws Exception {
        return new SignInLookup(SignInLookup.graph(standIn.client()), reports, store.signInAudit(),
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void aSuccessfulSignInIsFetchedWithAnMsalTokenOverHttps() throws Exception {
        try (GraphStandIn standIn = documentedGraph()) {
            SignInReport report = lookup(standIn).investigate("cli:alice", SUCCESS, Masking.NONE);

            assertTrue(report.found());
            assertNull(report.cause());
            SignInReport.Record r = report.records().get(0);
            assertEquals("2026-11-30T09:12:44Z", r.time());
            assertEquals("adele.vance@contoso.com", r.user());
            assertEquals("Graph Explorer (de8bc8b5-d9f9-48b1-a8ad-b748da725064)", r.application());
            assertEquals("Microsoft Graph", r.resource());
            assertEquals(0, r.errorCode());
            assertEquals("Redmond, Washington, US", r.location());
            assertEquals("203.0.113.42", r.ipAddress());
            assertEquals(List.of(new SignInReport.Policy("Require MFA for admins", "notApplied", List.of("Mfa"),
                    List.of(), List.of())), r.policies());
            assertTrue(r.adminCenterLink().startsWith("https://entra.microsoft.com/"), r.adminCenterLink());

            // MSAL asked the stand-in's token endpoint for an app-only Graph token with the secret.
            TlsStandIn.Seen token = standIn.tokenRequests().get(0);
            assertEquals("/" + GraphStandIn.TENANT + "/oauth2/v2.0/token", token.uri().getPath());
            assertTrue(token.body().contains("grant_type=client_credentials"), token.body());
            assertTrue(token.body().contains(java.net.URLEncoder.encode(standIn.origin() + "/.default",
                    java.nio.charset.StandardCharsets.UTF_8)), token.body());
            assertTrue(token.body().contains("client_id=" + GraphStandIn.CLIENT), token.body());
            assertEquals(1, standIn.graphRequests().size());
            assertEquals(new SignInAudit.Entry("cli:alice", NOW, SUCCESS, true), store.signInAudit().latest(1).get(0));
        }
    }

    @Test
    void aCertificateCredentialSignsAClientAssertionInsteadOfSendingASecret(@TempDir Path dir) throws Exception {
        Path pfx = dir.resolve("graph-app.pfx");
        TlsStandIn.run(TlsStandIn.keytool(), "-genkeypair", "-alias", "graph-app", "-keyalg", "RSA", "-keysize", "2048",
                "-validity", "2", "-dname", "CN=aadsts-bot graph", "-storetype", "PKCS12", "-keystore", pfx.toString(),
                "-storepass", "pfx-pass", "-keypass", "pfx-pass");
        try (GraphStandIn standIn = documentedGraph()) {
            var env = standIn.env();
            env.remove(dev.aadsts.signin.graph.GraphSettings.CLIENT_SECRET);
            env.put(dev.aadsts.signin.graph.GraphSettings.CLIENT_CERTIFICATE_PATH, pfx.toString());
            env.put(dev.aadsts.signin.graph.GraphSettings.CLIENT_CERTIFICATE_PASSWORD, "pfx-pass");
            assertEquals(1, standIn.client(env).byCorrelationId(SUCCESS).size());
            String body = standIn.tokenRequests().get(0).body();
            assertTrue(body.contains("client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer"),
                    body);
            assertTrue(body.contains("client_assertion=ey"), body);
            assertFalse(body.contains("client_secret"), body);
        }
    }

    @Test
    void aConditionalAccessFailureNamesThePolicyAndWhatFailedIt() throws Exception {
        try (GraphStandIn standIn = documentedGraph()) {
            SignInReport report = lookup(standIn).investigate("slack:U0HELP", BLOCKED, Masking.NONE);

            assertEquals("blocked by policy 'Require compliant device' — the device is not compliant", report.cause());
            assertFalse(report.genericCauses().isEmpty(), "the catalog's usual causes for 53000 follow");
            SignInReport.Record r = report.records().get(0);
            assertEquals(53000, r.errorCode());
            assertEquals(catalog.find("53000").orElseThrow().title(), r.errorTitle());
            assertEquals(List.of("failure", "reportOnlySuccess", "notApplied"),
                    r.policies().stream().map(SignInReport.Policy::result).toList());
            assertEquals(List.of("RequireCompliantDevice"), r.policies().get(0).failedControls());
            assertEquals(List.of(), r.policies().get(1).failedControls());
            assertEquals(new SignInReport.Device("Windows 11", "Rich Client 5.2.0", false, true, "Azure AD joined",
                    "ADELE-LAPTOP"), r.device());

            String text = new SignInText().render(report);
            assertTrue(text.indexOf("What happened: blocked by policy 'Require compliant device'")
                    < text.indexOf("Usual causes"), text);
        }
    }

    @Test
    void sharedPlacesGetAMaskedUserAndNetwork() throws Exception {
        try (GraphStandIn standIn = documentedGraph()) {
            SignInReport.Record r = lookup(standIn).investigate("teams:29:abc", BLOCKED, Masking.SHARED)
                    .records().get(0);
            assertEquals("ad…@contoso.com", r.user());
            assertNull(r.userDisplayName());
            assertNull(r.device().name());
            assertEquals("2001:db8:85a3::/48", r.ipAddress());
        }
        assertEquals("203.0.113.0/24", Masking.SHARED.ip("203.0.113.42"));
        assertEquals("(hidden)", Masking.SHARED.ip("evil.example"));
    }

    @Test
    void severalRecordsForOneCorrelationIdArriveOverPagesAndAreShownInTimeOrder() throws Exception {
        try (GraphStandIn standIn = documentedGraph()) {
            SignInReport report = lookup(standIn).investigate("cli:alice", SESSION, Masking.NONE);

            assertEquals(List.of("2026-11-30T11:20:02Z", "2026-11-30T11:20:19Z", "2026-11-30T11:20:41Z"),
                    report.records().stream().map(SignInReport.Record::time).toList());
            assertEquals(List.of(50074, 50074, 500121),
                    report.records().stream().map(SignInReport.Record::errorCode).toList());
            assertEquals(2, standIn.graphRequests().size(), "the nextLink was followed");
            SignInReport.Record last = report.records().get(2);
            assertEquals("multiFactorAuthentication", last.authenticationRequirement());
            assertEquals(List.of("Password: succeeded — Correct password",
                    "Mobile app notification (Microsoft Authenticator): failed — MFA denied; user declined the "
                            + "authentication"), last.authentication());
            // The newest failure decides the cause; MFA was satisfied by policy but the user declined the prompt.
            assertTrue(report.cause().startsWith("AADSTS500121"), report.cause());
        }
    }

    @Test
    void anMfaInterruptAloneSaysMfaWasPending() {
        SignInRecord interrupt = SignInRecord.from(json("""
                {"id":"x","correlationId":"%s","createdDateTime":"2026-11-30T11:20:02Z",
                 "status":{"errorCode":50074}}""".formatted(SESSION)));
        assertEquals("multifactor authentication was required and had not been completed at this step",
                reports.report(SESSION, List.of(interrupt), Masking.NONE).cause());
    }

    @Test
    void aRequestIdIsFoundWhenNoCorrelationIdMatches() throws Exception {
        try (GraphStandIn standIn = documentedGraph()) {
            SignInReport report = lookup(standIn).investigate("cli:alice", REQUEST.toUpperCase(), Masking.NONE);
            assertEquals(REQUEST, report.records().get(0).requestId());
            assertEquals(List.of("correlationId eq '" + REQUEST + "'", "id eq '" + REQUEST + "'"),
                    standIn.graphRequests().stream().map(s -> java.net.URLDecoder.decode(
                            s.uri().getRawQuery().substring("$filter=".length()),
                            java.nio.charset.StandardCharsets.UTF_8)).toList());
        }
    }

    @Test
    void nothingThereIsAuditedAsNotFound() throws Exception {
        try (GraphStandIn standIn = documentedGraph()) {
            String id = "44444444-5555-4666-8777-888888888888";
            SignInReport report = lookup(standIn).investigate("cli:bob", id, Masking.NONE);
            assertFalse(report.found());
            assertTrue(new SignInText().render(report).startsWith("No sign-in record for " + id), "says so");
            assertEquals(new SignInAudit.Entry("cli:bob", NOW, id, false), store.signInAudit().latest(1).get(0));
        }
    }

    @Test
    void anIdThatIsNotAGuidIsRefusedBeforeAnythingIsFetched() throws Exception {
        try (GraphStandIn standIn = documentedGraph()) {
            SignInLookup lookup = lookup(standIn);
            int audited = store.signInAudit().latest(1000).size();
            for (String bad : List.of("", "abc", SUCCESS + "' or true or id eq '", SUCCESS + "0")) {
                assertThrows(IllegalArgumentException.class, () -> lookup.investigate("cli:x", bad, Masking.NONE));
            }
            assertEquals(List.of(), standIn.server.seen);
            assertEquals(audited, store.signInAudit().latest(1000).size());
        }
    }

    @Test
    void aTenantWithoutP1OrP2GetsTheLicenceMessage() throws Exception {
        try (GraphStandIn standIn = new GraphStandIn(q -> null)) {
            GraphStandIn refusing = new GraphStandIn(q -> standIn.file(403, "licence-403.json"));
            try (refusing) {
                GraphException e = assertThrows(GraphException.class,
                        () -> refusing.client().byCorrelationId(SUCCESS));
                assertEquals(GraphException.Reason.LICENCE, e.reason());
                assertTrue(e.getMessage().contains("Entra ID P1 or P2"), e.getMessage());
            }
        }
    }

    @Test
    void aMissingPermissionNamesThePermission() throws Exception {
        GraphStandIn[] self = new GraphStandIn[1];
        try (GraphStandIn standIn = new GraphStandIn(q -> self[0].file(403, "permission-403.json"))) {
            self[0] = standIn;
            GraphException e = assertThrows(GraphException.class, () -> standIn.client().byCorrelationId(SUCCESS));
            assertEquals(GraphException.Reason.PERMISSION, e.reason());
            assertTrue(e.getMessage().contains("AuditLog.Read.All"), e.getMessage());
            assertTrue(e.getMessage().contains("Authorization_RequestDenied"), e.getMessage());
        }
    }

    @Test
    void throttlingWaitsAsLongAsRetryAfterSaysThenSucceeds() throws Exception {
        GraphStandIn[] self = new GraphStandIn[1];
        int[] calls = {0};
        try (GraphStandIn standIn = new GraphStandIn(q -> ++calls[0] <= 2
                ? new Answer(429, "{\"error\":{\"code\":\"TooManyRequests\"}}", java.util.Map.of("Retry-After", "7"))
                : self[0].file(200, "success.json"))) {
            self[0] = standIn;
            List<SignInRecord> records = standIn.client().byCorrelationId(SUCCESS);
            assertEquals(1, records.size());
            assertEquals(List.of(Duration.ofSeconds(7), Duration.ofSeconds(7)), standIn.sleeps);
            assertEquals(3, standIn.graphRequests().size());
        }
    }

    @Test
    void endlessThrottlingGivesUpWithAClearMessage() throws Exception {
        try (GraphStandIn standIn = new GraphStandIn(
                q -> new Answer(429, "{\"error\":{\"code\":\"TooManyRequests\"}}", java.util.Map.of("Retry-After", "600")))) {
            GraphException e = assertThrows(GraphException.class, () -> standIn.client().byCorrelationId(SUCCESS));
            assertEquals(GraphException.Reason.UNAVAILABLE, e.reason());
            assertTrue(e.getMessage().contains("throttling"), e.getMessage());
            // Retry-After beyond a minute is capped: a chat answer should not hang for ten minutes per try.
            assertEquals(List.of(Duration.ofSeconds(60), Duration.ofSeconds(60), Duration.ofSeconds(60),
                    Duration.ofSeconds(60)), standIn.sleeps);
        }
    }

    @Test
    void aRecordNotYetThereIsPolledForWithBackoffUntilItAppears() throws Exception {
        GraphStandIn[] self = new GraphStandIn[1];
        int[] calls = {0};
        // Four empty answers (correlation + request id, twice), then the record.
        try (GraphStandIn standIn = new GraphStandIn(q -> ++calls[0] <= 4 ? self[0].file(200, "empty.json")
                : graph(self[0], q))) {
            self[0] = standIn;
            FakeClock clock = new FakeClock(NOW);
            List<Duration> announced = new java.util.ArrayList<>();
            SignInPoller poller = new SignInPoller(SignInLookup.graph(standIn.client()), clock, clock::advance);
            var found = poller.await(SUCCESS, (waited, next) -> announced.add(next));
            assertTrue(found.isPresent());
            assertEquals(SUCCESS, found.get().get(0).correlationId());
            assertEquals(List.of(Duration.ofSeconds(30), Duration.ofSeconds(60)), announced);
        }
    }

    @Test
    void pollingGivesUpAfterFifteenMinutes() throws Exception {
        FakeClock clock = new FakeClock(NOW);
        List<Duration> pauses = new java.util.ArrayList<>();
        int[] asked = {0};
        SignInPoller poller = new SignInPoller(id -> {
            asked[0]++;
            return List.of();
        }, clock, clock::advance);
        assertTrue(poller.await(SUCCESS, (waited, next) -> pauses.add(next)).isEmpty());
        assertEquals(Duration.ofMinutes(15), Duration.between(NOW, clock.instant()));
        // 30 s, 1, 2, 4, 4, then whatever is left of the 15 minutes (3.5 min).
        assertEquals(List.of(Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(4),
                Duration.ofMinutes(4), Duration.ofSeconds(210)), pauses);
        assertEquals(7, asked[0]);
    }

    private static com.fasterxml.jackson.databind.JsonNode json(String text) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static final class FakeClock extends Clock {
        private Instant now;

        FakeClock(Instant now) {
            this.now = now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
