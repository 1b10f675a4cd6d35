package dev.aadsts.core.explain;

import dev.aadsts.core.context.SecretKind;
import java.util.List;
import java.util.Set;

/**
 * Everything one paste yields: its findings in order of appearance (at most {@link Explainer#MAX_FINDINGS}),
 * the secrets it contained, and how many distinct codes it held in all.
 */
public record Analysis(List<Finding> findings, Set<SecretKind> secrets, int total) {
    public static final Analysis NONE = new Analysis(List.of(), Set.of());

    public Analysis {
        findings = List.copyOf(findings);
        secrets = Set.copyOf(secrets);
        if (total < findings.size()) {
            throw new IllegalArgumentException("total " + total + " < " + findings.size() + " findings");
        }
    }

    /** Every code of the paste is a finding. */
    public Analysis(List<Finding> findings, Set<SecretKind> secrets) {
        this(findings, secrets, findings.size());
    }

    public boolean hasCodes() {
        return !findings.isEmpty();
    }

    /** The paste held more distinct codes than one analysis carries; only the first ones were read. */
    public boolean truncated() {
        return total > findings.size();
    }
}
