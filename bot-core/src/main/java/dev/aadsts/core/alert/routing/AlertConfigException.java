package dev.aadsts.core.alert.routing;

/** The routes file or the alert settings cannot work; the message names the file and line when it can. */
public final class AlertConfigException extends RuntimeException {
    public AlertConfigException(String message) {
        super(message);
    }
}
