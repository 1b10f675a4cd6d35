package dev.aadsts.core;

/** One real core per test JVM: loading and validating the catalog once keeps the suite fast. */
public final class TestCore {
    private static final BotCore CORE = BotCore.load();

    private TestCore() {
    }

    public static BotCore get() {
        return CORE;
    }
}
