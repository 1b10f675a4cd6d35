package dev.aadsts.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.slack.api.bolt.AppConfig;
import java.util.List;
import java.util.Map;

/**
 * Any request to {@code /slack/events}: a parsed request or a refusal with a reason, never an exception;
 * nothing whose signature was not made with the signing secret gets past the check.
 */
class SlackRequestReaderFuzzTest {
    private static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
    private static final long NOW = 1_764_633_600L;
    private static final RequestSignature SIGNATURE = new RequestSignature(SECRET);
    private static final SlackRequestReader READER = new SlackRequestReader(SIGNATURE,
            AppConfig.builder().singleTeamBotToken("xoxb-fuzz").signingSecret(SECRET)
                    .requestVerificationEnabled(false).build());

    @FuzzTest(maxDuration = "5m")
    void read(FuzzedDataProvider data) {
        boolean signed = data.consumeBoolean();
        String contentType = data.pickValue(new String[] {"application/json", "application/x-www-form-urlencoded",
                "text/plain"});
        String timestamp = signed ? Long.toString(NOW - data.consumeInt(-400, 400)) : data.consumeString(16);
        String query = data.consumeString(64);
        String forged = data.consumeString(80);
        String body = data.consumeRemainingAsString();
        String signature = signed ? SIGNATURE.sign(timestamp, body) : forged;
        Map<String, List<String>> headers = Map.of("Content-Type", List.of(contentType),
                "X-Slack-Request-Timestamp", List.of(timestamp), "X-Slack-Signature", List.of(signature));

        SlackRequestReader.Read read = READER.read(query, headers, body, "192.0.2.1", NOW);

        if (read.request() == null) {
            assertTrue(read.status() == 400 || read.status() == 401, "status " + read.status());
            assertNotNull(read.reason());
        }
        if (!signed && !forged.strip().equals(SIGNATURE.sign(timestamp.strip(), body))) {
            assertEquals(401, read.status(), "unsigned request passed");
        }
    }
}
