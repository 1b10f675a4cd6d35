package dev.aadsts.app;

import dev.aadsts.app.cli.Cli;
import dev.aadsts.core.BotCore;
import dev.aadsts.knowledge.CatalogException;

/** The runnable jar's entry point. */
public final class Main {
    private Main() {
    }

    /** The JDK's setting for the common pool's size; read once, when the pool is first used. */
    static final String COMMON_POOL_PARALLELISM = "java.util.concurrent.ForkJoinPool.common.parallelism";

    public static void main(String[] args) {
        useAPooledAsyncExecutor();
        BotCoreOnce core = new BotCoreOnce();
        int status;
        try {
            status = new Cli(System.in, System.out, System.err, System.getenv(), core::get).run(args);
        } catch (CatalogException e) {
            System.err.println("aadsts-bot: the shipped catalog is broken: " + e.getMessage());
            status = Cli.FAILED;
        }
        System.out.flush();
        System.exit(status);
    }

    /**
     * On two cores the common pool gets one thread, and then {@code CompletableFuture}'s default executor starts a
     * new thread for every task. The JDK's HTTP client completes each {@code sendAsync} there, so every reply posted
     * to Slack or Teams paid for a thread of its own (about 2,000 a minute under load). Two threads keep it pooled.
     * An operator's own setting wins.
     */
    static void useAPooledAsyncExecutor() {
        if (System.getProperty(COMMON_POOL_PARALLELISM) == null && Runtime.getRuntime().availableProcessors() <= 2) {
            System.setProperty(COMMON_POOL_PARALLELISM, "2");
        }
    }

    /** Loads the catalog on first use only, so {@code help} and usage errors answer instantly. */
    private static final class BotCoreOnce {
        private BotCore core;

        synchronized BotCore get() {
            if (core == null) {
                core = BotCore.load();
            }
            return core;
        }
    }
}
