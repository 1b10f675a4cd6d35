package dev.aadsts.knowledge;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * What the bot knows about one AADSTS code, with the public pages its causes and fixes rest on and the
 * day a person last checked it against them.
 */
public record CatalogEntry(
        String code,
        String name,
        String title,
        String summary,
        List<Audience> audience,
        Category category,
        boolean retryable,
        List<String> related,
        List<String> keywords,
        Playbook playbook,
        List<Link> sources,
        LocalDate reviewed) {

    static final String LOOKUP_URL = "https://login.microsoftonline.com/error?code=";
    static final String REFERENCE_URL =
            "https://learn.microsoft.com/en-us/entra/identity-platform/reference-error-codes";

    public CatalogEntry {
        audience = List.copyOf(audience);
        related = List.copyOf(related);
        keywords = List.copyOf(keywords);
        sources = sources == null ? List.of() : List.copyOf(sources);
    }

    public Optional<Playbook> playbookIfAny() {
        return Optional.ofNullable(playbook);
    }

    public Optional<LocalDate> reviewedIfAny() {
        return Optional.ofNullable(reviewed);
    }

    /** Links every entry carries; derived from the code so the data files cannot get them wrong. */
    public List<Link> links() {
        return linksFor(code);
    }

    /** The same links for a code the catalog does not know yet. */
    public static List<Link> linksFor(String code) {
        return List.of(
                new Link("Microsoft's lookup for AADSTS" + code, LOOKUP_URL + code),
                new Link("Entra error code reference", REFERENCE_URL));
    }
}
