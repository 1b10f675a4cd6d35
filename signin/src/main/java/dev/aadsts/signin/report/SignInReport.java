package dev.aadsts.signin.report;

import java.util.List;

/**
 * What one lookup found, ready for any renderer (CLI text, JSON, later Slack blocks and Adaptive Cards). Values
 * are already masked for the place the answer goes; renderers escape them for their own markup.
 *
 * @param lookedUpId the correlation or request id asked about
 * @param records    every record for it, oldest first
 * @param cause      the one cause the newest failed record points to, or null when all succeeded
 * @param genericCauses the catalog's usual causes for that record's code, after {@code cause}
 */
public record SignInReport(String lookedUpId, Masking masking, List<Record> records, String cause,
        List<String> genericCauses) {

    public boolean found() {
        return !records.isEmpty();
    }

    public record Record(String time, String requestId, String correlationId, String user, String userDisplayName,
            String application, String resource, String clientApp, String protocol, boolean interactive,
            int errorCode, String errorTitle, String failureReason, String conditionalAccessStatus,
            List<Policy> policies, String authenticationRequirement, List<String> authentication, Device device,
            String location, String ipAddress, String risk, String adminCenterLink) {
    }

    /** {@code failedControls} are the grant and session controls of a failed policy (empty otherwise). */
    public record Policy(String name, String result, List<String> grantControls, List<String> sessionControls,
            List<String> failedControls) {
    }

    public record Device(String operatingSystem, String browser, Boolean compliant, Boolean managed, String joinType,
            String name) {
    }
}
