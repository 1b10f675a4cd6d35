package dev.aadsts.signin.report;

import dev.aadsts.knowledge.Catalog;
import dev.aadsts.knowledge.CatalogEntry;
import dev.aadsts.knowledge.Playbook;
import dev.aadsts.signin.graph.SignInRecord;
import dev.aadsts.signin.graph.SignInRecord.PolicyResult;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** Turns Graph records into a {@link SignInReport}: catalog titles, the pointed cause, masking. */
public final class SignInReports {

    /** The sign-in logs in the Entra admin center; the request id is passed so the blade can open on it. */
    static final String ADMIN_CENTER_SIGN_INS =
            "https://entra.microsoft.com/#view/Microsoft_AAD_IAM/SignInEventsV3Blade/requestId/";

    private final Catalog catalog;

    public SignInReports(Catalog catalog) {
        this.catalog = catalog;
    }

    public SignInReport report(String lookedUpId, List<SignInRecord> records, Masking masking) {
        List<SignInReport.Record> views = records.stream().map(r -> view(r, masking)).toList();
        Optional<SignInRecord> failed = records.stream().filter(r -> !r.succeeded()).reduce((a, b) -> b);
        String cause = failed.map(this::cause).orElse(null);
        List<String> generic = failed.flatMap(r -> catalog.find(String.valueOf(r.errorCode())))
                .map(CatalogEntry::playbook).map(Playbook::causes).orElse(List.of());
        return new SignInReport(lookedUpId, masking, views, cause, generic);
    }

    /**
     * The one cause a failed record points to, most specific first: a failed Conditional Access policy and
     * what about the sign-in failed it, then risk, then an interrupt, then the code's catalog title.
     */
    String cause(SignInRecord r) {
        for (PolicyResult p : r.policies()) {
            if (p.failed()) {
                String why = policyFailure(p, r);
                return "blocked by policy '" + name(p) + "'" + (why == null ? "" : " — " + why);
            }
        }
        if ("high".equals(r.riskLevelDuringSignIn()) || "atRisk".equals(r.riskState()) && r.errorCode() == 53004) {
            return "the sign-in was judged risky (risk level " + r.riskLevelDuringSignIn() + ", state " + r.riskState()
                    + ")";
        }
        if (r.errorCode() == 50074 || r.errorCode() == 50076 || r.errorCode() == 50079) {
            return "multifactor authentication was required and had not been completed at this step";
        }
        return "AADSTS" + r.errorCode() + ": " + title(r.errorCode())
                + (r.failureReason() == null ? "" : " (" + r.failureReason() + ")");
    }

    private static String policyFailure(PolicyResult p, SignInRecord r) {
        List<String> reasons = new ArrayList<>();
        for (String control : p.enforcedGrantControls()) {
            String c = control.toLowerCase(Locale.ROOT);
            switch (c) {
                case "block" -> reasons.add("the policy blocks this access outright");
                case "requirecompliantdevice", "compliantdevice" -> {
                    if (!Boolean.TRUE.equals(r.device().compliant())) {
                        reasons.add(r.device().compliant() == null
                                ? "the device was not identified, so it could not be shown to be compliant"
                                : "the device is not compliant");
                    }
                }
                case "requiredomainjoineddevice", "domainjoineddevice" -> {
                    if (!"Hybrid Azure AD joined".equalsIgnoreCase(String.valueOf(r.device().trustType()))) {
                        reasons.add("the device is not hybrid joined");
                    }
                }
                case "mfa" -> {
                    if (r.authenticationRequirement() == null
                            || !r.authenticationRequirement().equals("multiFactorAuthentication")
                            || r.authentication().stream().noneMatch(s -> s.succeeded())) {
                        reasons.add("multifactor authentication was required and not completed");
                    }
                }
                case "approvedapplication" -> reasons.add("the client app is not an approved client app");
                case "compliantapplication" -> reasons.add("the client app is not protected by an app protection policy");
                case "passwordchange" -> reasons.add("a password change was required");
                default -> { }
            }
        }
        if (reasons.isEmpty() && !p.enforcedGrantControls().isEmpty()) {
            reasons.add("failed controls: " + String.join(", ", p.enforcedGrantControls()));
        }
        return reasons.isEmpty() ? null : String.join("; ", reasons);
    }

    private SignInReport.Record view(SignInRecord r, Masking m) {
        List<SignInReport.Policy> policies = r.policies().stream().map(p -> new SignInReport.Policy(name(p),
                p.result(), p.enforcedGrantControls(), p.enforcedSessionControls(),
                p.failed() ? concat(p.enforcedGrantControls(), p.enforcedSessionControls()) : List.of())).toList();
        List<String> auth = r.authentication().stream()
                .map(s -> s.method() + (s.detail() == null ? "" : " (" + s.detail() + ")") + ": "
                        + (s.succeeded() ? "succeeded" : "failed")
                        + (s.resultDetail() == null ? "" : " — " + s.resultDetail()))
                .toList();
        SignInRecord.Device d = r.device();
        String location = List.of(nz(r.location().city()), nz(r.location().state()), nz(r.location().countryOrRegion()))
                .stream().filter(s -> !s.isEmpty()).collect(Collectors.joining(", "));
        String risk = r.riskLevelDuringSignIn() == null && r.riskState() == null ? null
                : "level " + nz(r.riskLevelDuringSignIn(), "none") + " (aggregated " + nz(r.riskLevelAggregated(), "none")
                        + "), state " + nz(r.riskState(), "none")
                        + (r.riskDetail() == null || r.riskDetail().equals("none") ? "" : ", " + r.riskDetail());
        String link = r.id() == null ? null
                : ADMIN_CENTER_SIGN_INS + URLEncoder.encode(r.id(), StandardCharsets.UTF_8);
        return new SignInReport.Record(r.createdAt() == null ? null : r.createdAt().toString(), r.id(),
                r.correlationId(), m.user(r.userPrincipalName()), m.personal(r.userDisplayName()),
                both(r.appDisplayName(), r.appId()), r.resourceDisplayName(), r.clientAppUsed(),
                r.authenticationProtocol(), r.interactive(), r.errorCode(),
                r.errorCode() == 0 ? "Success" : title(r.errorCode()), r.failureReason(), r.conditionalAccessStatus(),
                policies, r.authenticationRequirement(), auth,
                new SignInReport.Device(d.operatingSystem(), d.browser(), d.compliant(), d.managed(), d.trustType(),
                        m.personal(d.displayName())),
                location.isEmpty() ? null : location, m.ip(r.ipAddress()), risk, link);
    }

    private String title(int code) {
        return catalog.find(String.valueOf(code)).map(CatalogEntry::title).orElse("not in the catalog yet");
    }

    private static String name(PolicyResult p) {
        return p.displayName() != null ? p.displayName() : "policy " + p.id();
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }

    private static String both(String name, String id) {
        if (name == null) {
            return id;
        }
        return id == null ? name : name + " (" + id + ")";
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static String nz(String s, String fallback) {
        return s == null ? fallback : s;
    }
}
