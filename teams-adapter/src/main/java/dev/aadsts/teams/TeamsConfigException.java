package dev.aadsts.teams;

/** Teams settings that cannot work; the server refuses to start with this message. */
public final class TeamsConfigException extends RuntimeException {
    public TeamsConfigException(String message) {
        super(message);
    }
}
