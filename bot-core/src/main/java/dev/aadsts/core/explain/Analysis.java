package dev.aadsts.core.explain;

import dev.aadsts.core.context.SecretKind;
import java.util.List;
import java.util.Set;

/** Everything one paste yields: its findings in order of appearance, and the secrets it contained. */
public record Analysis(List<Finding> findings, Set<SecretKind> secrets) {
    public static final Analysis NONE = new Analysis(List.of(), Set.of());

    public Analysis {
        findings = List.copyOf(findings);
        secrets = Set.copyOf(secrets);
    }

    public boolean hasCodes() {
        return !findings.isEmpty();
    }
}
