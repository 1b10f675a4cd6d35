package dev.aadsts.knowledge;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rules every catalog must keep. The loader applies them at start-up, and the build's tests apply
 * them too, so a catalog that breaks one never ships.
 */
public final class CatalogValidator {
    /**
     * Top-level menus of the Entra admin center that the 2025 navigation retired; a fix step that
     * starts a path with one of them sends people to a menu that no longer exists.
     */
    static final List<String> RETIRED_MENUS =
            List.of("Identity >", "Protection >", "Azure Active Directory >", "Azure AD >");
    // A retired menu starts a path; "ID Protection > Risky users" is today's name, not the old one.
    private static final Pattern RETIRED_MENU = Pattern.compile(
            "\\b(Identity|(?<!ID )Protection|Azure Active Directory|Azure AD) >");
    private static final Pattern CODE = Pattern.compile("[1-9][0-9]{3,7}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");
    // Cards render title and summary as plain text on every platform; markup there would be a bug.
    private static final Pattern MARKUP = Pattern.compile("[*_~<>`]|\\[[^]]*]\\(");

    public List<String> validate(List<CatalogEntry> entries) {
        List<String> problems = new ArrayList<>();
        Set<String> codes = new HashSet<>();
        for (CatalogEntry e : entries) {
            if (!codes.add(e.code())) {
                problems.add(e.code() + ": duplicate code");
            }
        }
        for (CatalogEntry e : entries) {
            checkEntry(e, codes, problems);
        }
        return problems;
    }

    private void checkEntry(CatalogEntry e, Set<String> codes, List<String> problems) {
        String at = e.code() + ": ";
        if (!CODE.matcher(e.code()).matches()) {
            problems.add(at + "code must be 4-8 digits");
        }
        if (e.name() != null && !NAME.matcher(e.name()).matches()) {
            problems.add(at + "name '" + e.name() + "' is not a symbolic name");
        }
        length(at + "title", e.title(), 8, 90, problems);
        length(at + "summary", e.summary(), 40, 450, problems);
        if (MARKUP.matcher(e.title()).find() || MARKUP.matcher(e.summary()).find()) {
            problems.add(at + "title and summary must be plain text");
        }
        if (e.audience().isEmpty()) {
            problems.add(at + "audience is empty");
        }
        if (new HashSet<>(e.audience()).size() != e.audience().size()) {
            problems.add(at + "audience repeats itself");
        }
        if (e.audience().contains(Audience.NONE) && e.audience().size() > 1) {
            problems.add(at + "audience 'none' must stand alone");
        }
        for (String r : e.related()) {
            if (r.equals(e.code())) {
                problems.add(at + "is related to itself");
            } else if (!codes.contains(r)) {
                problems.add(at + "related code " + r + " is not in the catalog");
            }
        }
        for (String k : e.keywords()) {
            if (k.isBlank()) {
                problems.add(at + "blank keyword");
            }
        }
        e.playbookIfAny().ifPresent(p -> checkPlaybook(at, p, problems));
        for (Link link : e.links()) {
            checkLink(at, link, problems);
        }
        checkSources(at, e, problems);
        checkMenus(at, e, problems);
    }

    private static void checkSources(String at, CatalogEntry e, List<String> problems) {
        if (e.playbook() == null) {
            problems.add(at + "has no playbook (causes, fixes, collect)");
        }
        if (e.sources().isEmpty()) {
            problems.add(at + "names no sources");
        }
        Set<String> urls = new HashSet<>();
        for (Link source : e.sources()) {
            checkLink(at + "source ", source, problems);
            if (!urls.add(source.url())) {
                problems.add(at + "source listed twice: " + source.url());
            }
        }
        if (e.reviewed() == null) {
            problems.add(at + "has no 'reviewed' date");
        } else if (e.reviewed().isAfter(LocalDate.now().plusDays(1))) {
            problems.add(at + "'reviewed' is in the future: " + e.reviewed());
        }
    }

    private static void checkMenus(String at, CatalogEntry e, List<String> problems) {
        List<String> texts = new ArrayList<>(List.of(e.summary()));
        e.playbookIfAny().ifPresent(p -> {
            texts.addAll(p.causes());
            texts.addAll(p.fixes());
            texts.addAll(p.collect());
        });
        for (String text : texts) {
            Matcher retired = RETIRED_MENU.matcher(text);
            while (retired.find()) {
                problems.add(at + "uses the retired admin-center menu '" + retired.group(1)
                        + " >': write today's path (e.g. Entra ID > Enterprise apps)");
            }
        }
    }

    private void checkPlaybook(String at, Playbook p, List<String> problems) {
        items(at + "causes", p.causes(), 3, problems);
        items(at + "fixes", p.fixes(), 3, problems);
        items(at + "collect", p.collect(), 2, problems);
        if (p.scenario() != null) {
            length(at + "scenario", p.scenario(), 20, 600, problems);
        }
    }

    private static void items(String what, List<String> items, int min, List<String> problems) {
        if (items.size() < min || items.size() > 8) {
            problems.add(what + ": needs " + min + " to 8 items, has " + items.size());
        }
        for (String item : items) {
            length(what + " item", item, 10, 450, problems);
        }
        if (new HashSet<>(items).size() != items.size()) {
            problems.add(what + ": repeats an item");
        }
    }

    private static void length(String what, String value, int min, int max, List<String> problems) {
        if (value == null || value.isBlank()) {
            problems.add(what + " is empty");
        } else if (value.length() < min || value.length() > max) {
            problems.add(what + " must be " + min + "-" + max + " characters, is " + value.length());
        } else if (!value.equals(value.strip())) {
            problems.add(what + " has leading or trailing white space");
        }
    }

    static void checkLink(String at, Link link, List<String> problems) {
        try {
            URI uri = new URI(link.url());
            if (!"https".equals(uri.getScheme()) || uri.getHost() == null) {
                problems.add(at + "link is not an absolute https URL: " + link.url());
            }
        } catch (URISyntaxException ex) {
            problems.add(at + "link is not a URL: " + link.url());
        }
        if (link.label() == null || link.label().isBlank()) {
            problems.add(at + "link has no label");
        }
    }
}
