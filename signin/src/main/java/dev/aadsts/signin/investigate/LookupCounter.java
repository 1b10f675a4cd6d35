package dev.aadsts.signin.investigate;

import dev.aadsts.core.store.SignInAudit;

/** Counts each investigation once, by how it ended; the app binds it to its metrics. */
@FunctionalInterface
public interface LookupCounter {
    LookupCounter NONE = outcome -> { };

    void count(SignInAudit.Outcome outcome);
}
