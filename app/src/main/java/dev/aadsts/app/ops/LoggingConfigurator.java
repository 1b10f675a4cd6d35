package dev.aadsts.app.ops;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.status.NopStatusListener;
import java.util.Map;
import net.logstash.logback.encoder.LogstashEncoder;

/**
 * Logging set up in code, found by Logback through the service loader before it looks for an XML file. Logs go to
 * standard error, so standard output stays clean for the CLI's output ({@code explain - --json}).
 * {@code LOG_FORMAT=text} (default) writes one readable line per event; {@code LOG_FORMAT=json} one JSON object
 * per line (time, level, logger, message, requestId and platform when known, and an error's stack trace) for
 * Loki, Elastic, Azure Monitor and the like. {@code LOG_LEVEL} sets the level (default INFO). Nothing pasted, no
 * token and no secret is ever logged.
 *
 * <p>Why not {@code logback.xml}: reading it (an XML parser, Logback's model and its reflection on every element)
 * was the largest part of the first log line's cost, on the critical path of every start. An operator who wants
 * their own file still gets it: with {@code -Dlogback.configurationFile} set, this steps aside.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class LoggingConfigurator extends ContextAwareBase implements Configurator {
    static final String TEXT_PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX, UTC} %-5level %logger{36} - %msg%n%ex{short}";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null) {
            return ExecutionStatus.NEUTRAL;
        }
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setTarget("System.err");
        configure(context, System.getenv(), console);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** Sets up {@code context} for {@code env}, writing through {@code appender} (standard error, or a test's). */
    static void configure(LoggerContext context, Map<String, String> env, OutputStreamAppender<ILoggingEvent> appender) {
        // Logback's own notes about its start would otherwise go to standard output.
        context.getStatusManager().add(new NopStatusListener());

        appender.setContext(context);
        appender.setName("stderr");
        appender.setEncoder(encoder(context, env.getOrDefault("LOG_FORMAT", "text").strip()));
        appender.start();

        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.toLevel(env.getOrDefault("LOG_LEVEL", "INFO").strip(), Level.INFO));
        root.addAppender(appender);
        // The pool and the migrations report every routine step; the bot logs which store it opened.
        context.getLogger("com.zaxxer.hikari").setLevel(Level.WARN);
        context.getLogger("org.flywaydb").setLevel(Level.WARN);
        // Flyway warns on every start that it was verified with an older H2; the store's tests cover this H2.
        context.getLogger("org.flywaydb.core.internal.database.base.Database").setLevel(Level.ERROR);
        context.getLogger("org.eclipse.jetty").setLevel(Level.WARN);
    }

    /** JSON for {@code json}; the text line otherwise (serve refuses any other value before it logs much). */
    private static Encoder<ILoggingEvent> encoder(LoggerContext context, String format) {
        if (format.equalsIgnoreCase("json")) {
            LogstashEncoder json = new LogstashEncoder();
            json.setContext(context);
            json.getFieldNames().setTimestamp("time");
            json.getFieldNames().setVersion("[ignore]");
            json.getFieldNames().setLogger("logger");
            json.getFieldNames().setThread("[ignore]");
            json.getFieldNames().setLevelValue("[ignore]");
            json.addIncludeMdcKeyName("requestId");
            json.addIncludeMdcKeyName("platform");
            json.setTimeZone("UTC");
            json.start();
            return json;
        }
        PatternLayoutEncoder text = new PatternLayoutEncoder();
        text.setContext(context);
        text.setPattern(TEXT_PATTERN);
        text.start();
        return text;
    }
}
