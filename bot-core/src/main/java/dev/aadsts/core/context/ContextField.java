package dev.aadsts.core.context;

/** The facts a card shows from the pasted error itself; ids are the JSON contract's keys. */
public enum ContextField {
    MESSAGE("message", "Message"),
    TRACE_ID("traceId", "Trace ID"),
    CORRELATION_ID("correlationId", "Correlation ID"),
    TIMESTAMP("timestamp", "Timestamp"),
    CLIENT_ID("clientId", "App (client) ID"),
    TENANT_ID("tenantId", "Tenant"),
    REDIRECT_URI("redirectUri", "Redirect URI"),
    RESOURCE("resource", "Resource"),
    SCOPE("scope", "Scope"),
    USER("user", "User");

    private final String id;
    private final String label;

    /** Whether one value describes a whole request (all codes of one paste) rather than one sign-in. */
    public boolean wholeRequest() {
        return this == TRACE_ID || this == CORRELATION_ID || this == TIMESTAMP;
    }

    ContextField(String id, String label) {
        this.id = id;
        this.label = label;
    }

    /** The field with this JSON id, if any. */
    public static java.util.Optional<ContextField> byId(String id) {
        for (ContextField f : values()) {
            if (f.id.equals(id)) {
                return java.util.Optional.of(f);
            }
        }
        return java.util.Optional.empty();
    }

    public String id() {
        return id;
    }

    public String label() {
        return label;
    }
}
