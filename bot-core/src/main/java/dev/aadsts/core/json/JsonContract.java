package dev.aadsts.core.json;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aadsts.core.card.Card;
import dev.aadsts.core.card.CardBuilder;
import dev.aadsts.core.card.OrganizationSection;
import dev.aadsts.core.context.ContextField;
import dev.aadsts.core.context.SecretKind;
import dev.aadsts.core.explain.Analysis;
import dev.aadsts.core.explain.Finding;
import dev.aadsts.knowledge.Audience;
import dev.aadsts.knowledge.Catalog;
import dev.aadsts.knowledge.CatalogEntry;
import dev.aadsts.knowledge.Link;
import dev.aadsts.knowledge.SearchHit;
import java.util.List;
import java.util.Map;

/**
 * The JSON that other tools rely on ({@code explain --json}, {@code POST /api/explain},
 * {@code catalog --json}, {@code search --json}). Field names and shapes here are a public contract:
 * add fields, never rename or remove them. Every entry (and every finding) has {@code sources}, an array
 * of {@code {"title","url"}} (empty when the entry names none yet), and {@code reviewed}, an ISO date or null.
 */
public final class JsonContract {
    private final ObjectMapper mapper = new ObjectMapper();
    private final CardBuilder cards;

    public JsonContract() {
        this(null);
    }

    /** With {@code cards}, each finding also carries what the organization's overlay adds and hides. */
    public JsonContract(CardBuilder cards) {
        this.cards = cards;
    }

    public ObjectMapper mapper() {
        return mapper;
    }

    /**
     * {@code {"findings":[…],"secrets":[…],"total":n,"truncated":false}}; a code the catalog lacks has
     * {@code "known":false}. {@code total} counts the distinct codes in the paste; when it exceeds the
     * findings carried ({@link dev.aadsts.core.explain.Explainer#MAX_FINDINGS}), {@code truncated} is true.
     */
    public ObjectNode explain(Analysis analysis) {
        ObjectNode root = mapper.createObjectNode();
        ArrayNode findings = root.putArray("findings");
        for (Finding f : analysis.findings()) {
            findings.add(finding(f));
        }
        root.put("total", analysis.total());
        root.put("truncated", analysis.truncated());
        ArrayNode secrets = root.putArray("secrets");
        analysis.secrets().stream().sorted().map(SecretKind::description).forEach(secrets::add);
        return root;
    }

    private ObjectNode finding(Finding f) {
        ObjectNode node = mapper.createObjectNode();
        node.put("code", f.code());
        node.put("known", f.known());
        if (f.known()) {
            entryFields(f.entry(), node);
        } else {
            // Every field a known code has is present, empty, so a consumer never tests for a missing key.
            node.putNull("name");
            node.put("title", "AADSTS" + f.code() + " is not in our catalog yet");
            node.putNull("summary");
            node.putArray("audience");
            node.putNull("category");
            node.putNull("retryable");
            node.putArray("related");
            node.putArray("keywords");
            node.putNull("playbook");
            links(CatalogEntry.linksFor(f.code()), node.putArray("links"));
            node.putArray("sources");
            node.putNull("reviewed");
        }
        ObjectNode context = node.putObject("context");
        for (Map.Entry<ContextField, String> e : f.context().values().entrySet()) {
            context.put(e.getKey().id(), e.getValue());
        }
        if (cards != null) {
            organization(cards.forCode(f.code()), node);
        }
        return node;
    }

    /**
     * {@code "organization":{…}} when an overlay applies to the card; the playbook then lists only the
     * causes and fixes the organization keeps, and {@code hidden} says how many it left out.
     */
    private void organization(Card card, ObjectNode node) {
        OrganizationSection org = card.organization();
        if (org == null) {
            return;
        }
        ObjectNode o = node.putObject("organization");
        o.put("name", org.organization());
        org.notes().forEach(o.putArray("notes")::add);
        org.fixesBefore().forEach(o.putArray("fixesBefore")::add);
        org.fixesAfter().forEach(o.putArray("fixesAfter")::add);
        links(org.links(), o.putArray("links"));
        ArrayNode contacts = o.putArray("contacts");
        for (OrganizationSection.Contact c : org.contacts()) {
            contacts.addObject().put("kind", c.kind().id()).put("value", c.value()).put("url", c.url());
        }
        o.putObject("hidden").put("causes", org.hiddenCauses()).put("fixes", org.hiddenFixes());
        if (node.get("playbook") instanceof ObjectNode pb) {
            ArrayNode causes = pb.putArray("causes");
            card.causes().forEach(causes::add);
            ArrayNode fixes = pb.putArray("fixes");
            card.fixes().forEach(fixes::add);
        }
    }

