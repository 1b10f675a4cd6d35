package dev.aadsts.app.server;

/** A request the server refuses, with the status and the reason the client is told. */
public final class HttpProblem extends Exception {
    private static final long serialVersionUID = 1L;

    private final int status;

    public HttpProblem(int status, String reason) {
        super(reason);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
