package dev.aadsts.signin;

import dev.aadsts.core.store.SignInAudit;
import dev.aadsts.signin.graph.SignInClient;
import dev.aadsts.signin.graph.SignInRecord;
import dev.aadsts.signin.report.Masking;
import dev.aadsts.signin.report.SignInReport;
import dev.aadsts.signin.report.SignInReports;
import java.time.Clock;
import java.util.List;
import java.util.Locale;

/**
 * One investigation: find the records, write the audit row (who, when, which id, found or not), build the
 * report. Every platform calls this after its own allow-list check; nothing here logs a record.
 */
public final class SignInLookup {

    private final SignInSource source;
    private final SignInReports reports;
    private final SignInAudit audit;
    private final Clock clock;

    public SignInLookup(SignInSource source, SignInReports reports, SignInAudit audit, Clock clock) {
        this.source = source;
        this.reports = reports;
        this.audit = audit;
        this.clock = clock;
    }

    /** Correlation id first (it groups a whole sign-in session), then the id as a request id. */
    public static SignInSource graph(SignInClient client) {
        return id -> {
            List<SignInRecord> byCorrelation = client.byCorrelationId(id);
            return byCorrelation.isEmpty() ? client.byRequestId(id) : byCorrelation;
        };
    }

    /** Throws IllegalArgumentException for an id that is not a GUID, before anything is fetched or audited. */
    public SignInReport investigate(String who, String id, Masking masking) {
        String normalized = normalize(id);
        List<SignInRecord> records = source.find(normalized);
        return conclude(who, normalized, records, masking);
    }

    /** Records found some other way (a poll that finally saw them, or gave up): audited, then reported. */
    public SignInReport conclude(String who, String id, List<SignInRecord> records, Masking masking) {
        audit.record(new SignInAudit.Entry(who, clock.instant(), id, !records.isEmpty()));
        return reports.report(id, records, masking);
    }

    /** A lookup that ended without Graph's answer (the asker not allowed, Graph refusing): audited too. */
    public void refused(String who, String id, SignInAudit.Outcome outcome) {
        audit.record(new SignInAudit.Entry(who, clock.instant(), id, outcome));
    }

    /** Where the records come from, for a poller that keeps asking. */
    public SignInSource source() {
        return source;
    }

    public static String normalize(String id) {
        String trimmed = id == null ? "" : id.trim();
        if (!SignInClient.GUID.matcher(trimmed).matches()) {
            throw new IllegalArgumentException("a correlation or request id is a GUID like "
                    + "0b8b7a9e-1c2d-4e5f-8a9b-0c1d2e3f4a5b");
        }
        return trimmed.toLowerCase(Locale.ROOT);
    }
}
