package dev.aadsts.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aadsts.core.BotCore;
import dev.aadsts.core.store.SignInAudit;
import dev.aadsts.core.store.Store;
import dev.aadsts.signin.testing.GraphStandIn;
import dev.aadsts.signin.testing.TlsStandIn;
import dev.aadsts.store.Stores;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./aadsts-bot signin <id>} against the HTTPS stand-in for the token endpoint and Graph. */
class SignInCommandTest {
    private static final BotCore CORE = BotCore.load();
    static final String BLOCKED = "22222222-3333-4444-8555-666666666666";
    static final String MISSING = "44444444-5555-4666-8777-888888888888";

    @TempDir
    Path dataDir;

    private record Run(int status, String out, String err) {
    }

    private static GraphStandIn graph() throws Exception {
        GraphStandIn[] self = new GraphStandIn[1];
        self[0] = new GraphStandIn(q -> q.equals("correlationId eq '" + BLOCKED + "'")
                ? self[0].file(200, "ca-failure.json") : self[0].file(200, "empty.json"));
        return self[0];
    }

    private Map<String, String> env(GraphStandIn standIn) {
        Map<String, String> env = new HashMap<>(standIn.env());
        env.put("DATA_DIR", dataDir.toString());
        env.put("USER", "helpdesk-ann");
        return env;
    }

    private static Run command(Map<String, String> env, boolean json, String... args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        int status;
        try {
            status = new SignInCommand(env, o, e, () -> CORE, TlsStandIn.clientTls())
                    .run(new ArrayList<>(List.of(args)), json);
        } catch (UsageException usage) {
            status = Cli.USAGE;
            e.println(usage.getMessage());
        }
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static Run cli(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = new Cli(new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), env, () -> CORE).run(args);
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private List<SignInAudit.Entry> audit() {
        try (Store store = Stores.open(Map.of("DATA_DIR", dataDir.toString()))) {
            return store.signInAudit().latest(10);
        }
    }

    @Test
    void aBlockedSignInIsExplainedAndAudited() throws Exception {
        try (GraphStandIn standIn = graph()) {
            Run r = command(env(standIn), false, BLOCKED);
            assertEquals(Cli.OK, r.status(), r.err());
            assertTrue(r.out().contains("What happened: blocked by policy 'Require compliant device' — the device is "
                    + "not compliant"), r.out());
            assertTrue(r.out().contains("Require compliant device: failure (failed controls: RequireCompliantDevice)"),
                    r.out());
            assertTrue(r.out().contains("adele.vance@contoso.com"), "the operator's own terminal is not masked");
        }
        List<SignInAudit.Entry> audit = audit();
        assertEquals(1, audit.size());
        assertEquals("cli:helpdesk-ann", audit.get(0).who());
        assertEquals(BLOCKED, audit.get(0).lookedUpId());
        assertTrue(audit.get(0).found());
    }

    @Test
    void jsonCarriesTheReportModel() throws Exception {
        try (GraphStandIn standIn = graph()) {
            Run r = command(env(standIn), true, BLOCKED);
            assertEquals(Cli.OK, r.status(), r.err());
            JsonNode report = new ObjectMapper().readTree(r.out());
            assertEquals(BLOCKED, report.get("lookedUpId").asText());
            JsonNode record = report.get("records").get(0);
            assertEquals(53000, record.get("errorCode").asInt());
            assertEquals("failure", record.get("policies").get(0).get("result").asText());
            assertTrue(report.get("cause").asText().startsWith("blocked by policy"));
        }
    }

    @Test
    void notThereYetExitsOneAndIsAuditedAsNotFound() throws Exception {
        try (GraphStandIn standIn = graph()) {
            Run r = command(env(standIn), false, MISSING);
            assertEquals(Cli.NOTHING_FOUND, r.status());
            assertTrue(r.out().startsWith("No sign-in record for " + MISSING), r.out());
        }
        assertEquals(false, audit().get(0).found());
    }

    @Test
    void aRefusalForLicenceExitsThreeWithTheReason() throws Exception {
        GraphStandIn[] self = new GraphStandIn[1];
        try (GraphStandIn standIn = new GraphStandIn(q -> self[0].file(403, "licence-403.json"))) {
            self[0] = standIn;
            Run r = command(env(standIn), false, BLOCKED);
            assertEquals(Cli.FAILED, r.status());
            assertTrue(r.err().contains("Entra ID P1 or P2"), r.err());
        }
    }

    @Test
    void usageMistakesExitTwoThroughTheRealCliWithoutAsking() throws Exception {
        try (GraphStandIn standIn = graph()) {
            Run bad = cli(env(standIn), "signin", "not-a-guid");
            assertEquals(Cli.USAGE, bad.status());
            assertTrue(bad.err().contains("GUID"), bad.err());
            assertEquals(Cli.USAGE, cli(env(standIn), "signin").status());
            assertEquals(Cli.USAGE, cli(env(standIn), "signin", BLOCKED, MISSING).status());
            assertEquals(List.of(), standIn.server.seen);
        }
        Run off = cli(Map.of("DATA_DIR", dataDir.toString()), "signin", BLOCKED);
        assertEquals(Cli.USAGE, off.status());
        assertTrue(off.err().contains("not configured"), off.err());
    }
}
