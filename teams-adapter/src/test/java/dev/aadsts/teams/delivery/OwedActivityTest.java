package dev.aadsts.teams.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class OwedActivityTest {

    @Test
    void aChannelReplyChainIsAddressedWithItsIdEncodedAsOnePathSegment() throws Exception {
        OwedActivity owed = new OwedActivity("https://smba.trafficmanager.net/emea/",
                "19:abc@thread.tacv2;messageid=1700000000001", "1700000000001",
                new ObjectMapper().readTree("{\"type\":\"message\"}"));
        assertEquals("https://smba.trafficmanager.net/emea/v3/conversations/"
                + "19%3Aabc%40thread.tacv2%3Bmessageid%3D1700000000001/activities/1700000000001",
                owed.uri().toString());
        assertEquals(owed, OwedActivity.fromJson(owed.toJson()), "stored and read back unchanged");
    }

    @Test
    void withoutAMessageToAnswerItPostsIntoTheConversation() throws Exception {
        OwedActivity owed = new OwedActivity("http://127.0.0.1:3978", "a:1xk7", null,
                new ObjectMapper().readTree("{}"));
        assertEquals("http://127.0.0.1:3978/v3/conversations/a%3A1xk7/activities", owed.uri().toString());
        assertEquals(owed, OwedActivity.fromJson(owed.toJson()));
    }
}
