package dev.aadsts.app.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.OutputStreamAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** What the log lines look like in each format, and that Logback finds this set-up rather than a file. */
class LoggingConfiguratorTest {

    /** A context of its own set up for {@code env}, writing into {@code out}. */
    private static LoggerContext context(Map<String, String> env, ByteArrayOutputStream out) {
        LoggerContext context = new LoggerContext();
        // The same MDC the application writes to through org.slf4j.MDC.
        context.setMDCAdapter(((LoggerContext) LoggerFactory.getILoggerFactory()).getMDCAdapter());
        OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
        appender.setOutputStream(out);
        LoggingConfigurator.configure(context, env, appender);
        return context;
    }

    private static List<String> lines(ByteArrayOutputStream out) {
        return out.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void textIsOneReadableLinePerEvent() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LoggerContext context = context(Map.of(), out);
        context.getLogger("dev.aadsts.app.server.BotServer").info("listening on {}", "http://127.0.0.1:3978");
        context.getLogger("dev.aadsts.app.server.BotServer").debug("not at INFO");
        List<String> lines = lines(out);
        assertEquals(1, lines.size(), lines.toString());
        assertTrue(lines.get(0).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z INFO  "
                + "dev\\.aadsts\\.app\\.server\\.BotServer - listening on http://127\\.0\\.0\\.1:3978"), lines.get(0));
    }

    @Test
    void jsonCarriesTheRequestAndPlatformButNoThreadOrVersion() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LoggerContext context = context(Map.of("LOG_FORMAT", "json"), out);
        MDC.put("requestId", "req-42");
        MDC.put("platform", "slack");
        try {
            context.getLogger("dev.aadsts.app.slack.SlackMount").warn("chat.postMessage answered 429");
        } finally {
            MDC.remove("requestId");
            MDC.remove("platform");
        }
        List<String> lines = lines(out);
        assertEquals(1, lines.size(), lines.toString());
        JsonNode line = new ObjectMapper().readTree(lines.get(0));
        assertEquals("WARN", line.path("level").asText());
        assertEquals("dev.aadsts.app.slack.SlackMount", line.path("logger").asText());
        assertEquals("chat.postMessage answered 429", line.path("message").asText());
        assertEquals("req-42", line.path("requestId").asText());
        assertEquals("slack", line.path("platform").asText());
        assertTrue(line.path("time").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3,9}(Z|\\+00:00)"),
                line.toString());
        for (String dropped : List.of("@version", "thread_name", "level_value", "@timestamp", "logger_name")) {
            assertFalse(line.has(dropped), dropped + " in " + line);
        }
    }

    @Test
    void levelsFollowLogLevelAndQuietTheChattyLibraries() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LoggerContext context = context(Map.of("LOG_LEVEL", "warn"), out);
        context.getLogger("dev.aadsts.app.Main").info("hidden at WARN");
        context.getLogger("dev.aadsts.app.Main").warn("shown");
        assertEquals(1, lines(out).size(), lines(out).toString());

        ByteArrayOutputStream chatty = new ByteArrayOutputStream();
        LoggerContext info = context(Map.of(), chatty);
        info.getLogger("com.zaxxer.hikari.HikariDataSource").info("pool starting");
        info.getLogger("org.flywaydb.core.internal.database.base.Database").warn("older H2");
        info.getLogger("org.eclipse.jetty.server.Server").info("jetty started");
        info.getLogger("org.eclipse.jetty.server.Server").warn("jetty trouble");
        List<String> lines = lines(chatty);
        assertEquals(1, lines.size(), lines.toString());
        assertTrue(lines.get(0).endsWith("jetty trouble"), lines.get(0));
    }

    @Test
    void logbackFindsThisSetUpThroughTheServiceLoader() throws Exception {
        LoggerContext context = new LoggerContext();
        new ContextInitializer(context).autoConfig();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        assertInstanceOf(ConsoleAppender.class, root.getAppender("stderr"));
        assertEquals("System.err", ((ConsoleAppender<?>) root.getAppender("stderr")).getTarget());
    }
}
