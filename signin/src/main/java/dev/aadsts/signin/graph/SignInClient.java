package dev.aadsts.signin.graph;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * {@code GET /v1.0/auditLogs/signIns} filtered by correlation id or by request id (the record's {@code id}),
 * records oldest first. Ids must be GUIDs: that is what Entra issues, and it keeps the OData filter free of
 * anything a user typed beyond hex digits and dashes.
 */
public final class SignInClient {

    public static final Pattern GUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final GraphHttp http;
    private final URI endpoint;

    public SignInClient(URI endpoint, GraphHttp http) {
        this.endpoint = endpoint;
        this.http = http;
    }

    public List<SignInRecord> byCorrelationId(String id) {
        return query("correlationId eq '" + guid(id) + "'");
    }

    public List<SignInRecord> byRequestId(String id) {
        return query("id eq '" + guid(id) + "'");
    }

    private List<SignInRecord> query(String filter) {
        URI uri = URI.create(endpoint + "/v1.0/auditLogs/signIns?$filter="
                + URLEncoder.encode(filter, StandardCharsets.UTF_8).replace("+", "%20"));
        return http.collection(uri).stream().map(SignInRecord::from)
                .sorted(Comparator.comparing(SignInRecord::createdAt, Comparator.nullsLast(Comparator.naturalOrder())))
                .toList();
    }

    private static String guid(String id) {
        if (id == null || !GUID.matcher(id).matches()) {
            throw new IllegalArgumentException("a correlation or request id is a GUID like "
                    + "0b8b7a9e-1c2d-4e5f-8a9b-0c1d2e3f4a5b");
        }
        return id.toLowerCase(Locale.ROOT);
    }
}
