package dev.aadsts.app.cli;

import dev.aadsts.core.BotCore;
import dev.aadsts.core.overlay.OverlayException;
import dev.aadsts.core.overlay.OverlayLoader;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The core as the command line uses it: with the organization's notes from {@code KNOWLEDGE_OVERLAY}
 * applied on first use, so {@code explain} and {@code catalog <code>} print the same cards as the chat
 * platforms. A broken overlay surfaces as {@link OverlayException} (exit code 2).
 */
final class CoreWithOverlay implements Supplier<BotCore> {
    private final Supplier<BotCore> core;
    private final Path folder;
    private boolean applied;

    CoreWithOverlay(Supplier<BotCore> core, Map<String, String> env) {
        this.core = core;
        this.folder = OverlayLoader.folderFrom(env);
    }

    @Override
    public synchronized BotCore get() {
        BotCore bot = core.get();
        if (!applied && folder != null) {
            bot.useOverlay(new OverlayLoader(bot.catalog()).load(folder));
        }
        applied = true;
        return bot;
    }
}
