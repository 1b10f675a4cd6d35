package dev.aadsts.core.overlay;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.aadsts.core.card.OrganizationSection.Contact;
import dev.aadsts.core.overlay.OverlayRule.Hide;
import dev.aadsts.core.overlay.OverlayRule.Scope;
import dev.aadsts.core.yaml.LineIndex;
import dev.aadsts.knowledge.Catalog;
import dev.aadsts.knowledge.CatalogEntry;
import dev.aadsts.knowledge.Category;
import dev.aadsts.knowledge.Link;
import dev.aadsts.knowledge.Playbook;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads an overlay folder: every {@code .yaml} / {@code .yml} file in it, in name order. Each file is read
 * as a tree and checked field by field against the catalog, so every mistake in every file is reported at
 * once, as {@code file:line: reason}, instead of only the first one the parser trips over.
 */
public final class OverlayLoader {
    /** The environment variable naming the folder. */
    public static final String ENV = "KNOWLEDGE_OVERLAY";

    static final int MAX_FILE_BYTES = 256 * 1024;
    static final int MAX_NAME = 80;
    static final int MAX_NOTE = 1000;
    static final int MAX_STEP = 500;
    static final int MAX_STEPS = 10;
    static final int MAX_LINKS = 5;
    static final int MAX_LABEL = 80;
    static final int MIN_PHRASE = 3;

    private static final List<String> TOP_FIELDS = List.of("organization", "rules");
    private static final List<String> RULE_FIELDS = List.of("codes", "categories", "all", "note", "fixes_before",
            "fixes_after", "links", "contact", "hide");
    private static final List<String> LINK_FIELDS = List.of("label", "url");
    private static final List<String> CONTACT_FIELDS = List.of("slack", "teams", "email");
    private static final List<String> HIDE_FIELDS = List.of("causes", "fixes");

    private static final Pattern CODE = Pattern.compile("(?i)(?:AADSTS)?\\s*([0-9]{4,8})");
    private static final Pattern SLACK_CHANNEL = Pattern.compile("#[a-z0-9][a-z0-9._-]{0,79}|[CG][A-Z0-9]{6,20}");
    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+'-]{1,64}@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+");

    private final Catalog catalog;

    public OverlayLoader(Catalog catalog) {
        this.catalog = catalog;
    }

    /** The folder named by {@value #ENV}, or null when it is not set. */
    public static Path folderFrom(Map<String, String> env) {
        String value = env.get(ENV);
        return value == null || value.isBlank() ? null : Path.of(value.strip());
    }

