package dev.aadsts.signin.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.Locale;
import java.util.Set;

/**
 * Whether a user is in any of some Entra groups, through {@code POST /v1.0/users/{id}/checkMemberGroups}: one
 * call, transitive membership included, and Graph checks only the groups asked about (at most 20), so the
 * answer does not grow with the user's memberships. Needs {@code GroupMember.Read.All} (application).
 */
public final class GraphGroupMembership {

    public static final int MAX_GROUPS = 20;

    private final GraphHttp http;
    private final URI endpoint;
    private final ObjectMapper mapper = new ObjectMapper();

    public GraphGroupMembership(URI endpoint, GraphHttp http) {
        this.endpoint = endpoint;
        this.http = http;
    }

    /** @param userObjectId the user's Entra object id (a GUID; Teams sends it as {@code aadObjectId}) */
    public boolean memberOfAny(String userObjectId, Set<String> groupIds) {
        if (userObjectId == null || !SignInClient.GUID.matcher(userObjectId).matches()) {
            return false;
        }
        if (groupIds.isEmpty() || groupIds.size() > MAX_GROUPS) {
            throw new IllegalArgumentException("checkMemberGroups takes 1 to " + MAX_GROUPS + " groups");
        }
        ObjectNode body = mapper.createObjectNode();
        groupIds.forEach(body.putArray("groupIds")::add);
        JsonNode answer = http.post(URI.create(endpoint + "/v1.0/users/" + userObjectId.toLowerCase(Locale.ROOT)
                + "/checkMemberGroups"), body.toString());
        for (JsonNode id : answer.path("value")) {
            if (groupIds.contains(id.asText().toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }
}
