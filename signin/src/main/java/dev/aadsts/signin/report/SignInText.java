package dev.aadsts.signin.report;

/** The report as plain text for the CLI (and any place without markup). */
public final class SignInText {

    public String render(SignInReport report) {
        StringBuilder out = new StringBuilder();
        if (!report.found()) {
            return "No sign-in record for " + report.lookedUpId() + " yet. Sign-in logs reach Graph some minutes "
                    + "after the sign-in; try again shortly.\n";
        }
        out.append(report.records().size() == 1 ? "1 sign-in record" : report.records().size() + " sign-in records")
                .append(" for ").append(report.lookedUpId()).append(", oldest first\n");
        if (report.cause() != null) {
            out.append("\nWhat happened: ").append(report.cause()).append('\n');
            if (!report.genericCauses().isEmpty()) {
                out.append("Usual causes of this code:\n");
                report.genericCauses().forEach(c -> out.append("  - ").append(c).append('\n'));
            }
        }
        int n = 1;
        for (SignInReport.Record r : report.records()) {
            out.append("\n[").append(n++).append("] ").append(nz(r.time())).append("  ")
                    .append(r.errorCode() == 0 ? "success" : "AADSTS" + r.errorCode() + " " + r.errorTitle())
                    .append('\n');
            line(out, "Failure reason", r.failureReason());
            line(out, "User", r.user() + (r.userDisplayName() == null ? "" : " (" + r.userDisplayName() + ")"));
            line(out, "Application", r.application());
            line(out, "Resource", r.resource());
            line(out, "Client app", Phrases.joined(r.clientApp(),
                    r.protocol() == null ? null : "protocol " + r.protocol(),
                    r.interactive() ? "interactive" : "non-interactive"));
            line(out, "Conditional Access", r.conditionalAccessStatus());
            for (SignInReport.Policy p : r.policies()) {
                out.append("    - ").append(p.name()).append(": ").append(p.result());
                if (!p.failedControls().isEmpty()) {
                    out.append(" (failed controls: ").append(String.join(", ", p.failedControls())).append(')');
                } else if (!p.grantControls().isEmpty()) {
                    out.append(" (controls: ").append(String.join(", ", p.grantControls())).append(')');
                }
                out.append('\n');
            }
            line(out, "Authentication", Phrases.joined(r.authenticationRequirement(),
                    String.join("; ", r.authentication())));
            SignInReport.Device d = r.device();
            line(out, "Device", Phrases.joined(d.operatingSystem(),
                    d.browser(), Phrases.flag("compliant", d.compliant()),
                    Phrases.flag("managed", d.managed()), d.joinType(), d.name()));
            line(out, "Location", Phrases.joined(r.location(), r.ipAddress() == null ? null : "IP " + r.ipAddress()));
            line(out, "Risk", r.risk());
            line(out, "Request id", r.requestId());
            line(out, "Correlation id", r.correlationId());
            line(out, "Admin center", r.adminCenterLink());
        }
        return out.toString();
    }

    private static void line(StringBuilder out, String label, String value) {
        if (value != null && !value.isBlank() && !value.equals("null")) {
            out.append(String.format("  %-19s %s%n", label + ":", value));
        }
    }

    private static String nz(String s) {
        return s == null ? "(time unknown)" : s;
    }
}
