package dev.aadsts.teams;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aadsts.core.alert.delivery.AlertCard;
import dev.aadsts.teams.cards.TeamsText;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** An alert group as an Adaptive Card 1.4, with "Mute this code" buttons that submit back to the bot. */
final class AlertAdaptiveCard {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    ObjectNode render(AlertCard card) {
        ObjectNode root = JSON.createObjectNode();
        root.put("type", "AdaptiveCard");
        root.put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json");
        root.put("version", "1.4");
        root.putObject("msteams").put("width", "Full");
        ArrayNode body = root.putArray("body");
        body.addObject().put("type", "TextBlock").put("size", "Large").put("weight", "Bolder").put("wrap", true)
                .put("color", "Attention").put("text", card.label() + " × " + String.format(Locale.ROOT, "%,d",
                        card.count()) + " · " + card.title());
        body.addObject().put("type", "TextBlock").put("wrap", true).put("text", card.summary());
        ArrayNode facts = body.addObject().put("type", "FactSet").putArray("facts");
        fact(facts, "Count", String.format(Locale.ROOT, "%,d", card.count()));
        fact(facts, "First seen", TIME.format(card.firstSeen()));
        fact(facts, "Last seen", TIME.format(card.lastSeen()));
        fact(facts, "Route", TeamsText.escape(card.route()));
        card.samples().forEach((key, values) -> fact(facts, key,
                String.join(", ", values.stream().map(TeamsText::escape).toList())));
        if (card.firstFix() != null) {
            body.addObject().put("type", "TextBlock").put("wrap", true).put("text", "**First thing to try:** "
                    + card.firstFix());
        }
        body.addObject().put("type", "TextBlock").put("wrap", true).put("isSubtle", true).put("size", "Small")
                .put("text", "This card updates as more alerts of this code arrive. Muting keeps counting but "
                        + "stops posting.");
        ArrayNode actions = root.putArray("actions");
        for (int hours : card.muteOptions()) {
            ObjectNode data = actions.addObject().put("type", "Action.Submit")
                    .put("title", "Mute " + hours + " h").putObject("data");
            data.put("action", "mute").put("target", card.target()).put("code", card.code()).put("hours", hours);
        }
        // Short titles: three buttons must fit side by side on a phone.
        actions.addObject().put("type", "Action.OpenUrl").put("title", "Look up")
                .put("url", card.lookupLink());
        return root;
    }

    ObjectNode confirmation(String text) {
        ObjectNode root = JSON.createObjectNode();
        root.put("type", "AdaptiveCard");
        root.put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json");
        root.put("version", "1.4");
        root.putArray("body").addObject().put("type", "TextBlock").put("wrap", true).put("text", text);
        return root;
    }

    private static void fact(ArrayNode facts, String title, String value) {
        facts.addObject().put("title", title).put("value", value);
    }
}
