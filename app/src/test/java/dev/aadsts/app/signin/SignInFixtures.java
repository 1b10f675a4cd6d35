package dev.aadsts.app.signin;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.aadsts.signin.testing.GraphStandIn;
import dev.aadsts.signin.testing.TlsStandIn.Answer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.LoggerFactory;

/** The Graph stand-in as the chat tests use it, and the log lines every test checks for personal data. */
final class SignInFixtures {
    /** A Conditional Access failure (adele.vance@contoso.com, an IPv6 address). */
    static final String BLOCKED = "22222222-3333-4444-8555-666666666666";
    /** Not in Graph until it has been asked {@link #LATE_AFTER} times. */
    static final String LATE = "44444444-5555-4666-8777-888888888888";
    static final int LATE_AFTER = 2;
    /** A tenant without Entra ID P1/P2. */
    static final String UNLICENSED = "55555555-6666-4777-8888-999999999999";

    /** Things from the record that must never reach a log. */
    static final String[] PERSONAL = {"adele.vance", "Adele", "2001:db8:85a3:1234", "Require compliant device"};

    final Map<String, AtomicInteger> asked = new ConcurrentHashMap<>();
    final GraphStandIn graph;
    final ListAppender<ILoggingEvent> logs = new ListAppender<>();

    SignInFixtures() throws Exception {
        GraphStandIn[] self = new GraphStandIn[1];
        self[0] = new GraphStandIn(query -> answer(self[0], query));
        graph = self[0];
        logs.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(logs);
    }

    private Answer answer(GraphStandIn g, String query) {
        if (query.equals("correlationId eq '" + BLOCKED + "'")) {
            return g.file(200, "ca-failure.json");
        }
        if (query.equals("correlationId eq '" + LATE + "'")) {
            int n = asked.computeIfAbsent(LATE, k -> new AtomicInteger()).incrementAndGet();
            return n > LATE_AFTER ? Answer.json(200, g.file(200, "ca-failure.json").body().replace(BLOCKED, LATE))
                    : g.file(200, "empty.json");
        }
        if (query.contains(UNLICENSED)) {
            return g.file(403, "licence-403.json");
        }
        return g.file(200, "empty.json");
    }

    long graphLookups() {
        return graph.graphRequests().stream().filter(s -> s.uri().getPath().endsWith("/signIns")).count();
    }

    /** Every log line so far, with its arguments filled in. */
    String logText() {
        StringBuilder all = new StringBuilder();
        for (ILoggingEvent e : logs.list) {
            all.append(e.getFormattedMessage()).append('\n');
            if (e.getThrowableProxy() != null) {
                all.append(e.getThrowableProxy().getMessage()).append('\n');
            }
        }
        return all.toString();
    }

    void close() {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
        graph.close();
    }
}
