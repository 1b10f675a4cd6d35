package dev.aadsts.app.teams;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aadsts.app.load.LoadEvent;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Locale;

/**
 * The Teams load run's activities, one rate's worth: out of every twenty, two channel posts pasting an AADSTS
 * error, one {@code aadsts 50011} in a personal chat, one the same with the bot @mentioned in a channel (each
 * answered with a card), and sixteen the bot reads but does not answer (channel and group-chat chatter, as
 * resource-specific consent delivers it). Spread over many teams' channels, group chats and personal chats.
 */
final class TeamsLoadTraffic {
    private static final int CHANNELS = 500;
    private static final int GROUP_CHATS = 200;
    private static final int USERS = 1000;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> PASTES = List.of(
            "AADSTS50126: Error validating credentials due to invalid username or password.",
            "Sign-in failed with AADSTS50076, MFA required",
            "getting AADSTS53003 Access has been blocked by Conditional Access policies",
            "AADSTS700016: Application with identifier 'abc' was not found in the directory 'contoso'",
            "error AADSTS65001 the user or administrator has not consented");
    private static final List<String> CHATTER = List.of(
            "standup in five minutes", "can someone review my PR?", "lunch at noon?",
            "the build is green again", "deploying to staging now, shout if anything breaks",
            "thanks!", "I'll take a look after the meeting", "is the VPN slow for anyone else?");

    private final TeamsActivities activities;
    private final URI endpoint;
    private final String authorization;
    private final long firstId;

    /** @param run distinguishes this rate's activity ids from every other rate's in the same server */
    TeamsLoadTraffic(String serviceUrl, URI endpoint, String bearerToken, int run) {
        this.activities = new TeamsActivities(serviceUrl);
        this.endpoint = endpoint;
        this.authorization = "Bearer " + bearerToken;
        this.firstId = 1_700_000_000_000L + run * 100_000_000L;
    }

    /** Activity {@code i}; its reply key is its own id when the bot should answer it. */
    LoadEvent event(int i) {
        String id = Long.toString(firstId + i);
        int slot = i % 20;
        ObjectNode activity;
        boolean answered = true;
        if (slot == 0 || slot == 10) {
            activity = inChannel(activities.channelMessage(PASTES.get((i / 10) % PASTES.size())), id, i);
        } else if (slot == 5) {
            activity = inPersonalChat(activities.personalMessage("aadsts 50011"), i);
        } else if (slot == 15) {
            activity = inChannel(activities.channelMention("aadsts 50011"), id, i);
        } else if (slot % 4 == 3) {
            activity = inGroupChat(activities.channelMessage(CHATTER.get(i % CHATTER.size())), i);
            answered = false;
        } else {
            activity = inChannel(activities.channelMessage(CHATTER.get(i % CHATTER.size())), id, i);
            answered = false;
        }
        activity.put("id", id);
        byte[] body = bytes(activity);
        return new LoadEvent(request(body), () -> request(body), answered ? id : null);
    }

    private HttpRequest request(byte[] body) {
        return HttpRequest.newBuilder(endpoint).header("Content-Type", "application/json")
                .header("Authorization", authorization).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    }

    /** A new post in one of many channels: Teams names its thread after the post's own id. */
    private static ObjectNode inChannel(ObjectNode activity, String id, int i) {
        int n = (int) ((long) i * 7919 % CHANNELS);
        String channel = String.format(Locale.ROOT, "19:load%04d@thread.tacv2", n);
        activity.withObject("conversation").put("id", channel + ";messageid=" + id);
        ObjectNode data = activity.withObject("channelData");
        data.put("teamsChannelId", channel);
        data.put("teamsTeamId", String.format(Locale.ROOT, "19:team%03d@thread.tacv2", n / 10));
        data.withObject("channel").put("id", channel);
        data.withObject("team").put("id", String.format(Locale.ROOT, "19:team%03d@thread.tacv2", n / 10));
        return from(activity, i);
    }

    private static ObjectNode inGroupChat(ObjectNode activity, int i) {
        activity.withObject("conversation").put("id", String.format(Locale.ROOT, "19:meeting_load%04d@thread.v2",
                (int) ((long) i * 31 % GROUP_CHATS))).put("conversationType", "groupChat");
        activity.remove("channelData");
        activity.putObject("channelData").putObject("tenant").put("id", TeamsActivities.TENANT);
        return from(activity, i);
    }

    private static ObjectNode inPersonalChat(ObjectNode activity, int i) {
        activity.withObject("conversation").put("id", String.format(Locale.ROOT, "a:load-user-%04d", user(i)));
        return from(activity, i);
    }

    private static ObjectNode from(ObjectNode activity, int i) {
        activity.withObject("from").put("id", String.format(Locale.ROOT, "29:load-user-%04d", user(i)))
                .put("aadObjectId", String.format(Locale.ROOT, "6b9f1a4c-2f2c-4e7e-9a57-%012d", user(i)));
        return activity;
    }

    private static int user(int i) {
        return (int) ((long) i * 104_729 % USERS);
    }

    private static byte[] bytes(ObjectNode activity) {
        try {
            return JSON.writeValueAsBytes(activity);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
