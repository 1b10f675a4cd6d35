package dev.aadsts.app.server;

/** Told about every answered request, for metrics; {@code route} is the mounted path or "unmatched". */
@FunctionalInterface
public interface HttpObserver {
    HttpObserver NONE = (method, route, status, nanos) -> { };

    void served(String method, String route, int status, long nanos);
}
