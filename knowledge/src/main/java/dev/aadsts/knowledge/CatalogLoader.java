package dev.aadsts.knowledge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Reads the catalog's JSON part files (listed by {@code catalog/index.json} on the class path) and
 * turns them into a validated {@link Catalog}. Every structural problem is collected with the file and
 * code it belongs to, so a broken data file fails with one complete report.
 */
public final class CatalogLoader {
    static final String INDEX = "catalog/index.json";
    private static final Set<String> ENTRY_KEYS = Set.of(
            "code", "name", "title", "summary", "audience", "category", "retryable", "related", "keywords", "playbook",
            "sources", "reviewed");
    private static final Set<String> PLAYBOOK_KEYS = Set.of("causes", "fixes", "collect", "scenario");

    private final ObjectMapper mapper = new ObjectMapper();
    private final ClassLoader classLoader;

    public CatalogLoader() {
        this(CatalogLoader.class.getClassLoader());
    }

    public CatalogLoader(ClassLoader classLoader) {
        this.classLoader = classLoader;
    }

    public Catalog load() {
        return load(true);
    }

    /**
     * The catalog shipped in this build, read without {@link CatalogValidator}'s rules: the build's tests apply
     * them to exactly these resources ({@code CatalogTest}), so a catalog that breaks one never ships, and every
     * start need not check again (about a tenth of a second of a start's CPU). Structural problems (a missing
     * field, a wrong type) still fail with the full report.
     */
    Catalog loadShipped() {
        return load(false);
    }

    private Catalog load(boolean validate) {
        JsonNode index = read(INDEX);
        List<String> problems = new ArrayList<>();
        List<CatalogEntry> entries = new ArrayList<>();
        JsonNode parts = index.path("parts");
        if (!parts.isArray() || parts.isEmpty()) {
            throw new CatalogException(List.of(INDEX + ": needs a non-empty \"parts\" array"));
        }
        for (JsonNode part : parts) {
            String file = "catalog/" + part.asText();
            parsePart(file, read(file), entries, problems);
        }
        if (validate) {
            problems.addAll(new CatalogValidator().validate(entries));
        }
        if (!problems.isEmpty()) {
            throw new CatalogException(problems);
        }
        return new Catalog(entries);
    }

    /** Parses one part's text; used by tests that feed hand-made broken data. */
    public List<CatalogEntry> parse(String fileName, String json, List<String> problems) {
        List<CatalogEntry> entries = new ArrayList<>();
        try {
            parsePart(fileName, mapper.readTree(json), entries, problems);
        } catch (IOException e) {
            problems.add(fileName + ": not valid JSON: " + e.getMessage());
        }
        return entries;
    }

