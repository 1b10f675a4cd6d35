package dev.aadsts.core.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aadsts.core.TestCore;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Realistic pastes, one file each under {@code detection/}: the first line names the codes the detector
 * must report, in order of first appearance ({@code # expect:} alone for text with no code).
 */
class DetectionCorpusTest {
    private static final CodeDetector DETECTOR = TestCore.get().explainer().detector();

    record Sample(String file, List<String> expected, String text) {
        @Override
        public String toString() {
            return file;
        }
    }

    static Stream<Sample> samples() throws IOException, URISyntaxException {
        Path dir = Path.of(DetectionCorpusTest.class.getResource("/detection").toURI());
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".txt")).sorted().map(DetectionCorpusTest::read)
                    .toList().stream();
        }
    }

    private static Sample read(Path file) {
        try {
            String all = Files.readString(file, StandardCharsets.UTF_8);
            String[] lines = all.split("\n", -1);
            if (!lines[0].startsWith("# expect:")) {
                throw new IllegalStateException(file + " does not start with '# expect:'");
            }
            List<String> expected = Arrays.stream(lines[0].substring(9).trim().split("\\s+"))
                    .filter(s -> !s.isEmpty()).toList();
            int skip = lines[0].length() + 1;
            if (lines.length > 1 && lines[1].startsWith("# about:")) {
                skip += lines[1].length() + 1;
            }
            return new Sample(file.getFileName().toString(), expected, all.substring(Math.min(skip, all.length())));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void reportsExactlyTheExpectedCodesInOrder(Sample sample) {
        List<String> found = DETECTOR.detect(sample.text()).stream().map(CodeMatch::code).toList();
        assertEquals(sample.expected(), found, sample.file());
    }

    @Test
    void corpusIsLargeEnough() throws IOException, URISyntaxException {
        List<Sample> all = samples().toList();
        long positives = all.stream().filter(s -> !s.expected().isEmpty()).count();
        long negatives = all.size() - positives;
        assertTrue(positives >= 60, "positives: " + positives);
        assertTrue(negatives >= 20, "negatives: " + negatives);
    }
}
