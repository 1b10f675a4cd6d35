package dev.aadsts.app;

import dev.aadsts.app.cli.Cli;
import dev.aadsts.core.BotCore;
import dev.aadsts.knowledge.CatalogException;

/** The runnable jar's entry point. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
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