    private JsonNode read(String resource) {
        try (InputStream in = classLoader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new CatalogException(List.of(resource + ": not found on the class path"));
            }
            return mapper.readTree(in);
        } catch (IOException e) {
            throw new CatalogException(resource + ": not valid JSON: " + e.getMessage(), e);
        }
    }

    private void parsePart(String file, JsonNode root, List<CatalogEntry> out, List<String> problems) {
        JsonNode list = root.path("entries");
        if (!list.isArray()) {
            problems.add(file + ": needs an \"entries\" array");
            return;
        }
        int position = 0;
        for (JsonNode node : list) {
            position++;
            String where = file + " entry #" + position + " (" + node.path("code").asText("?") + ")";
            EntryReader reader = new EntryReader(where, node, problems);
            CatalogEntry entry = reader.read();
            if (entry != null) {
                out.add(entry);
            }
        }
    }

    /** Reads one entry node, reporting each field's problem instead of stopping at the first. */
    private static final class EntryReader {
        private final String where;
        private final JsonNode node;
        private final List<String> problems;
        private boolean broken;

        EntryReader(String where, JsonNode node, List<String> problems) {
            this.where = where;
            this.node = node;
            this.problems = problems;
        }

        CatalogEntry read() {
            if (!node.isObject()) {
                problem("is not an object");
                return null;
            }
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String key = it.next();
                if (!ENTRY_KEYS.contains(key)) {
                    problem("unknown field '" + key + "'");
                }
            }
            String code = text("code", true);
            String name = text("name", false);
            String title = text("title", true);
            String summary = text("summary", true);
            List<Audience> audience = new ArrayList<>();
            for (String id : strings(node, "audience", true)) {
                try {
                    audience.add(Audience.fromId(id));
                } catch (IllegalArgumentException e) {
                    problem(e.getMessage());
                }
            }
            Category category = null;
            String categoryId = text("category", true);
            if (categoryId != null) {
                try {
                    category = Category.fromId(categoryId);
                } catch (IllegalArgumentException e) {
                    problem(e.getMessage());
                }
            }
            JsonNode retryable = node.get("retryable");
            if (retryable == null || !retryable.isBoolean()) {
                problem("'retryable' must be true or false");
            }
            List<String> related = strings(node, "related", false);
            List<String> keywords = strings(node, "keywords", false);
            Playbook playbook = playbook(node.get("playbook"));
            List<Link> sources = sources(node.get("sources"));
            LocalDate reviewed = date("reviewed");
            if (broken) {
                return null;
            }
            return new CatalogEntry(code, name, title, summary, audience, category, retryable.asBoolean(),
                    related, keywords, playbook, sources, reviewed);
        }

        private Playbook playbook(JsonNode pb) {
            if (pb == null || pb.isNull()) {
                return null;
            }
            if (!pb.isObject()) {
                problem("'playbook' must be an object");
                return null;
            }
            for (Iterator<String> it = pb.fieldNames(); it.hasNext(); ) {
                String key = it.next();
                if (!PLAYBOOK_KEYS.contains(key)) {
                    problem("unknown playbook field '" + key + "'");
                }
            }
            JsonNode scenario = pb.get("scenario");
            if (scenario != null && !scenario.isTextual()) {
                problem("'playbook.scenario' must be a string");
            }
            return new Playbook(strings(pb, "causes", true), strings(pb, "fixes", true),
                    strings(pb, "collect", true), scenario == null ? null : scenario.asText());
        }

        private List<Link> sources(JsonNode list) {
            List<Link> out = new ArrayList<>();
            if (list == null || list.isNull()) {
                return out;
            }
            if (!list.isArray()) {
                problem("'sources' must be an array of {\"title\", \"url\"} objects");
                return out;
            }
            for (JsonNode s : list) {
                JsonNode title = s.get("title");
                JsonNode url = s.get("url");
                if (!s.isObject() || s.size() != 2 || title == null || !title.isTextual()
                        || url == null || !url.isTextual()) {
                    problem("each source needs exactly a string 'title' and a string 'url'");
                } else {
                    out.add(new Link(title.asText(), url.asText()));
                }
            }
            return out;
        }

        private LocalDate date(String field) {
            String value = text(field, false);
            if (value == null) {
                return null;
            }
            try {
                return LocalDate.parse(value);
            } catch (DateTimeParseException e) {
                problem("'" + field + "' must be a date like 2026-12-02");
                return null;
            }
        }

        private String text(String field, boolean required) {
            JsonNode v = node.get(field);
            if (v == null || v.isNull()) {
                if (required) {
                    problem("missing '" + field + "'");
                }
                return null;
            }
            if (!v.isTextual()) {
                problem("'" + field + "' must be a string");
                return null;
            }
            return v.asText();
        }

        private List<String> strings(JsonNode parent, String field, boolean required) {
            JsonNode v = parent.get(field);
            List<String> out = new ArrayList<>();
            if (v == null || v.isNull()) {
                if (required) {
                    problem("missing '" + field + "'");
                }
                return out;
            }
            if (!v.isArray()) {
                problem("'" + field + "' must be an array of strings");
                return out;
            }
            for (JsonNode item : v) {
                if (!item.isTextual()) {
                    problem("'" + field + "' must hold only strings");
                } else {
                    out.add(item.asText());
                }
            }
            return out;
        }

        private void problem(String what) {
            broken = true;
            problems.add(where + ": " + what);
        }
    }
}
