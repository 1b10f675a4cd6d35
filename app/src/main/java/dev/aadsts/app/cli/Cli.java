package dev.aadsts.app.cli;

import dev.aadsts.app.BotApp;
import dev.aadsts.app.ops.ConfigCheck;
import dev.aadsts.app.server.ServerWarmup;
import dev.aadsts.core.BotCore;
import dev.aadsts.core.command.PlainTextRenderer;
import dev.aadsts.core.command.Reply;
import dev.aadsts.core.context.PasteBytes;
import dev.aadsts.core.explain.Analysis;
import dev.aadsts.core.stats.Stats;
import dev.aadsts.core.stats.StatsReport;
import dev.aadsts.core.store.Store;
import dev.aadsts.core.store.StoreException;
import dev.aadsts.store.StoreOpening;
import dev.aadsts.store.Stores;
import java.time.Clock;
import dev.aadsts.knowledge.CatalogEntry;
import dev.aadsts.knowledge.SearchHit;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * The command line: {@code explain}, {@code search}, {@code catalog} and {@code serve}. Streams and the
 * environment are passed in, so tests drive exactly what {@code ./aadsts-bot} runs.
 *
 * <p>Exit codes: 0 done (explain: codes found), 1 explain/search found nothing, 2 usage error,
 * 3 the server could not start.
 */
public final class Cli {
    public static final int OK = 0;
    public static final int NOTHING_FOUND = 1;
    public static final int USAGE = 2;
    public static final int FAILED = 3;
    /** Far beyond any real error message; protects against piping a whole log file in by mistake. */
    static final int MAX_STDIN = 8 * 1024 * 1024;

    static final String USAGE_TEXT = """
            Usage: aadsts-bot [--json] <command> [arguments]

            Commands:
              explain <text>|-    explain every AADSTS code in the text (- reads it from standard input)
              explain --file <f>  explain every AADSTS code in a file (UTF-8 or UTF-16, e.g. PowerShell's >)
              search <words>      find catalog entries by plain words, e.g. search expired secret
              catalog [code]      list every catalog entry, or show one entry's card
              catalog diff <file> compare the catalog with a newer copy of Microsoft's code list (TSV or
                                  the Learn page's markdown); exit 1 when there is work to do
              stats               codes pasted most (7 and 30 days), unknown codes seen, helpfulness votes
              signin <id>         the sign-in record(s) for a correlation or request id, from Microsoft Graph
              serve               run the bot's HTTP server (PORT, default 3978; on 127.0.0.1 unless Slack
                                  HTTP mode or a registered Teams bot must reach it, or BIND_ADDRESS says)
              check-config        print the settings in force, what is on and off, and what would stop serve
              help                show this text

            --json (anywhere on the line) prints machine-readable JSON (see README for the contract).
            Exit codes: 0 ok, 1 nothing found, 2 usage error, 3 server failed to start.
            """;

    private static final java.util.Set<String> HELP_WORDS = java.util.Set.of("help", "--help", "-h");
    private static final java.util.regex.Pattern CODE = java.util.regex.Pattern.compile("(?i)(?:aadsts)?(\\d{1,10})");

    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> env;
    private final Supplier<BotCore> core;
    private final PlainTextRenderer text = new PlainTextRenderer();

    public Cli(InputStream in, PrintStream out, PrintStream err, Map<String, String> env, Supplier<BotCore> core) {
        this.in = in;
        this.out = out;
        this.err = err;
        this.env = env;
        this.core = new CoreWithOverlay(core, env);
    }

    public int run(String... argv) {
        try {
            return dispatch(new ArrayList<>(List.of(argv)));
        } catch (UsageException e) {
            err.println("aadsts-bot: " + e.getMessage());
            err.println("Run 'aadsts-bot help' for usage.");
            return USAGE;
        } catch (dev.aadsts.core.overlay.OverlayException e) {
            err.println("aadsts-bot: the knowledge overlay cannot be used: " + e.getMessage());
            return USAGE;
        }
    }