    /** @throws OverlayException listing every problem, each as {@code file:line: reason} */
    public Overlay load(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new OverlayException(List.of(ENV + ": " + folder + " is not a folder"));
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(folder)) {
            files = list.filter(OverlayLoader::isOverlayFile).sorted().toList();
        } catch (IOException e) {
            throw new OverlayException(List.of(ENV + ": cannot list " + folder + ": " + e.getMessage()));
        }
        List<String> problems = new ArrayList<>();
        List<OverlayRule> rules = new ArrayList<>();
        String organization = null;
        String namedIn = null;
        for (Path file : files) {
            FileReader reader = new FileReader(file, problems);
            reader.read();
            rules.addAll(reader.rules);
            if (reader.organization != null) {
                if (organization == null) {
                    organization = reader.organization;
                    namedIn = reader.organizationAt;
                } else if (!organization.equals(reader.organization)) {
                    problems.add(reader.organizationAt + ": organization '" + reader.organization
                            + "' differs from '" + organization + "' in " + namedIn + " (name it once, or the same)");
                }
            }
        }
        if (organization == null && !rules.isEmpty()) {
            problems.add(folder + ": no file names the organization; add 'organization: <name>' to one of them "
                    + "(cards show its notes under \"At <name>\")");
        }
        if (!problems.isEmpty()) {
            throw new OverlayException(problems);
        }
        return new Overlay(folder, organization, rules, files.size());
    }

    /** YAML files only; dot files and editor backups (a write in progress) are left alone. */
    static boolean isOverlayFile(Path p) {
        String name = p.getFileName().toString();
        String lower = name.toLowerCase(Locale.ROOT);
        return !name.startsWith(".") && (lower.endsWith(".yaml") || lower.endsWith(".yml")) && Files.isRegularFile(p);
    }

    /** Reads one file; problems are added to the shared list, valid rules kept. */
    private final class FileReader {
        private final Path file;
        private final List<String> problems;
        private final List<OverlayRule> rules = new ArrayList<>();
        private LineIndex lines;
        private String organization;
        private String organizationAt;

        FileReader(Path file, List<String> problems) {
            this.file = file;
            this.problems = problems;
        }

        void read() {
            String text;
            try {
                if (Files.size(file) > MAX_FILE_BYTES) {
                    problems.add(file + ": larger than " + MAX_FILE_BYTES / 1024 + " KiB; split it into several files");
                    return;
                }
                // A strict decoder: a file saved in another encoding is reported, not shown garbled on cards.
                text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(Files.readAllBytes(file)))
                        .toString();
            } catch (CharacterCodingException e) {
                problems.add(file + ": not UTF-8 text");
                return;
            } catch (IOException e) {
                problems.add(file + ": cannot read: " + e.getMessage());
                return;
            }
            ObjectMapper mapper = new ObjectMapper(new YAMLFactory()
                    .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION));
            lines = LineIndex.of(mapper.getFactory(), text);
            JsonNode root;
            try {
                root = mapper.readTree(text);
            } catch (JsonProcessingException e) {
                JsonLocation at = e.getLocation();
                problems.add(file + (at == null ? "" : ":" + at.getLineNr()) + ": " + e.getOriginalMessage());
                return;
            }
            if (root == null || root.isMissingNode() || root.isNull()) {
                return; // an empty file adds nothing
            }
            if (!root.isObject()) {
                problem("", "expected 'organization:' and 'rules:' at the top of the file");
                return;
            }
            fields(root, "", TOP_FIELDS);
            JsonNode name = root.get("organization");
            if (name != null) {
                String named = text(name, "/organization", MAX_NAME);
                if (named != null) {
                    organization = named;
                    organizationAt = file + ":" + lines.lineOf("/organization");
                }
            }
            JsonNode list = root.get("rules");
            if (list != null) {
                if (!list.isArray()) {
                    problem("/rules", "rules must be a list, each item starting with '- '");
                } else {
                    for (int i = 0; i < list.size(); i++) {
                        OverlayRule rule = rule(list.get(i), "/rules/" + i);
                        if (rule != null) {
                            rules.add(rule);
                        }
                    }
                }
            }
        }

        private OverlayRule rule(JsonNode node, String at) {
            if (!node.isObject()) {
                problem(at, "a rule is a mapping (codes:, categories: or all:, then what it adds or hides)");
                return null;
            }
            int start = problems.size();
            fields(node, at, RULE_FIELDS);
            Scope scope = scope(node, at);
            Set<String> codes = scope == Scope.CODES ? codes(node.get("codes"), at + "/codes") : Set.of();
            Set<Category> categories = scope == Scope.CATEGORIES
                    ? categories(node.get("categories"), at + "/categories") : Set.of();
            String note = node.has("note") ? text(node.get("note"), at + "/note", MAX_NOTE) : null;
            List<String> fixesBefore = steps(node.get("fixes_before"), at + "/fixes_before");
            List<String> fixesAfter = steps(node.get("fixes_after"), at + "/fixes_after");
            List<Link> links = links(node.get("links"), at + "/links");
            List<Contact> contacts = contacts(node.get("contact"), at + "/contact");
            Hide causes = Hide.NOTHING;
            Hide fixes = Hide.NOTHING;
            JsonNode hide = node.get("hide");
            if (hide != null) {
                if (!hide.isObject()) {
                    problem(at + "/hide", "hide takes 'causes:' and/or 'fixes:', each a list of numbers or phrases");
                } else {
                    fields(hide, at + "/hide", HIDE_FIELDS);
                    causes = hide(hide.get("causes"), at + "/hide/causes", scope, codes, categories, true);
                    fixes = hide(hide.get("fixes"), at + "/hide/fixes", scope, codes, categories, false);
                }
            }
            if (problems.size() > start || scope == null) {
                return null;
            }
            if (note == null && fixesBefore.isEmpty() && fixesAfter.isEmpty() && links.isEmpty() && contacts.isEmpty()
                    && causes.isEmpty() && fixes.isEmpty()) {
                problem(at, "this rule adds nothing: give it a note, fixes_before, fixes_after, links, contact or hide");
                return null;
            }
            return new OverlayRule(scope, codes, categories, note, fixesBefore, fixesAfter, links, contacts, causes,
                    fixes, file.getFileName() + ":" + lines.lineOf(at));
        }

        private Scope scope(JsonNode rule, String at) {
            List<String> given = Stream.of("codes", "categories", "all").filter(rule::has).toList();
            if (given.size() != 1) {
                problem(at, given.isEmpty()
                        ? "say which cards this rule is for: codes: [...], categories: [...] or all: true"
                        : "a rule is for codes, categories or all cards, not " + String.join(" and ", given)
                        + "; write one rule for each");
                return null;
            }
            if (rule.has("all")) {
                if (!rule.get("all").isBoolean() || !rule.get("all").booleanValue()) {
                    problem(at + "/all", "all must be true (leave it out to scope the rule by codes or categories)");
                    return null;
                }
                return Scope.ALL;
            }
            return rule.has("codes") ? Scope.CODES : Scope.CATEGORIES;
        }

        private Set<String> codes(JsonNode node, String at) {
            Set<String> codes = new LinkedHashSet<>();
            List<JsonNode> items = items(node, at, "codes");
            for (int i = 0; i < items.size(); i++) {
                JsonNode item = items.get(i);
                Matcher m = CODE.matcher(item.isValueNode() ? item.asText().strip() : "");
                if (!m.matches()) {
                    problem(at + (node.isArray() ? "/" + i : ""), "'" + item.asText()
                            + "' is not an AADSTS code (digits, e.g. 50011 or AADSTS50011)");
                } else {
                    codes.add(m.group(1));
                }
            }
            if (items.isEmpty() && node != null && node.isArray()) {
                problem(at, "codes is empty");
            }
            return codes;
        }

        private Set<Category> categories(JsonNode node, String at) {
            Set<Category> out = new LinkedHashSet<>();
            List<JsonNode> items = items(node, at, "categories");
            for (int i = 0; i < items.size(); i++) {
                try {
                    out.add(Category.fromId(items.get(i).asText().strip()));
                } catch (RuntimeException e) {
                    problem(at + (node.isArray() ? "/" + i : ""), e.getMessage());
                }
            }
            if (items.isEmpty() && node != null && node.isArray()) {
                problem(at, "categories is empty");
            }
            return out;
        }

        private List<String> steps(JsonNode node, String at) {
            List<String> out = new ArrayList<>();
            List<JsonNode> items = items(node, at, at.substring(at.lastIndexOf('/') + 1));
            if (items.size() > MAX_STEPS) {
                problem(at, "at most " + MAX_STEPS + " steps in one rule (" + items.size() + " given)");
                return out;
            }
            for (int i = 0; i < items.size(); i++) {
                String step = text(items.get(i), at + (node.isArray() ? "/" + i : ""), MAX_STEP);
                if (step != null) {
                    out.add(step);
                }
            }
            return out;
        }

        private List<Link> links(JsonNode node, String at) {
            List<Link> out = new ArrayList<>();
            List<JsonNode> items = items(node, at, "links");
            if (items.size() > MAX_LINKS) {
                problem(at, "at most " + MAX_LINKS + " links in one rule (" + items.size() + " given)");
                return out;
            }
            for (int i = 0; i < items.size(); i++) {
                String here = at + (node.isArray() ? "/" + i : "");
                JsonNode link = items.get(i);
                if (!link.isObject()) {
                    problem(here, "a link is a mapping with label: and url:");
                    continue;
                }
                fields(link, here, LINK_FIELDS);
                String label = required(link, "label", here, MAX_LABEL);
                String url = required(link, "url", here, 2000);
                if (url != null && !safeUrl(url, true)) {
                    problem(here + "/url", "'" + url + "' must be an https:// address (or mailto: for email)");
                    url = null;
                }
                if (label != null && url != null) {
                    out.add(new Link(label, url));
                }
            }
            return out;
        }

        private List<Contact> contacts(JsonNode node, String at) {
            List<Contact> out = new ArrayList<>();
            if (node == null) {
                return out;
            }
            if (!node.isObject()) {
                problem(at, "contact takes slack:, teams: and/or email:");
                return out;
            }
            fields(node, at, CONTACT_FIELDS);
            if (node.has("slack")) {
                String slack = text(node.get("slack"), at + "/slack", MAX_LABEL);
                if (slack != null && !SLACK_CHANNEL.matcher(slack).matches()) {
                    problem(at + "/slack", "'" + slack + "' is not a Slack channel: write #channel-name or its id "
                            + "(C0123ABCD)");
                } else if (slack != null) {
                    out.add(new Contact(Contact.Kind.SLACK, slack, null));
                }
            }
            if (node.has("teams")) {
                String teams = text(node.get("teams"), at + "/teams", 2000);
                if (teams != null && teams.contains("://")) {
                    if (safeUrl(teams, false)) {
                        out.add(new Contact(Contact.Kind.TEAMS, "Teams channel", teams));
                    } else {
                        problem(at + "/teams", "a Teams link must be an https:// address");
                    }
                } else if (teams != null && teams.length() > MAX_LABEL) {
                    problem(at + "/teams", "a Teams channel name is at most " + MAX_LABEL + " characters; use its "
                            + "https:// link instead");
                } else if (teams != null) {
                    out.add(new Contact(Contact.Kind.TEAMS, teams, null));
                }
            }
            if (node.has("email")) {
                String email = text(node.get("email"), at + "/email", MAX_LABEL);
                if (email != null && !EMAIL.matcher(email).matches()) {
                    problem(at + "/email", "'" + email + "' is not an email address");
                } else if (email != null) {
                    out.add(new Contact(Contact.Kind.EMAIL, email, "mailto:" + email));
                }
            }
            return out;
        }

        /**
         * Numbers need one code's card to point at, and must exist there; a phrase must match at least one
         * of our items within the rule's cards, or it is a typo that would silently hide nothing.
         */
        private Hide hide(JsonNode node, String at, Scope scope, Set<String> codes, Set<Category> categories,
                boolean causes) {
            if (node == null) {
                return Hide.NOTHING;
            }
            String what = causes ? "causes" : "fix steps";
            Set<Integer> numbers = new LinkedHashSet<>();
            List<String> phrases = new ArrayList<>();
            List<JsonNode> items = items(node, at, causes ? "causes" : "fixes");
            List<List<String>> inScope = scope == null ? List.of() : catalog.entries().stream()
                    .filter(e -> switch (scope) {
                        case ALL -> true;
                        case CATEGORIES -> categories.contains(e.category());
                        case CODES -> codes.contains(e.code());
                    })
                    .map(e -> playbookItems(e, causes)).toList();
            for (int i = 0; i < items.size(); i++) {
                JsonNode item = items.get(i);
                String here = at + (node.isArray() ? "/" + i : "");
                if (item.isIntegralNumber()) {
                    int n = item.intValue();
                    if (scope != Scope.CODES) {
                        problem(here, "hide by number only in a rule for codes (numbers differ from card to card); "
                                + "hide by a phrase here, e.g. \"AD FS\"");
                        continue;
                    }
                    for (String code : codes) {
                        int size = catalog.find(code).map(e -> playbookItems(e, causes).size()).orElse(0);
                        if (n < 1 || n > size) {
                            problem(here, "AADSTS" + code + " has " + (size == 0 ? "no" : size) + " " + what
                                    + (size == 0 ? "" : " (1 to " + size + ")") + "; there is no number " + n);
                        }
                    }
                    numbers.add(n);
                } else if (item.isTextual()) {
                    String phrase = item.asText().strip();
                    String lower = phrase.toLowerCase(Locale.ROOT);
                    if (phrase.length() < MIN_PHRASE) {
                        problem(here, "a phrase to hide needs at least " + MIN_PHRASE + " characters");
                    } else if (inScope.stream().flatMap(List::stream)
                            .noneMatch(s -> s.toLowerCase(Locale.ROOT).contains(lower))) {
                        problem(here, "'" + phrase + "' matches none of our " + what + " on the cards this rule is for");
                    } else {
                        phrases.add(phrase);
                    }
                } else {
                    problem(here, "hide a " + (causes ? "cause" : "fix step") + " by its number on the card or by "
                            + "a phrase it contains");
                }
            }
            return new Hide(numbers, phrases);
        }

        private static List<String> playbookItems(CatalogEntry e, boolean causes) {
            Playbook p = e.playbook();
            return p == null ? List.of() : causes ? p.causes() : p.fixes();
        }

        /** A list, or a single value taken as a list of one. */
        private List<JsonNode> items(JsonNode node, String at, String name) {
            List<JsonNode> out = new ArrayList<>();
            if (node == null || node.isNull()) {
                return out;
            }
            if (node.isArray()) {
                node.forEach(out::add);
            } else if (node.isValueNode() || node.isObject()) {
                out.add(node);
            }
            return out;
        }

        private String required(JsonNode parent, String field, String at, int max) {
            if (!parent.has(field)) {
                problem(at, "missing " + field + ":");
                return null;
            }
            return text(parent.get(field), at + "/" + field, max);
        }

        /** Non-blank text within a length limit; control characters other than line breaks are refused. */
        private String text(JsonNode node, String at, int max) {
            if (node == null || !node.isValueNode() || node.isNull()) {
                problem(at, "expected text");
                return null;
            }
            String s = node.asText().strip();
            if (s.isEmpty()) {
                problem(at, "is empty");
                return null;
            }
            if (s.length() > max) {
                problem(at, "is " + s.length() + " characters long; at most " + max);
                return null;
            }
            if (s.codePoints().anyMatch(cp -> Character.isISOControl(cp) && cp != '\n')) {
                problem(at, "contains control characters");
                return null;
            }
            return s;
        }

        private void fields(JsonNode node, String at, List<String> known) {
            for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!known.contains(name)) {
                    problem(at + "/" + name.replace("~", "~0").replace("/", "~1"), "unknown field '" + name
                            + "' (expected one of " + String.join(", ", known) + ")");
                }
            }
        }

        private void problem(String pointer, String reason) {
            int line = lines.lineOf(pointer);
            problems.add(file + (line > 0 ? ":" + line : "") + ": " + reason);
        }
    }

    /** https with a host (or mailto when allowed), and none of the characters Slack's link syntax uses. */
    static boolean safeUrl(String url, boolean mailtoAllowed) {
        if (url.chars().anyMatch(c -> c <= ' ' || c == '<' || c == '>' || c == '|' || c == '"' || c == '`')) {
            return false;
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (scheme.equals("mailto")) {
                return mailtoAllowed && EMAIL.matcher(uri.getSchemeSpecificPart().split("\\?", 2)[0]).matches();
            }
            return scheme.equals("https") && uri.getHost() != null && !uri.getHost().isEmpty()
                    && uri.getUserInfo() == null;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
