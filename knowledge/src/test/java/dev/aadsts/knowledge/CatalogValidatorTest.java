package dev.aadsts.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Broken data is reported precisely, so whoever edits the catalog knows what to mend. */
class CatalogValidatorTest {
    private static final String GOOD = """
            {"code": "%s", "name": "InvalidReplyTo", "title": "Reply URL does not match the app",
             "summary": "The app asked Entra to send the answer to an address its registration does not list.",
             "audience": ["app-developer"], "category": "app-registration", "retryable": false,
             "related": %s, "keywords": ["redirect uri"]%s,
             "sources": [{"title": "Redirect URI restrictions", "url": "https://learn.microsoft.com/en-us/entra/x"}],
             "reviewed": "2026-12-02"}""";
    private static final String PLAYBOOK = """
            , "playbook": {"causes": ["cause number one", "cause number two", "cause number three"],
              "fixes": ["Open the admin center > App registrations", "Run `az ad app show --id <appId>`",
                        "Set the redirect URI exactly"],
              "collect": ["the correlation id", "the redirect URI sent"]}""";

    private final CatalogLoader loader = new CatalogLoader();

    private List<String> problemsOf(String... entries) {
        List<String> problems = new ArrayList<>();
        List<CatalogEntry> parsed = loader.parse("test.json", "{\"entries\":[" + String.join(",", entries) + "]}",
                problems);
        problems.addAll(new CatalogValidator().validate(parsed));
        return problems;
    }

    /** A complete entry; {@code extra} replaces the playbook when it starts with one. */
    private static String entry(String code, String related, String extra) {
        return GOOD.formatted(code, related, extra.contains("\"playbook\"") ? extra : PLAYBOOK + extra);
    }

    @Test
    void acceptsAWellFormedEntry() {
        assertEquals(List.of(), problemsOf(entry("50011", "[]", PLAYBOOK)));
    }

    @Test
    void everyEntryNeedsAPlaybookSourcesAndAReviewDate() {
        String bare = GOOD.formatted("50011", "[]", "").replaceAll(",\\s*\"sources\"[^]]*]", "")
                .replaceAll(",\\s*\"reviewed\": \"[0-9-]+\"", "");
        List<String> problems = problemsOf(bare);
        assertTrue(problems.contains("50011: has no playbook (causes, fixes, collect)"), problems.toString());
        assertTrue(problems.contains("50011: names no sources"), problems.toString());
        assertTrue(problems.contains("50011: has no 'reviewed' date"), problems.toString());
    }

    @Test
    void reportsBadSourcesAndDates() {
        String twice = entry("50011", "[]", "").replace("\"sources\": [", "\"sources\": [{\"title\": \"Plain\", "
                + "\"url\": \"http://example.com/\"}, ");
        assertTrue(problemsOf(twice).contains("50011: source link is not an absolute https URL: http://example.com/"));
        String future = entry("50011", "[]", "").replace("2026-12-02", "2999-01-01");
        assertTrue(problemsOf(future).contains("50011: 'reviewed' is in the future: 2999-01-01"));
        String notADate = entry("50011", "[]", "").replace("2026-12-02", "last week");
        assertTrue(problemsOf(notADate).stream().anyMatch(p -> p.endsWith("'reviewed' must be a date like 2026-12-02")));
        String noUrl = entry("50011", "[]", "").replace("\"url\": \"https://learn.microsoft.com/en-us/entra/x\"",
                "\"link\": \"x\"");
        assertTrue(problemsOf(noUrl).stream().anyMatch(p -> p.endsWith("exactly a string 'title' and a string 'url'")));
    }

