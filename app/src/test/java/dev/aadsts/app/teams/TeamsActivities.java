package dev.aadsts.app.teams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/** Activities shaped like the ones Teams sends (ids, channelData, mention entities), for the end-to-end tests. */
public final class TeamsActivities {
    public static final String BOT_ID = "28:2b1f6a4e-8f52-4f53-9d2e-7f0c2a0f7b11";
    public static final String BOT_NAME = "AADSTS Explainer";
    public static final String TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    public static final String TEAM_ID = "19:Kq3vG0xw1cZ8nq1PpA0rXk7V@thread.tacv2";
    public static final String CHANNEL_ID = "19:d8b6a1f9c2e04b0b8a1c7e6f5d4c3b2a@thread.tacv2";
    public static final String GROUP_CHAT = "19:meeting_NzYwZjM4ZmQtYjE0Ny00@thread.v2";
    public static final String PERSONAL = "a:1xk7Qe0uV9v2r8N3b0ZbqL5fHq4pTnYw0sXjKq9mF3cA";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger IDS = new AtomicInteger(1000);

    private final String serviceUrl;

    public TeamsActivities(String serviceUrl) {
        this.serviceUrl = serviceUrl;
    }

    public ObjectNode personalMessage(String text) {
        ObjectNode a = base("message", PERSONAL, "personal");
        a.put("text", text);
        a.put("textFormat", "plain");
        return a;
    }

    /** A channel post that @mentions the bot; Teams puts the mention tag into the text and an entity beside it. */
    public ObjectNode channelMention(String text) {
        String mention = "<at>" + BOT_NAME + "</at>";
        ObjectNode a = channelMessage(mention + " " + text);
        ArrayNode entities = a.putArray("entities");
        ObjectNode m = entities.addObject();
        m.put("type", "mention");
        m.put("text", mention);
        m.putObject("mentioned").put("id", BOT_ID).put("name", BOT_NAME);
        entities.addObject().put("type", "clientInfo").put("locale", "en-US").put("platform", "Web");
        return a;
    }

    /** A channel post the bot sees only through resource-specific consent (no mention). */
    public ObjectNode channelMessage(String text) {
        String thread = CHANNEL_ID + ";messageid=" + nextId();
        ObjectNode a = base("message", thread, "channel");
        a.withObject("conversation").put("isGroup", true);
        a.put("text", "<p>" + text + "</p>");
        a.put("textFormat", "plain");
        ObjectNode data = a.putObject("channelData");
        data.put("teamsChannelId", CHANNEL_ID);
        data.put("teamsTeamId", TEAM_ID);
        data.putObject("channel").put("id", CHANNEL_ID);
        data.putObject("team").put("id", TEAM_ID);
        data.putObject("tenant").put("id", TENANT);
        return a;
    }

    public ObjectNode groupChatMention(String text) {
        ObjectNode a = channelMention(text);
        a.putObject("conversation").put("id", GROUP_CHAT).put("conversationType", "groupChat").put("isGroup", true)
                .put("tenantId", TENANT);
        ObjectNode data = a.putObject("channelData");
        data.putObject("tenant").put("id", TENANT);
        return a;
    }

    /** Installing the app into a team: the bot itself is among membersAdded, with team and channel names. */
    public ObjectNode installedInTeam() {
        ObjectNode a = base("conversationUpdate", CHANNEL_ID, "channel");
        a.remove("text");
        a.putArray("membersAdded").addObject().put("id", BOT_ID);
        ObjectNode data = a.putObject("channelData");
        data.put("eventType", "teamMemberAdded");
        data.putObject("team").put("id", TEAM_ID).put("name", "Identity Helpdesk").put("aadGroupId",
                "02ce3874-dd86-41ba-bddc-013f34019978");
        data.putObject("channel").put("id", CHANNEL_ID).put("name", "Sign-in alerts");
        data.putObject("tenant").put("id", TENANT);
        return a;
    }

    public ObjectNode composeQuery(String query) {
        ObjectNode a = base("invoke", PERSONAL, "personal");
        a.put("name", "composeExtension/query");
        ObjectNode value = a.putObject("value");
        value.put("commandId", "searchCodes");
        value.putArray("parameters").addObject().put("name", "query").put("value", query);
        value.putObject("queryOptions").put("skip", 0).put("count", 25);
        return a;
    }

    /** A link pasted into the compose box, for a domain the manifest's messageHandlers name. */
    public ObjectNode linkQuery(String url) {
        ObjectNode a = base("invoke", PERSONAL, "personal");
        a.put("name", "composeExtension/queryLink");
        a.putObject("value").put("url", url);
        return a;
    }

    /** A click on an Action.Submit button: a message without text whose value is the button's data. */
    public ObjectNode cardSubmit(JsonNode data, String fromAadObjectId) {
        ObjectNode a = base("message", PERSONAL, "personal");
        a.set("value", data);
        ((ObjectNode) a.get("from")).put("aadObjectId", fromAadObjectId);
        return a;
    }

    private ObjectNode base(String type, String conversationId, String conversationType) {
        ObjectNode a = JSON.createObjectNode();
        a.put("type", type);
        a.put("id", "f:" + nextId());
        a.put("timestamp", Instant.now().toString());
        a.put("localTimestamp", Instant.now().toString());
        a.put("serviceUrl", serviceUrl);
        a.put("channelId", "msteams");
        a.putObject("from").put("id", "29:1YdCv8OZ2p0H2Vh0uS3jk6v9n0vJwQx").put("name", "Ada Lovelace")
                .put("aadObjectId", "6b9f1a4c-2f2c-4e7e-9a57-0f9a6c0c9a11");
        a.putObject("conversation").put("id", conversationId).put("conversationType", conversationType)
                .put("tenantId", TENANT);
        a.putObject("recipient").put("id", BOT_ID).put("name", BOT_NAME);
        a.put("locale", "en-US");
        a.putObject("channelData").putObject("tenant").put("id", TENANT);
        return a;
    }

    private static String nextId() {
        return "17000000" + IDS.incrementAndGet();
    }
}
