package dev.aadsts.signin.graph;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The parts of a Graph {@code signIn} the report uses. Absent fields are null or empty, never an error: v1.0
 * records lack the beta-only authentication details, and Graph adds fields over time.
 */
public record SignInRecord(String id, String correlationId, Instant createdAt, String userDisplayName,
        String userPrincipalName, String appDisplayName, String appId, String resourceDisplayName,
        String clientAppUsed, String authenticationProtocol, boolean interactive, int errorCode,
        String failureReason, String additionalDetails, String conditionalAccessStatus,
        List<PolicyResult> policies, String authenticationRequirement, List<AuthenticationStep> authentication,
        Device device, Location location, String ipAddress, String riskLevelDuringSignIn,
        String riskLevelAggregated, String riskState, String riskDetail) {

    /** One Conditional Access policy as evaluated for this sign-in. */
    public record PolicyResult(String id, String displayName, String result, List<String> enforcedGrantControls,
            List<String> enforcedSessionControls) {
        public boolean failed() {
            return "failure".equals(result);
        }
    }

    /** One step of {@code authenticationDetails} (beta), e.g. Password then Mobile app notification. */
    public record AuthenticationStep(String method, String detail, boolean succeeded, String resultDetail) {
    }

    public record Device(String operatingSystem, String browser, Boolean compliant, Boolean managed,
            String trustType, String displayName) {
    }

    public record Location(String city, String state, String countryOrRegion) {
    }

    public boolean succeeded() {
        return errorCode == 0;
    }

    public static SignInRecord from(JsonNode n) {
        JsonNode status = n.path("status");
        JsonNode device = n.path("deviceDetail");
        JsonNode location = n.path("location");
        List<PolicyResult> policies = new ArrayList<>();
        for (JsonNode p : n.path("appliedConditionalAccessPolicies")) {
            policies.add(new PolicyResult(text(p, "id"), text(p, "displayName"), text(p, "result"),
                    strings(p.path("enforcedGrantControls")), strings(p.path("enforcedSessionControls"))));
        }
        List<AuthenticationStep> steps = new ArrayList<>();
        for (JsonNode s : n.path("authenticationDetails")) {
            steps.add(new AuthenticationStep(text(s, "authenticationMethod"), text(s, "authenticationMethodDetail"),
                    s.path("succeeded").asBoolean(false), text(s, "authenticationStepResultDetail")));
        }
        return new SignInRecord(text(n, "id"), text(n, "correlationId"), instant(text(n, "createdDateTime")),
                text(n, "userDisplayName"), text(n, "userPrincipalName"), text(n, "appDisplayName"), text(n, "appId"),
                text(n, "resourceDisplayName"), text(n, "clientAppUsed"), text(n, "authenticationProtocol"),
                n.path("isInteractive").asBoolean(false), status.path("errorCode").asInt(0),
                text(status, "failureReason"), text(status, "additionalDetails"), text(n, "conditionalAccessStatus"),
                List.copyOf(policies), text(n, "authenticationRequirement"), List.copyOf(steps),
                new Device(text(device, "operatingSystem"), text(device, "browser"), bool(device, "isCompliant"),
                        bool(device, "isManaged"), text(device, "trustType"), text(device, "displayName")),
                new Location(text(location, "city"), text(location, "state"), text(location, "countryOrRegion")),
                text(n, "ipAddress"), text(n, "riskLevelDuringSignIn"), text(n, "riskLevelAggregated"),
                text(n, "riskState"), text(n, "riskDetail"));
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isValueNode() && !v.isNull() && !v.asText().isBlank() ? v.asText() : null;
    }

    private static Boolean bool(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isBoolean() ? v.booleanValue() : null;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(v -> {
            if (v.isTextual() && !v.asText().isBlank()) {
                out.add(v.asText());
            }
        });
        return List.copyOf(out);
    }

    private static Instant instant(String value) {
        try {
            return value == null ? null : Instant.parse(value);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
