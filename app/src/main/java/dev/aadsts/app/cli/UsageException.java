package dev.aadsts.app.cli;

/** The command line was wrong; the message says how, and the process exits with 2. */
public class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }
}
