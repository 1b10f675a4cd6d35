package dev.aadsts.teams;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.bot.schema.Activity;
import com.microsoft.bot.schema.Attachment;
import com.microsoft.bot.schema.Mention;
import java.util.ArrayList;
import java.util.List;

/**
 * A Bot Framework activity from its JSON body, and the text a person typed from the activity. Both
 * parts face whatever arrives at {@code /api/messages}, so every field may be missing or of the wrong
 * kind: the body is accepted or refused with a reason, and a message's text is always a string.
 */
final class TeamsActivityReader {
    /** Why a body is not an activity we can handle; the reason goes back with the HTTP 400. */
    static final class NotAnActivity extends Exception {
        private static final long serialVersionUID = 1L;

        NotAnActivity(String reason) {
            super(reason, null, false, false);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper()
            .setSerializationInclusion(JsonInclude.Include.NON_NULL)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .findAndRegisterModules();

    private TeamsActivityReader() {
    }

    static Activity parse(byte[] body) throws NotAnActivity {
        Activity activity;
        try {
            activity = JSON.readValue(body, Activity.class);
        } catch (Exception e) {
            throw new NotAnActivity("body is not a Bot Framework activity (JSON expected)");
        }
        if (activity == null || activity.getType() == null || activity.getServiceUrl() == null
                || activity.getConversation() == null || activity.getConversation().getId() == null) {
            throw new NotAnActivity("activity needs type, serviceUrl and conversation.id");
        }
        if (activity.getEntities() != null) {
            // Found by fuzzing: the SDK's getMentions() throws on an entity without a type; such an entity
            // says nothing we could use, so it is dropped here, before anything asks for mentions.
            activity.setEntities(activity.getEntities().stream().filter(e -> e != null && e.getType() != null)
                    .collect(java.util.stream.Collectors.toList()));
        }
        return activity;
    }

    /** What the person typed: the message's text (or its HTML attachment), without this bot's mentions. */
    static String text(Activity a) {
        return TeamsMessageText.clean(rawText(a), botMentions(a));
    }

    private static String rawText(Activity a) {
        if (a.getText() != null && !a.getText().isBlank()) {
            return a.getText();
        }
        // A message that is only formatted content (a pasted table, a code block) may arrive as HTML only.
        if (a.getAttachments() != null) {
            for (Attachment att : a.getAttachments()) {
                if (att != null && "text/html".equals(att.getContentType()) && att.getContent() != null) {
                    return att.getContent().toString();
                }
            }
        }
        return "";
    }

    static List<String> botMentions(Activity a) {
        List<String> texts = new ArrayList<>();
        for (Mention m : a.getMentions()) {
            if (mentionsRecipient(a, m) && m.getText() != null) {
                texts.add(m.getText());
            }
        }
        return texts;
    }

    static boolean mentionsThisBot(Activity a) {
        return a.getMentions().stream().anyMatch(m -> mentionsRecipient(a, m));
    }

    private static boolean mentionsRecipient(Activity a, Mention m) {
        return m != null && m.getMentioned() != null && a.getRecipient() != null && a.getRecipient().getId() != null
                && a.getRecipient().getId().equals(m.getMentioned().getId());
    }
}
