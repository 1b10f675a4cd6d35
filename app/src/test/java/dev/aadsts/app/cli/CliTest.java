package dev.aadsts.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aadsts.core.BotCore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The CLI through its real entry point, with real streams, as {@code ./aadsts-bot} runs it. */
class CliTest {
    private static final BotCore CORE = BotCore.load();
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Run(int status, String out, String err) {
        JsonNode json() throws Exception {
            return JSON.readTree(out);
        }
    }

    private static Run run(String stdin, String... args) {
        return runWith(Map.of(), stdin, args);
    }

    private static Run runWith(Map<String, String> env, String stdin, String... args) {
        return runBytes(env, stdin.getBytes(StandardCharsets.UTF_8), args);
    }

    private static Run runBytes(Map<String, String> env, byte[] stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = new Cli(new ByteArrayInputStream(stdin),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                env, () -> CORE).run(args);
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void explainPrintsAReadableCard() {
        Run r = run("", "explain", "AADSTS700016: Application with identifier 'abc' was not found in the directory 'contoso'.");
        assertEquals(0, r.status());
        assertTrue(r.out().startsWith("AADSTS700016  UnauthorizedClient_DoesNotMatchRequest\n"), r.out());
        assertTrue(r.out().contains("Message:"), r.out());
        assertTrue(r.out().contains("How to fix"), r.out());
    }

    @Test
    void explainJsonKeepsTheContract() throws Exception {
        String paste = "{\"error\":\"invalid_request\",\"error_description\":\"AADSTS50011: The redirect URI "
                + "'https://app/x' specified in the request does not match.\\r\\nTrace ID: 0b5a3f2e-1111-2222-3333-"
                + "444455556666\\r\\nCorrelation ID: 9c1d2e3f-aaaa-bbbb-cccc-ddddeeeeffff\\r\\nTimestamp: "
                + "2026-11-20 10:11:12Z\",\"error_codes\":[50011]}";
        Run r = run(paste, "explain", "--json", "-");
        assertEquals(0, r.status(), r.err());
        JsonNode f = r.json().get("findings").get(0);
        assertEquals("50011", f.get("code").asText());
        assertTrue(f.get("known").asBoolean());
        assertEquals("InvalidReplyTo", f.get("name").asText());
        assertFalse(f.get("title").asText().isEmpty());
        assertTrue(f.get("audience").isArray());
        assertTrue(f.get("category").isTextual());
        assertTrue(f.get("retryable").isBoolean());
        assertEquals("0b5a3f2e-1111-2222-3333-444455556666", f.get("context").get("traceId").asText());
        assertEquals("9c1d2e3f-aaaa-bbbb-cccc-ddddeeeeffff", f.get("context").get("correlationId").asText());
        assertEquals("2026-11-20 10:11:12Z", f.get("context").get("timestamp").asText());
        assertEquals("https://app/x", f.get("context").get("redirectUri").asText());
        assertTrue(f.get("playbook").get("fixes").size() >= 3);
        assertEquals(1, r.json().get("findings").size());
        assertTrue(r.json().get("secrets").isEmpty());
    }

    @Test
    void explainJsonReportsUnknownCodesAndSecrets() throws Exception {
        Run r = run("", "explain", "--json", "AADSTS99999990: new thing; Bearer eyJ0eXAiOiJKV1QiLCJhbGc.eyJhdWQiOiJhcGk6Ly90.sig");
        JsonNode f = r.json().get("findings").get(0);
        assertFalse(f.get("known").asBoolean());
        assertTrue(f.get("name").isNull());
        assertEquals("a token (JWT)", r.json().get("secrets").get(0).asText());
        assertFalse(r.out().contains("eyJhdWQiOiJhcGk6Ly90"), r.out());
    }

    @Test
    void explainWithoutCodesSaysSoAndExitsOne() throws Exception {
        Run text = run("", "explain", "the printer is on fire");
        assertEquals(1, text.status());
        assertTrue(text.out().contains("No AADSTS code found"));
        Run json = run("", "explain", "--json", "the printer is on fire");
        assertEquals(1, json.status());
        assertEquals(0, json.json().get("findings").size());
    }

    @Test
    void searchFindsByPlainWords() throws Exception {
        Run r = run("", "search", "--json", "expired", "secret");
        assertEquals(0, r.status());
        JsonNode results = r.json().get("results");
        assertTrue(results.size() > 0);
        boolean found = false;
        for (JsonNode hit : results) {
            found |= hit.get("code").asText().equals("7000222");
            assertTrue(hit.get("score").isNumber());
            assertTrue(hit.get("title").isTextual());
        }
        assertTrue(found, results.toString());
        assertTrue(run("", "search", "conditional", "access").out().contains("AADSTS53003"));
    }

    @Test
    void catalogJsonHasEveryFieldOfEveryEntry() throws Exception {
        Run r = run("", "catalog", "--json");
        assertEquals(0, r.status());
        JsonNode entries = r.json().get("entries");
        assertEquals(CORE.catalog().size(), entries.size());
        for (JsonNode e : entries) {
            for (String field : new String[] {"code", "name", "title", "summary", "audience", "category", "retryable",
                    "related", "keywords", "playbook", "links"}) {
                assertTrue(e.has(field), e.get("code") + " lacks " + field);
            }
        }
    }

    @Test
    void catalogListsEntriesAsText() {
        Run r = run("", "catalog");
        assertTrue(r.out().contains("AADSTS50011"));
        assertTrue(r.out().endsWith(CORE.catalog().size() + " entries, " + CORE.catalog().playbookCount()
                + " with a playbook\n"), r.out());
    }

    @Test
    void serveRefusesSettingsThatCannotWorkWithExitTwoAndTheReason() {
        Run teams = runWith(Map.of("PORT", "0", "MicrosoftAppId", "2b1f6a4e-8f52-4f53-9d2e-7f0c2a0f7b11"), "", "serve");
        assertEquals(2, teams.status());
        assertTrue(teams.err().contains("MicrosoftAppPassword"), teams.err());
        Run alerts = runWith(Map.of("PORT", "0", "ALERTS_TOKEN", "t"), "", "serve");
        assertEquals(2, alerts.status());
        assertTrue(alerts.err().contains("default route"), alerts.err());
    }

    @Test
    void serveRefusingASettingOnAFirstStartLeavesNoDatabaseBehind(@org.junit.jupiter.api.io.TempDir Path tmp)
            throws Exception {
        // The store opens on its own thread while the settings are checked; a refused start removes what it made.
        Path fresh = tmp.resolve("fresh/data");
        Run refused = runWith(Map.of("PORT", "0", "DATA_DIR", fresh.toString(), "ALERTS_TOKEN", "t"), "", "serve");
        assertEquals(2, refused.status());
        assertTrue(refused.err().contains("default route"), refused.err());
        assertFalse(Files.exists(tmp.resolve("fresh")), "no folder, no half-made database");

        Path existing = Files.createDirectories(tmp.resolve("existing"));
        Files.writeString(existing.resolve("keep.txt"), "the operator's");
        Run again = runWith(Map.of("PORT", "0", "DATA_DIR", existing.toString(), "MANAGEMENT_PORT", "x"), "", "serve");
        assertEquals(2, again.status());
        assertTrue(again.err().contains("MANAGEMENT_PORT"), again.err());
        try (var files = Files.list(existing)) {
            assertEquals(List.of(existing.resolve("keep.txt")), files.toList(), "only the database files go");
        }
    }

    @Test
    void serveStopsWithTheStoresMessageWhenH2CannotOpenItsFile(@org.junit.jupiter.api.io.TempDir Path dataDir)
            throws Exception {
        Path file = Files.writeString(dataDir.resolve("aadsts-bot.mv.db"), "not a database");
        Run r = runWith(Map.of("PORT", "0", "DATA_DIR", dataDir.toString()), "", "serve");
        assertEquals(2, r.status(), r.err());
        assertTrue(r.err().startsWith("aadsts-bot: the store could not be opened: Cannot open embedded H2 at "
                + dataDir.toAbsolutePath() + ": "), r.err());
        assertEquals("not a database", Files.readString(file), "someone's file is never removed");
    }

    @Test
    void usageErrorsExitTwoWithAMessage() {
        for (String[] args : new String[][] {{}, {"frobnicate"}, {"explain"}, {"search"}, {"explain", "--yaml", "x"},
                {"catalog", "1", "2"}, {"catalog", "abc"}, {"explain", "-", "-"}, {"serve", "extra"},
                {"stats", "extra"}}) {
            Run r = run("", args);
            assertEquals(2, r.status(), String.join(" ", args));
            assertTrue(r.err().startsWith("aadsts-bot: "), r.err());
            assertEquals("", r.out());
        }
        assertEquals(2, run("   ", "explain", "-").status());
    }

    /** What Windows PowerShell 5.1's {@code >} writes: UTF-16LE with a byte-order mark, CRLF, a wrapped code. */
    private static final String POWERSHELL_ERROR = "Connect-AzAccount : ClientSecretCredential authentication failed: AADSTS7000\r\n"
            + "215: Invalid client secret provided.\r\n";

    @Test
    void explainReadsUtf16FromStandardInputWithOrWithoutByteOrderMark() throws Exception {
        byte[] bom = {(byte) 0xFF, (byte) 0xFE};
        byte[] body = POWERSHELL_ERROR.getBytes(StandardCharsets.UTF_16LE);
        byte[] withBom = java.util.Arrays.copyOf(bom, bom.length + body.length);
        System.arraycopy(body, 0, withBom, bom.length, body.length);
        for (byte[] stdin : List.of(withBom, body, POWERSHELL_ERROR.getBytes(StandardCharsets.UTF_16BE))) {
            Run r = runBytes(Map.of(), stdin, "explain", "--json", "-");
            assertEquals(0, r.status(), r.err());
            assertEquals("7000215", r.json().get("findings").get(0).get("code").asText());
        }
    }

    @Test
    void explainReadsAFileInUtf16() throws Exception {
        Path file = Files.createTempFile("powershell-error", ".txt");
        try {
            Files.write(file, ("\uFEFF" + POWERSHELL_ERROR).getBytes(StandardCharsets.UTF_16LE));
            Run r = run("", "explain", "--json", "--file", file.toString());
            assertEquals(0, r.status(), r.err());
            assertEquals("7000215", r.json().get("findings").get(0).get("code").asText());
        } finally {
            Files.delete(file);
        }
        Run missing = run("", "explain", "--file", file.toString());
        assertEquals(2, missing.status());
        assertTrue(missing.err().contains("no such file"), missing.err());
    }

    @Test
    void aCodeTheCatalogLacksIsNothingFoundNotAUsageError() {
        Run r = run("", "catalog", "99999999");
        assertEquals(1, r.status());
        assertTrue(r.err().contains("AADSTS99999999 is not in the catalog"), r.err());
        Run notACode = run("", "catalog", "abc");
        assertTrue(notACode.err().contains("'abc' is not an AADSTS code"), notACode.err());
        assertEquals(0, run("", "catalog", "AADSTS50011").status());
    }

    @Test
    void globalFlagsCountWhereverTheyStand() throws Exception {
        Run before = run("", "--json", "explain", "AADSTS50011");
        assertEquals(0, before.status(), before.err());
        assertEquals("50011", before.json().get("findings").get(0).get("code").asText());
        assertEquals(before.out(), run("", "explain", "AADSTS50011", "--json").out());
        assertEquals(0, run("", "--help").status());
    }

    @Test
    void anUnknownCodeHasEveryFieldOfTheContractEmpty() throws Exception {
        JsonNode f = run("", "explain", "--json", "AADSTS99999990").json().get("findings").get(0);
        for (String field : new String[] {"summary", "category", "retryable", "playbook"}) {
            assertTrue(f.has(field) && f.get(field).isNull(), field + " in " + f);
        }
        for (String field : new String[] {"audience", "related", "keywords"}) {
            assertTrue(f.get(field).isArray() && f.get(field).isEmpty(), field + " in " + f);
        }
    }

    @Test
    void statsReadsTheStoreAndPrintsEachSection(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        try (var store = dev.aadsts.store.Stores.embedded(dir)) {
            var now = java.time.Instant.now();
            store.stats().recordSighting("50126", true, "slack", "T1", now);
            store.stats().recordSighting("99999990", false, "teams", "tenant", now);
        }
        Run text = runWith(Map.of("DATA_DIR", dir.toString()), "", "stats");
        assertEquals(0, text.status(), text.err());
        assertTrue(text.out().contains("Codes pasted most, last 7 days\n  AADSTS50126  1"), text.out());
        assertTrue(text.out().contains("Codes not in the catalog yet, last 30 days\n  AADSTS99999990  1"),
                text.out());
        Run json = runWith(Map.of("DATA_DIR", dir.toString()), "", "stats", "--json");
        assertEquals("99999990", json.json().get("unknown").get(0).get("code").asText());
        assertEquals(2, json.json().get("lastMonth").size());
    }

    @Test
    void helpPrintsUsage() {
        Run r = run("", "help");
        assertEquals(0, r.status());
        assertTrue(r.out().contains("explain <text>|-"));
    }

    // ---- knowledge overlay ------------------------------------------------------------------------------

    @Test
    void explainShowsTheOrganizationSectionFromKnowledgeOverlay(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Files.writeString(dir.resolve("org.yaml"), """
                organization: Contoso IT
                rules:
                  - codes: [50011]
                    note: Production redirect URIs change only through a standard change.
                    contact: {slack: "#help-identity"}
                """);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = new Cli(new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream()), Map.of("KNOWLEDGE_OVERLAY", dir.toString()),
                () -> new BotCore(CORE.catalog())).run("explain", "AADSTS50011");
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, status);
        assertTrue(text.contains("\nAt Contoso IT\n  Production redirect URIs change only through a standard change.\n"
                + "  Contact (Slack): #help-identity\n"), text);
    }

    @Test
    void aBrokenOverlayIsAUsageError(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Files.writeString(dir.resolve("org.yaml"), "organization: Contoso IT\nrules:\n  - all: false\n");
        Run r = runWith(Map.of("KNOWLEDGE_OVERLAY", dir.toString()), "", "explain", "AADSTS50011");
        assertEquals(2, r.status());
        assertTrue(r.err().contains("org.yaml:3: all must be true"), r.err());
    }

    // ---- catalog diff -----------------------------------------------------------------------------------

    private static String write(java.nio.file.Path dir, String name, String text) throws Exception {
        return java.nio.file.Files.writeString(dir.resolve(name), text).toString();
    }

    @Test
    void catalogDiffReadsATsvCopyAndGroupsTheWork(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        StringBuilder tsv = new StringBuilder("code\tname\tdescription\n");
        dev.aadsts.knowledge.upstream.MicrosoftList.shipped().names().forEach((code, name) -> {
            if (code.equals("50012")) {
                return; // removed upstream
            }
            String n = code.equals("50011") ? "InvalidReplyUri" : name == null ? "" : name;
            tsv.append(code).append('\t').append(n).append("\tmade-up text\n");
        });
        tsv.append("9999901\tBrandNewThing\tmade-up text\n");
        Run r = run("", "catalog", "diff", write(dir, "newer.tsv", tsv.toString()));
        assertEquals(1, r.status(), r.err());
        assertTrue(r.out().contains("not in the catalog: write an entry for each (the name is Entra's) (1)\n"
                + "  AADSTS9999901   BrandNewThing\n"), r.out());
        assertTrue(r.out().contains("Renamed: update the entry's name (1)\n  AADSTS50011     InvalidReplyTo  ->  "
                + "InvalidReplyUri\n"), r.out());
        assertTrue(r.out().contains("(1)\n  AADSTS50012     AuthenticationFailed\n"), r.out());
        int harvested = dev.aadsts.knowledge.Catalog.load().size() - 304;
        assertTrue(r.out().contains("Not on either list (harvested from real reports; nothing to do): " + harvested),
                r.out());
        assertTrue(r.out().contains("3 changes to look at"), r.out());
    }

    @Test
    void catalogDiffReadsTheLearnPagesMarkdownAndSaysWhenNothingChanged(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        StringBuilder md = new StringBuilder("# Error codes\n\nSome prose | with a pipe.\n\n| Error | Description |\n|---|---|\n");
        dev.aadsts.knowledge.upstream.MicrosoftList.shipped().names().forEach((code, name) -> md.append("| AADSTS")
                .append(code).append(" | ").append(name == null ? "Made-up words without a name." : name + " - Made-up.")
                .append(" |\n"));
        Run same = run("", "catalog", "diff", write(dir, "page.md", md.toString()));
        assertEquals(0, same.status(), same.out() + same.err());
        assertTrue(same.out().contains("Nothing changed"), same.out());

        md.append("| AADSTS700024| ClientAssertionNotWithinValidTimeRange - Made-up. |\n");
        Run r = run("", "catalog", "--json", "diff", write(dir, "page2.md", md.toString()));
        assertEquals(1, r.status(), r.err());
        JsonNode listed = r.json().get("newlyListed").get(0);
        assertEquals("700024", listed.get("code").asText());
        assertTrue(listed.get("from").isNull());
        assertEquals("ClientAssertionNotWithinValidTimeRange", listed.get("to").asText());
        assertEquals(0, r.json().get("added").size());
    }

    @Test
    void catalogDiffRefusesAFileItCannotRead(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        Run missing = run("", "catalog", "diff", dir.resolve("nope.tsv").toString());
        assertEquals(2, missing.status());
        assertTrue(missing.err().contains("no such file"), missing.err());
        Run garbage = run("", "catalog", "diff", write(dir, "x.tsv", "hello\tworld\n"));
        assertEquals(2, garbage.status());
        assertTrue(garbage.err().contains("line 1: 'hello' is not an AADSTS code"), garbage.err());
        Run empty = run("", "catalog", "diff", write(dir, "e.md", "# nothing here\n"));
        assertEquals(2, empty.status());
        assertTrue(empty.err().contains("no AADSTS codes found"), empty.err());
        java.nio.file.Files.write(dir.resolve("latin1.tsv"), "50011\tCaf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        assertEquals(2, run("", "catalog", "diff", dir.resolve("latin1.tsv").toString()).status());
        assertEquals(2, run("", "catalog", "diff").status(), "the file is required");
    }
}