    private int dispatch(List<String> args) throws UsageException {
        // Global flags count wherever they stand: "--json explain x" and "explain x --json" are the same.
        boolean json = args.removeIf("--json"::equals);
        if (args.isEmpty()) {
            throw new UsageException("no command given (explain, search, catalog, stats, serve or help)");
        }
        String command = args.remove(0);
        if (HELP_WORDS.contains(command)) {
            out.print(USAGE_TEXT);
            return OK;
        }
        for (String a : args) {
            if (a.startsWith("--") && !(command.equals("explain") && a.equals("--file"))) {
                throw new UsageException("unknown option '" + a + "'");
            }
        }
        return switch (command) {
            case "explain" -> explain(args, json);
            case "search" -> search(args, json);
            case "catalog" -> catalog(args, json);
            case "stats" -> stats(args, json);
            case "serve" -> serve(args);
            case "signin" -> new SignInCommand(env, out, err, core).run(args, json);
            case "check-config" -> {
                if (!args.isEmpty()) {
                    throw new UsageException("check-config takes no arguments; it reads the environment");
                }
                yield new ConfigCheck(env, out).run();
            }
            default -> throw new UsageException("unknown command '" + command + "'");
        };
    }

    private int explain(List<String> args, boolean json) throws UsageException {
        if (args.isEmpty()) {
            throw new UsageException("explain needs the error text, or - to read it from standard input");
        }
        if (args.size() > 1 && args.contains("-")) {
            throw new UsageException("- reads the error from standard input and stands alone; quote text that"
                    + " contains a dash");
        }
        String input;
        if (args.equals(List.of("-"))) {
            input = readStdin();
        } else if (args.get(0).equals("--file")) {
            if (args.size() != 2) {
                throw new UsageException("explain --file takes one file name");
            }
            input = readFile(args.get(1));
        } else {
            input = String.join(" ", args);
        }
        if (input.isBlank()) {
            throw new UsageException("the error text is empty");
        }
        BotCore bot = core.get();
        Analysis analysis = bot.explainer().explain(input);
        if (json) {
            print(bot.json().explain(analysis));
        } else if (analysis.hasCodes()) {
            out.print(text.render(bot.router().cards(analysis), "aadsts-bot"));
        } else {
            out.println("No AADSTS code found in that text. Try: aadsts-bot search <words>");
        }
        return analysis.hasCodes() ? OK : NOTHING_FOUND;
    }

    private int search(List<String> args, boolean json) throws UsageException {
        if (args.isEmpty()) {
            throw new UsageException("search needs some words, e.g. search expired secret");
        }
        String query = String.join(" ", args);
        BotCore bot = core.get();
        List<SearchHit> hits = bot.search().search(query, 10);
        if (json) {
            print(bot.json().search(query, hits));
        } else {
            Reply reply = bot.router().search(query);
            out.print(text.render(reply, "aadsts-bot"));
        }
        return hits.isEmpty() ? NOTHING_FOUND : OK;
    }

    private int catalog(List<String> args, boolean json) throws UsageException {
        if (!args.isEmpty() && args.get(0).equals("diff")) {
            return new CatalogDiffCommand(out, err, core).run(args.subList(1, args.size()), json);
        }
        BotCore bot = core.get();
        if (args.size() > 1) {
            throw new UsageException("catalog takes at most one code");
        }
        if (args.size() == 1) {
            java.util.regex.Matcher m = CODE.matcher(args.get(0).strip());
            if (!m.matches()) {
                throw new UsageException("'" + args.get(0) + "' is not an AADSTS code (digits, e.g. 50011)");
            }
            String code = m.group(1);
            if (bot.catalog().find(code).isEmpty()) {
                err.println("aadsts-bot: AADSTS" + code + " is not in the catalog");
                return NOTHING_FOUND;
            }
            out.print(json ? pretty(bot.json().explain(bot.explainer().explain(code)))
                    : text.card(bot.cards().forCode(code)));
            return OK;
        }
        if (json) {
            print(bot.json().catalog(bot.catalog()));
            return OK;
        }
        for (CatalogEntry e : bot.catalog().entries()) {
            out.printf("AADSTS%-9s %-42s %s%s%n", e.code(), e.name() == null ? "-" : e.name(), e.title(),
                    e.playbook() == null ? "" : "  [playbook]");
        }
        out.printf("%d entries, %d with a playbook%n", bot.catalog().size(), bot.catalog().playbookCount());
        return OK;
    }

