package dev.aadsts.app.cli;

import dev.aadsts.core.BotCore;
import dev.aadsts.core.store.Store;
import dev.aadsts.core.store.StoreException;
import dev.aadsts.signin.SignInLookup;
import dev.aadsts.signin.graph.GraphException;
import dev.aadsts.signin.graph.GraphHttp;
import dev.aadsts.signin.graph.GraphSettings;
import dev.aadsts.signin.graph.MsalGraphTokens;
import dev.aadsts.signin.graph.SignInClient;
import dev.aadsts.signin.graph.Sleeper;
import dev.aadsts.signin.report.Masking;
import dev.aadsts.signin.report.SignInReport;
import dev.aadsts.signin.report.SignInReports;
import dev.aadsts.signin.report.SignInText;
import dev.aadsts.store.Stores;
import java.io.IOException;
import java.io.PrintStream;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;

/**
 * {@code signin <correlation-or-request-id>}: the sign-in record(s) from Graph, explained, unmasked (the
 * terminal is the operator's own). The lookup is written to the store's audit table as {@code cli:<USER>}.
 * Exit codes: 0 found, 1 not there (yet), 2 usage or configuration, 3 Graph refused or unreachable.
 */
final class SignInCommand {

    private final Map<String, String> env;
    private final PrintStream out;
    private final PrintStream err;
    private final Supplier<BotCore> core;
    private final SSLContext tls;

    SignInCommand(Map<String, String> env, PrintStream out, PrintStream err, Supplier<BotCore> core) {
        this(env, out, err, core, defaultTls());
    }

    /** {@code tls} decides which servers are trusted; tests pass one that trusts their stand-in only. */
    SignInCommand(Map<String, String> env, PrintStream out, PrintStream err, Supplier<BotCore> core, SSLContext tls) {
        this.env = env;
        this.out = out;
        this.err = err;
        this.core = core;
        this.tls = tls;
    }

    int run(List<String> args, boolean json) throws UsageException {
        if (args.size() != 1) {
            throw new UsageException("signin takes one correlation id or request id (a GUID)");
        }
        String id;
        try {
            id = SignInLookup.normalize(args.get(0));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        GraphSettings settings;
        try {
            settings = GraphSettings.fromEnv(env).orElseThrow(() -> new UsageException(
                    "the sign-in lookup is not configured: set GRAPH_TENANT_ID and a credential (see README)"));
        } catch (GraphSettings.InvalidSettings e) {
            throw new UsageException(e.getMessage());
        }
        BotCore bot = core.get();
        try (Store store = Stores.open(env)) {
            SignInClient client = new SignInClient(settings.endpoint(), new GraphHttp(settings.endpoint(),
                    new MsalGraphTokens(settings, tls.getSocketFactory()), tls, Sleeper.REAL));
            SignInLookup lookup = new SignInLookup(SignInLookup.graph(client), new SignInReports(bot.catalog()),
                    store.signInAudit(), Clock.systemUTC());
            SignInReport report = lookup.investigate("cli:" + env.getOrDefault("USER", "unknown"), id, Masking.NONE);
            if (json) {
                out.print(bot.json().mapper().writerWithDefaultPrettyPrinter().writeValueAsString(report) + "\n");
            } else {
                out.print(new SignInText().render(report));
            }
            return report.found() ? Cli.OK : Cli.NOTHING_FOUND;
        } catch (GraphSettings.InvalidSettings e) {
            throw new UsageException(e.getMessage());
        } catch (GraphException e) {
            err.println("aadsts-bot: " + e.getMessage());
            return Cli.FAILED;
        } catch (StoreException e) {
            err.println("aadsts-bot: the audit trail could not be written, so nothing is shown: " + e.getMessage());
            return Cli.FAILED;
        } catch (IOException e) {
            throw new IllegalStateException("could not write JSON", e);
        }
    }

    private static SSLContext defaultTls() {
        try {
            return SSLContext.getDefault();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no TLS", e);
        }
    }
}
