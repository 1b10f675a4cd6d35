package dev.aadsts.core.context;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/** What the pasted text says around one code; every value is already redacted and length-capped. */
public final class ErrorContext {
    public static final ErrorContext EMPTY = new ErrorContext(new EnumMap<>(ContextField.class));

    private final Map<ContextField, String> values;

    ErrorContext(Map<ContextField, String> values) {
        EnumMap<ContextField, String> copy = new EnumMap<>(ContextField.class);
        copy.putAll(values);
        this.values = Collections.unmodifiableMap(copy);
    }

    public Optional<String> get(ContextField field) {
        return Optional.ofNullable(values.get(field));
    }

    /** In {@link ContextField} order, which is the order cards list them. */
    public Map<ContextField, String> values() {
        return values;
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ErrorContext other && values.equals(other.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return "ErrorContext" + values;
    }
}
