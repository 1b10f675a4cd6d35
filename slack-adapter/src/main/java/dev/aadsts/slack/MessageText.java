package dev.aadsts.slack;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.slack.api.model.Attachment;
import com.slack.api.model.event.MessageEvent;
import com.slack.api.util.json.GsonFactory;
import java.util.Map;

/**
 * All the text a Slack message carries: its {@code text}, every string in its rich-text blocks (where
 * pasted code blocks and links keep their content), and its attachments' text and fallback.
 */
public final class MessageText {
    public String of(MessageEvent event) {
        StringBuilder all = new StringBuilder(event.getText() == null ? "" : event.getText());
        if (event.getBlocks() != null && !event.getBlocks().isEmpty()) {
            all.append('\n');
            collect(GsonFactory.createSnakeCase().toJsonTree(event.getBlocks()), all);
        }
        if (event.getAttachments() != null) {
            for (Attachment a : event.getAttachments()) {
                append(a.getPretext(), all);
                append(a.getText(), all);
                append(a.getFallback(), all);
            }
        }
        return all.toString();
    }

    /** Rich text repeats what {@code text} says; repeated codes are reported once anyway. */
    private static void collect(JsonElement node, StringBuilder all) {
        if (node.isJsonArray()) {
            node.getAsJsonArray().forEach(child -> collect(child, all));
        } else if (node.isJsonObject()) {
            JsonObject object = node.getAsJsonObject();
            for (Map.Entry<String, JsonElement> e : object.entrySet()) {
                JsonElement value = e.getValue();
                if (value.isJsonPrimitive() && (e.getKey().equals("text") || e.getKey().equals("url"))) {
                    all.append(e.getKey().equals("url") ? " " : "").append(value.getAsString());
                } else if (!value.isJsonPrimitive()) {
                    collect(value, all);
                }
            }
            all.append('\n');
        }
    }

    private static void append(String s, StringBuilder all) {
        if (s != null && !s.isBlank()) {
            all.append('\n').append(s);
        }
    }
}
