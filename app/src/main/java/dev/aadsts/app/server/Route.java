package dev.aadsts.app.server;

/** One endpoint; problems thrown here become JSON error responses with their status. */
@FunctionalInterface
public interface Route {
    void handle(Exchange exchange) throws HttpProblem;
}
