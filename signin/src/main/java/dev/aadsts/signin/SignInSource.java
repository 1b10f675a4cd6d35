package dev.aadsts.signin;

import dev.aadsts.signin.graph.SignInRecord;
import java.util.List;

/** Where records come from: Graph in production, the same client against a stand-in in tests. */
@FunctionalInterface
public interface SignInSource {
    /** Every record whose correlation id or request id is {@code id}, oldest first; empty if none yet. */
    List<SignInRecord> find(String id);
}
