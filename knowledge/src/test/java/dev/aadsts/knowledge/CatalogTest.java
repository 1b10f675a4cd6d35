package dev.aadsts.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The shipped catalog keeps its promises; a build whose data breaks one of these fails. */
class CatalogTest {
    /** The codes people meet most; each must carry a full playbook. */
    static final List<String> MUST_HAVE_PLAYBOOK = List.of(
            "50126", "50076", "50079", "50074", "50053", "50057", "50055", "50058", "50105", "53003", "530003",
            "500121", "50158", "70044", "50173", "50132", "50133", "16000", "50020", "90072", "50034", "900144",
            "90002", "90014", "50011", "700016", "7000215", "7000222", "700027", "700024", "7000218", "65001",
            "650052", "650057", "500011", "500113", "50001", "70011", "70000", "70008", "700082", "54005",
            "9002313", "9002326", "90102", "50146", "50194", "700054", "28002", "7000112", "50000", "40008",
            "40009", "40010", "40015", "50008", "50107", "50012", "50013", "20001");
    /** Codes real sign-ins return that Microsoft's list lacks. */
    static final List<String> BEYOND_REFERENCE = List.of(
            "7000222", "9002313", "700024", "1002016", "9002326", "530003", "500121", "500113", "165000");

    private static Catalog catalog;

    @BeforeAll
    static void load() {
        catalog = Catalog.load();
    }

    static Map<String, String> referenceCodes() throws IOException {
        Map<String, String> codes = new LinkedHashMap<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                CatalogTest.class.getResourceAsStream("/reference-codes.tsv"), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("#") || line.startsWith("code\t")) {
                    continue;
                }
                String[] parts = line.split("\t", -1);
                codes.put(parts[0], parts.length > 1 ? parts[1] : "");
            }
        }
        return codes;
    }

    @Test
    void everyReferenceCodeHasAnEntryWithItsSymbolicName() throws IOException {
        Map<String, String> reference = referenceCodes();
        assertEquals(304, reference.size(), "reference list read completely");
        List<String> problems = new ArrayList<>();
        reference.forEach((code, name) -> {
            CatalogEntry e = catalog.find(code).orElse(null);
            if (e == null) {
                problems.add(code + " missing");
            } else if (!name.isEmpty() && !name.equals(e.name())) {
                problems.add(code + " has name " + e.name() + ", reference says " + name);
            } else if (name.isEmpty() && e.name() != null) {
                problems.add(code + " has a name the reference does not give: " + e.name());
            }
        });
        assertEquals(List.of(), problems);
    }

    @Test
    void coversCommonCodesBeyondTheReference() {
        for (String code : BEYOND_REFERENCE) {
            assertTrue(catalog.contains(code), code);
        }
        assertTrue(catalog.size() >= 450, "catalog has " + catalog.size() + " entries");
    }

    @Test
    void holdsTheCodesPeopleReportThatMicrosoftsListLacks() {
        // Each was found missing by the fact-check as frequently reported; each entry cites its reports.
        for (String code : List.of("7000229", "5000224", "5000225", "5000611", "500131", "9010010", "28000",
                "7002138", "1000502", "9002346")) {
            CatalogEntry entry = catalog.find(code).orElseThrow(() -> new AssertionError(code + " is missing"));
            assertTrue(entry.playbook() != null && !entry.sources().isEmpty(), code);
        }
    }

    @Test
    void commonCodesHaveCompletePlaybooks() {
        List<String> missing = MUST_HAVE_PLAYBOOK.stream()
                .filter(c -> catalog.find(c).map(e -> e.playbook() == null).orElse(true))
                .toList();
        assertEquals(List.of(), missing);
        assertEquals(catalog.size(), catalog.playbookCount(), "every entry has a playbook");
    }

    @Test
    void playbookFixesAreConcrete() {
        // A fix step names a place, a command or a setting; "check your configuration" is not a fix.
        List<String> vague = new ArrayList<>();
        for (CatalogEntry e : catalog.entries()) {
            e.playbookIfAny().ifPresent(p -> {
                boolean concrete = p.fixes().stream().anyMatch(f -> f.contains(">") || f.contains("`") || f.contains("https://")
                        || f.matches("(?s).*\\b(Graph|PowerShell|az |portal|admin center|setting|policy)\\b.*"));
                if (!concrete) {
                    vague.add(e.code());
                }
            });
        }
        assertEquals(List.of(), vague);
    }

    @Test
    void theValidatingLoaderReadsTheSameCatalog() {
        // Catalog.load() skips the validator at run time because this build's tests run it; both must agree.
        Catalog validated = new CatalogLoader().load();
        assertEquals(List.copyOf(catalog.entries()), List.copyOf(validated.entries()));
    }

    @Test
    void passesItsOwnValidation() {
        assertEquals(List.of(), new CatalogValidator().validate(List.copyOf(catalog.entries())));
    }

    @Test
    void entriesAreOrderedByNumericCode() {
        long previous = 0;
        for (CatalogEntry e : catalog.entries()) {
            long code = Long.parseLong(e.code());
            assertTrue(code > previous, e.code());
            previous = code;
        }
    }

    @Test
    void everyEntryLinksToMicrosoftsLookupForItsCode() {
        for (CatalogEntry e : catalog.entries()) {
            Link lookup = e.links().get(0);
            assertEquals("https://login.microsoftonline.com/error?code=" + e.code(), lookup.url());
            assertNotNull(lookup.label());
        }
    }

    @Test
    void audienceAndCategoryAreSet() {
        for (CatalogEntry e : catalog.entries()) {
            assertFalse(e.audience().isEmpty(), e.code());
            assertNotNull(e.category(), e.code());
        }
    }
}