    /** {@code {"entries":[…every field of every entry…]}}. */
    public ObjectNode catalog(Catalog catalog) {
        ObjectNode root = mapper.createObjectNode();
        ArrayNode entries = root.putArray("entries");
        for (CatalogEntry e : catalog.entries()) {
            ObjectNode node = entries.addObject();
            node.put("code", e.code());
            entryFields(e, node);
        }
        return root;
    }

    /** {@code {"results":[{"code","title","score",…}]}}, best first. */
    public ObjectNode search(String query, List<SearchHit> hits) {
        ObjectNode root = mapper.createObjectNode();
        root.put("query", query);
        ArrayNode results = root.putArray("results");
        for (SearchHit h : hits) {
            ObjectNode r = results.addObject();
            r.put("code", h.entry().code());
            r.put("name", h.entry().name());
            r.put("title", h.entry().title());
            r.put("summary", h.entry().summary());
            r.put("score", Math.round(h.score() * 1000) / 1000.0);
        }
        return root;
    }

    /** {@code {"lastWeek":[{"code","count"}],"lastMonth":[…],"unknown":[…],"helpfulness":[{"code","helpful","notHelpful"}]}}. */
    public ObjectNode stats(dev.aadsts.core.stats.StatsReport report) {
        ObjectNode root = mapper.createObjectNode();
        counts(report.lastWeek(), root.putArray("lastWeek"));
        counts(report.lastMonth(), root.putArray("lastMonth"));
        counts(report.unknown(), root.putArray("unknown"));
        ArrayNode votes = root.putArray("helpfulness");
        for (dev.aadsts.core.stats.Helpfulness h : report.helpfulness()) {
            votes.addObject().put("code", h.code()).put("helpful", h.helpful()).put("notHelpful", h.notHelpful());
        }
        return root;
    }

    private static void counts(List<dev.aadsts.core.stats.CodeCount> counts, ArrayNode out) {
        counts.forEach(c -> out.addObject().put("code", c.code()).put("count", c.count()));
    }

    private void entryFields(CatalogEntry e, ObjectNode node) {
        node.put("name", e.name());
        node.put("title", e.title());
        node.put("summary", e.summary());
        ArrayNode audience = node.putArray("audience");
        e.audience().stream().map(Audience::id).forEach(audience::add);
        node.put("category", e.category().id());
        node.put("retryable", e.retryable());
        ArrayNode related = node.putArray("related");
        e.related().forEach(related::add);
        ArrayNode keywords = node.putArray("keywords");
        e.keywords().forEach(keywords::add);
        e.playbookIfAny().ifPresentOrElse(p -> {
            ObjectNode pb = node.putObject("playbook");
            p.causes().forEach(pb.putArray("causes")::add);
            p.fixes().forEach(pb.putArray("fixes")::add);
            p.collect().forEach(pb.putArray("collect")::add);
            if (p.scenario() != null) {
                pb.put("scenario", p.scenario());
            }
        }, () -> node.putNull("playbook"));
        links(e.links(), node.putArray("links"));
        ArrayNode sources = node.putArray("sources");
        for (Link source : e.sources()) {
            sources.addObject().put("title", source.label()).put("url", source.url());
        }
        e.reviewedIfAny().ifPresentOrElse(d -> node.put("reviewed", d.toString()), () -> node.putNull("reviewed"));
    }

    private static void links(List<Link> links, ArrayNode out) {
        for (Link l : links) {
            out.addObject().put("label", l.label()).put("url", l.url());
        }
    }
}
