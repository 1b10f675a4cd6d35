package dev.aadsts.core.store;

/** The store could not do what was asked; the message says what and where, never a password. */
public final class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreException(String message) {
        super(message);
    }
}