    @Test
    void refusesRetiredAdminCenterMenusButNotTodaysNames() {
        String retired = entry("50011", "[]", "").replace("Open the admin center > App registrations",
                "Open Identity > Applications > App registrations");
        assertTrue(problemsOf(retired).stream().anyMatch(p -> p.contains("retired admin-center menu 'Identity >'")),
                problemsOf(retired).toString());
        String oldProtection = entry("50011", "[]", "").replace("Open the admin center > App registrations",
                "Open Protection > Conditional Access > Policies");
        assertTrue(problemsOf(oldProtection).stream().anyMatch(p -> p.contains("'Protection >'")));
        String azureAd = entry("50011", "[]", "").replace("Open the admin center > App registrations",
                "Azure portal > Azure Active Directory > App registrations");
        assertTrue(problemsOf(azureAd).stream().anyMatch(p -> p.contains("'Azure Active Directory >'")));
        String today = entry("50011", "[]", "").replace("Open the admin center > App registrations",
                "Open ID Protection > Risky users, then Entra ID > App registrations");
        assertEquals(List.of(), problemsOf(today));
    }

    @Test
    void reportsDuplicateCodes() {
        List<String> problems = problemsOf(entry("50011", "[]", ""), entry("50011", "[]", ""));
        assertTrue(problems.contains("50011: duplicate code"), problems.toString());
    }

    @Test
    void reportsRelatedCodesThatDoNotExist() {
        List<String> problems = problemsOf(entry("50011", "[\"99999\"]", ""));
        assertEquals(List.of("50011: related code 99999 is not in the catalog"), problems);
    }

    @Test
    void reportsThinPlaybooks() {
        String thin = ", \"playbook\": {\"causes\": [\"only one cause here\"], \"fixes\": [], \"collect\": []}";
        List<String> problems = problemsOf(entry("50011", "[]", thin));
        assertTrue(problems.contains("50011: causes: needs 3 to 8 items, has 1"), problems.toString());
        assertTrue(problems.contains("50011: fixes: needs 3 to 8 items, has 0"), problems.toString());
        assertTrue(problems.contains("50011: collect: needs 2 to 8 items, has 0"), problems.toString());
    }

    @Test
    void reportsUnknownFieldsCategoriesAndAudiences() {
        String bad = GOOD.formatted("50011", "[]", ", \"colour\": \"red\"")
                .replace("\"app-registration\"", "\"misc\"").replace("\"app-developer\"", "\"helpdesk\"");
        List<String> problems = problemsOf(bad);
        assertTrue(problems.stream().anyMatch(p -> p.endsWith("unknown field 'colour'")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.endsWith("unknown category 'misc'")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.endsWith("unknown audience 'helpdesk'")), problems.toString());
    }

    @Test
    void reportsMissingFieldsAndWrongTypes() {
        List<String> problems = problemsOf("{\"code\": \"50011\", \"title\": 5, \"retryable\": \"no\"}");
        assertTrue(problems.stream().anyMatch(p -> p.endsWith("'title' must be a string")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.endsWith("missing 'summary'")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.endsWith("'retryable' must be true or false")),
                problems.toString());
    }

    @Test
    void reportsMarkupInPlainTextFields() {
        String bad = entry("50011", "[]", "").replace("Reply URL does not match the app", "Reply *URL* mismatch");
        assertTrue(problemsOf(bad).contains("50011: title and summary must be plain text"));
    }

    @Test
    void reportsMalformedCodesAndLinks() {
        List<String> problems = problemsOf(entry("12ab", "[]", ""));
        assertEquals(List.of("12ab: code must be 4-8 digits"), problems);
        List<String> linkProblems = new ArrayList<>();
        CatalogValidator.checkLink("x: ", new Link("bad", "https://exa mple.com/"), linkProblems);
        CatalogValidator.checkLink("x: ", new Link("plain", "http://example.com/"), linkProblems);
        CatalogValidator.checkLink("x: ", new Link(" ", "https://example.com/"), linkProblems);
        assertEquals(List.of("x: link is not a URL: https://exa mple.com/",
                "x: link is not an absolute https URL: http://example.com/", "x: link has no label"), linkProblems);
    }

    @Test
    void reportsInvalidJson() {
        List<String> problems = new ArrayList<>();
        loader.parse("broken.json", "{\"entries\": [", problems);
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).startsWith("broken.json: not valid JSON"), problems.toString());
    }
}
