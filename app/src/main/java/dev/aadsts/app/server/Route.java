package dev.aadsts.app.server;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;

/** One endpoint; problems thrown here become JSON error responses with their status. */
@FunctionalInterface
public interface Route {
    void handle(HttpExchange exchange) throws IOException, HttpProblem;
}
