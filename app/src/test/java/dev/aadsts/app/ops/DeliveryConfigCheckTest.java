package dev.aadsts.app.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aadsts.app.cli.Cli;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reply queue's limits stop {@code serve} when they make no sense, so {@code check-config} says so too. */
class DeliveryConfigCheckTest {
    @TempDir
    Path dataDir;

    private String[] checkConfig(Map<String, String> settings) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Map<String, String> env = new HashMap<>(settings);
        env.put("DATA_DIR", dataDir.toString());
        int status = new Cli(new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), env, () -> {
                    throw new AssertionError("check-config needs no catalog");
                }).run("check-config");
        return new String[] {String.valueOf(status), out.toString(StandardCharsets.UTF_8)};
    }

    @Test
    void aQueueOfNoPlacesIsAProblem() {
        String[] r = checkConfig(Map.of("SLACK_REPLY_QUEUE", "0"));
        assertEquals("2", r[0], r[1]);
        assertTrue(r[1].contains("Slack replies: ") && r[1].contains("SLACK_REPLY_QUEUE"), r[1]);
    }

    @Test
    void aTeamsReplyQueueOfNoPlacesOrAWordForAnIntervalIsAProblem() {
        String[] r = checkConfig(Map.of("TEAMS_REPLY_QUEUE", "0"));
        assertEquals("2", r[0], r[1]);
        assertTrue(r[1].contains("Teams replies: ") && r[1].contains("TEAMS_REPLY_QUEUE"), r[1]);
        r = checkConfig(Map.of("TEAMS_REPLY_CONVERSATION_SPACING_MS", "one second"));
        assertEquals("2", r[0], r[1]);
        assertTrue(r[1].contains("TEAMS_REPLY_CONVERSATION_SPACING_MS must be a whole number"), r[1]);
    }

    @Test
    void sensibleTeamsLimitsAreShownAndPass() {
        String[] r = checkConfig(Map.of("TEAMS_REPLY_QUEUE", "300", "TEAMS_REPLY_CONCURRENCY", "16"));
        assertEquals("0", r[0], r[1]);
        assertTrue(r[1].lines().map(String::strip)
                .anyMatch(l -> l.startsWith("TEAMS_REPLY_QUEUE") && l.endsWith("300")), r[1]);
    }

    @Test
    void sensibleLimitsAreShownAndPass() {
        String[] r = checkConfig(Map.of("SLACK_REPLY_QUEUE", "500", "SLACK_WORK_QUEUE", "200"));
        assertEquals("0", r[0], r[1]);
        assertTrue(r[1].lines().map(String::strip)
                .anyMatch(l -> l.startsWith("SLACK_REPLY_QUEUE") && l.endsWith("500")), r[1]);
    }
}
