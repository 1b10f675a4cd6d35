package dev.aadsts.teams.cards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aadsts.signin.investigate.InvestigationAnswer;
import dev.aadsts.signin.report.Masking;
import dev.aadsts.signin.report.Phrases;
import dev.aadsts.signin.report.SignInReport;
import java.util.List;

/**
 * A sign-in investigation as an Adaptive Card: the cause, then one FactSet per record. Everything from a
 * record came from Graph and is escaped as user input; only the admin center link is ours.
 */
public final class SignInAdaptiveCard {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final int USUAL_CAUSES = 3;

    /** @param shareData the "Share redacted" button's data, or null for no button */
    public ObjectNode render(InvestigationAnswer answer, JsonNode shareData) {
        ObjectNode card = JSON.objectNode().put("type", "AdaptiveCard").put("version", AdaptiveCards.SCHEMA_VERSION)
                .put("$schema", AdaptiveCards.SCHEMA);
        ArrayNode body = card.putArray("body");
        if (answer.kind() != InvestigationAnswer.Kind.FOUND || answer.report() == null) {
            boolean plain = answer.kind() == InvestigationAnswer.Kind.STILL_LOOKING
                    || answer.kind() == InvestigationAnswer.Kind.NOTE;
            body.add(text(TeamsText.escape(answer.message())).put("color", plain ? "Default" : "Attention"));
            return card;
        }
        SignInReport report = answer.report();
        body.add(text("Sign-in " + TeamsText.escape(report.lookedUpId())).put("weight", "Bolder").put("size", "Medium"));
        body.add(text(report.records().size() == 1 ? "1 record" : report.records().size() + " records, oldest first")
                .put("isSubtle", true).put("spacing", "None"));
        if (report.cause() != null) {
            body.add(text("**What happened:** " + TeamsText.escape(report.cause())));
            List<String> usual = report.genericCauses();
            if (!usual.isEmpty()) {
                StringBuilder list = new StringBuilder("Usual causes of this code:");
                usual.subList(0, Math.min(USUAL_CAUSES, usual.size()))
                        .forEach(c -> list.append("\n- ").append(TeamsText.catalog(c)));
                body.add(text(list.toString()).put("isSubtle", true));
            }
        }
        int n = 1;
        for (SignInReport.Record r : report.records()) {
            body.add(text("**" + n++ + ". " + TeamsText.escape(r.time() == null ? "(time unknown)" : r.time())
                    + "** — " + (r.errorCode() == 0 ? "success"
                            : "AADSTS" + r.errorCode() + " " + TeamsText.escape(r.errorTitle())))
                    .put("separator", true).put("spacing", "Medium"));
            ArrayNode facts = JSON.arrayNode();
            fact(facts, "Failure reason", r.failureReason());
            fact(facts, "User", Phrases.joined(r.user(), r.userDisplayName()));
            fact(facts, "Application", r.application());
            fact(facts, "Resource", r.resource());
            fact(facts, "Client app", Phrases.joined(r.clientApp(),
                    r.protocol() == null ? null : "protocol " + r.protocol(),
                    r.interactive() ? "interactive" : "non-interactive"));
            fact(facts, "Conditional Access", r.conditionalAccessStatus());
            for (SignInReport.Policy p : r.policies()) {
                List<String> controls = p.failedControls().isEmpty() ? p.grantControls() : p.failedControls();
                fact(facts, "Policy", p.name() + ": " + p.result() + (controls.isEmpty() ? ""
                        : (p.failedControls().isEmpty() ? " (controls: " : " (failed: ") + String.join(", ", controls)
                                + ")"));
            }
            fact(facts, "Authentication", Phrases.joined(r.authenticationRequirement(),
                    String.join("; ", r.authentication())));
            SignInReport.Device d = r.device();
            fact(facts, "Device", Phrases.joined(d.operatingSystem(),
                    d.browser(), Phrases.flag("compliant", d.compliant()),
                    Phrases.flag("managed", d.managed()), d.joinType(), d.name()));
            fact(facts, "Location", Phrases.joined(r.location(), r.ipAddress() == null ? null : "IP " + r.ipAddress()));
            fact(facts, "Risk", r.risk());
            fact(facts, "Request id", r.requestId());
            ObjectNode set = JSON.objectNode().put("type", "FactSet");
            set.set("facts", facts);
            body.add(set);
            if (r.adminCenterLink() != null && r.adminCenterLink().startsWith("https://")) {
                body.add(text("[Open in the Entra admin center](" + r.adminCenterLink() + ")"));
            }
        }
        if (report.masking() == Masking.SHARED) {
            body.add(text("Redacted for sharing: user and IP address masked, names of people and devices left out.")
                    .put("isSubtle", true).put("size", "Small"));
        }
        if (shareData != null) {
            ObjectNode button = JSON.objectNode().put("type", "Action.Submit").put("title", "Share redacted");
            button.set("data", shareData);
            card.putArray("actions").add(button);
        }
        return card;
    }

    /** One line for notifications and the activity's summary. */
    public String summary(InvestigationAnswer answer) {
        if (answer.kind() != InvestigationAnswer.Kind.FOUND || answer.report() == null) {
            return TeamsText.plain(answer.message(), 200);
        }
        return TeamsText.plain("Sign-in " + answer.id() + ": " + answer.report().records().size() + " record(s)", 200);
    }

    private static ObjectNode text(String markdown) {
        return JSON.objectNode().put("type", "TextBlock").put("text", markdown).put("wrap", true);
    }

    private static void fact(ArrayNode facts, String title, String value) {
        if (value != null && !value.isBlank()) {
            facts.addObject().put("title", title).put("value", TeamsText.escape(value));
        }
    }
}
