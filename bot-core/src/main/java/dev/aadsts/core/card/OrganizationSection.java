package dev.aadsts.core.card;

import dev.aadsts.knowledge.Link;
import java.util.List;

/**
 * What an organization adds to a card from its knowledge overlay: its own note, fix steps to take before
 * and after ours, internal links and whom to contact. Every string here was written by an operator, not
 * by us, so renderers escape it like user text. Links are https (or mailto) by the time they get here.
 *
 * @param hiddenCauses how many of our causes the organization hid on this card
 * @param hiddenFixes  how many of our fix steps the organization hid on this card
 */
public record OrganizationSection(
        String organization,
        List<String> notes,
        List<String> fixesBefore,
        List<String> fixesAfter,
        List<Link> links,
        List<Contact> contacts,
        int hiddenCauses,
        int hiddenFixes) {

    public OrganizationSection {
        notes = List.copyOf(notes);
        fixesBefore = List.copyOf(fixesBefore);
        fixesAfter = List.copyOf(fixesAfter);
        links = List.copyOf(links);
        contacts = List.copyOf(contacts);
    }

    /** "At Contoso IT": the section's heading on every platform. */
    public String heading() {
        return "At " + organization;
    }

    /** "2 of our fix steps and 1 cause do not apply at Contoso IT and are hidden."; null when none are. */
    public String hiddenLine() {
        if (hiddenCauses == 0 && hiddenFixes == 0) {
            return null;
        }
        String fixes = hiddenFixes == 0 ? "" : hiddenFixes + (hiddenFixes == 1 ? " fix step" : " fix steps");
        String causes = hiddenCauses == 0 ? "" : hiddenCauses + (hiddenCauses == 1 ? " cause" : " causes");
        String both = fixes.isEmpty() ? causes : causes.isEmpty() ? fixes : fixes + " and " + causes;
        return "Hidden here: " + both + " of ours that " + (hiddenCauses + hiddenFixes == 1 ? "does" : "do")
                + " not apply at " + organization + ".";
    }

    /**
     * Someone to ask. {@code url} is where the contact opens (mailto for email, an https link to a Teams
     * channel) or null when the value is only a name.
     */
    public record Contact(Kind kind, String value, String url) {
        public enum Kind {
            SLACK("Slack"), TEAMS("Teams"), EMAIL("Email");

            private final String label;

            Kind(String label) {
                this.label = label;
            }

            public String label() {
                return label;
            }

            public String id() {
                return name().toLowerCase(java.util.Locale.ROOT);
            }
        }
    }
}