    private int stats(List<String> args, boolean json) throws UsageException {
        if (!args.isEmpty()) {
            throw new UsageException("stats takes no arguments; it reads the store (DATA_DIR or DATABASE_URL)");
        }
        BotCore bot = core.get();
        StatsReport report;
        try (Store store = Stores.open(env)) {
            report = new Stats(store.stats(), bot.catalog(), Clock.systemUTC()).report();
        } catch (StoreException e) {
            err.println("aadsts-bot: " + e.getMessage());
            // The embedded store has one owner: a running bot keeps the CLI out, but answers the same question.
            err.println("aadsts-bot: while the bot runs on the embedded store, ask it instead: /aadsts stats in"
                    + " Slack, aadsts stats in Teams (with DATABASE_URL this command works alongside it)");
            return FAILED;
        }
        if (json) {
            print(bot.json().stats(report));
        } else {
            out.println(report.text());
        }
        return OK;
    }

    private int serve(List<String> args) throws UsageException {
        if (!args.isEmpty()) {
            throw new UsageException("serve takes no arguments; it is configured by the environment (PORT)");
        }
        // The catalog loads on its own thread while the server checks its settings and opens the store; that
        // thread then warms up what the HTTP server's start needs, usually before the store is open.
        CompletableFuture<BotCore> loading = new CompletableFuture<>();
        Thread catalogLoad = new Thread(() -> {
            try {
                loading.complete(core.get());
            } catch (RuntimeException | Error e) {
                loading.completeExceptionally(e);
                return;
            }
            ServerWarmup.run();
        }, "catalog-load");
        catalogLoad.setDaemon(true);
        catalogLoad.start();
        // Begun before BotApp is first used: initialising it configures logging, which the store's own thread
        // (the embedded database's file and schema, which never log) overlaps.
        StoreOpening opening = Stores.beginOpening(env);
        BotApp app;
        try {
            app = BotApp.start(env, opening, () -> {
                try {
                    return loading.join();
                } catch (CompletionException e) {
                    throw e.getCause() instanceof RuntimeException cause ? cause : e;
                }
            });
        } catch (BotApp.ConfigException e) {
            err.println("aadsts-bot: " + e.getMessage());
            return USAGE;
        } catch (IOException e) {
            err.println("aadsts-bot: could not start the server: " + e.getMessage());
            return FAILED;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(app::close, "shutdown"));
        prepareSearchWhenReady(loading.join());
        app.awaitStop();
        return OK;
    }

    /**
     * Builds the search index now the server is ready rather than during start (a few hundred milliseconds of
     * CPU that only searches need); a search that comes first builds it itself, so none waits for this thread.
     */
    private static void prepareSearchWhenReady(BotCore bot) {
        Thread prepare = new Thread(() -> bot.search().prepare(), "search-index");
        prepare.setDaemon(true);
        prepare.start();
    }

    private String readStdin() throws UsageException {
        try {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            byte[] chunk = new byte[8192];
            int n;
            while ((n = in.read(chunk)) > 0) {
                buffer.write(chunk, 0, n);
                if (buffer.size() > MAX_STDIN) {
                    throw new UsageException("standard input is larger than " + MAX_STDIN / (1024 * 1024)
                            + " MiB; paste only the error");
                }
            }
            // Windows PowerShell pipes and redirects UTF-16; PasteBytes tells it from UTF-8.
            return PasteBytes.decode(buffer.toByteArray());
        } catch (IOException e) {
            throw new UsageException("could not read standard input: " + e.getMessage());
        }
    }

    private static String readFile(String name) throws UsageException {
        Path file = Path.of(name);
        try {
            if (!Files.isRegularFile(file)) {
                throw new UsageException("no such file: " + name);
            }
            if (Files.size(file) > MAX_STDIN) {
                throw new UsageException(name + " is larger than " + MAX_STDIN / (1024 * 1024)
                        + " MiB; keep only the error");
            }
            return PasteBytes.decode(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UsageException("could not read " + name + ": " + e.getMessage());
        }
    }

    private void print(Object node) {
        out.print(pretty(node));
    }

    private String pretty(Object node) {
        try {
            return core.get().json().mapper().writerWithDefaultPrettyPrinter().writeValueAsString(node) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException("could not write JSON", e);
        }
    }
}
