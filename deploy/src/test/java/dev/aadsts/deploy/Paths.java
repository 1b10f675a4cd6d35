package dev.aadsts.deploy;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the deployment files live, whether Maven runs from the repository root or from deploy/. */
public final class Paths {
    private Paths() {
    }

    /** The repository's deploy/ directory (this module's base directory). */
    public static Path deployDir() {
        Path here = Path.of("").toAbsolutePath();
        for (Path candidate : new Path[] {here, here.resolve("deploy")}) {
            if (Files.isDirectory(candidate.resolve("helm")) && Files.isRegularFile(candidate.resolve("pom.xml"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("deploy/ not found from " + here);
    }
}
