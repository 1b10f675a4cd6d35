package dev.aadsts.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * On a two-core machine the JDK would start a thread for every completed HTTP call; {@link Main} keeps those
 * completions on a pool. Checked in a JVM that believes it has two cores, since the common pool is sized once.
 */
class PooledAsyncExecutorTest {

    /** Prints the executor {@code CompletableFuture} completes async work on, with or without Main's setting. */
    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("as-main-does")) {
            Main.useAPooledAsyncExecutor();
        }
        System.out.print(new CompletableFuture<Void>().defaultExecutor().getClass().getSimpleName());
    }

    private static String executorOnTwoCores(String mode) throws IOException, InterruptedException {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:ActiveProcessorCount=2", "-cp", System.getProperty("java.class.path"),
                PooledAsyncExecutorTest.class.getName(), mode).redirectErrorStream(true).start();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        child.waitFor(30, TimeUnit.SECONDS);
        return out;
    }

    @Test
    void onTwoCoresCompletionsRunOnAPoolNotOnANewThreadEach() throws Exception {
        assertEquals("ThreadPerTaskExecutor", executorOnTwoCores("jdk-default"), "what the JDK does by itself");
        assertEquals("ForkJoinPool", executorOnTwoCores("as-main-does"));
    }

    @Test
    void anOperatorsOwnSettingWins() {
        // The property is read by the JDK only once; here it is enough that Main leaves a set value alone.
        String before = System.getProperty(Main.COMMON_POOL_PARALLELISM);
        try {
            System.setProperty(Main.COMMON_POOL_PARALLELISM, "7");
            Main.useAPooledAsyncExecutor();
            assertEquals("7", System.getProperty(Main.COMMON_POOL_PARALLELISM));
        } finally {
            if (before == null) {
                System.clearProperty(Main.COMMON_POOL_PARALLELISM);
            } else {
                System.setProperty(Main.COMMON_POOL_PARALLELISM, before);
            }
        }
    }
}
