package dev.aadsts.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every sentence in the catalog is ours. Where the reference table is beside the checkout (as in the
 * team's workspace and CI), no run of eight words may match Microsoft's descriptions. The table itself
 * is not in the repository, so elsewhere this test is skipped, not passed.
 */
class OriginalityTest {
    private static final int RUN = 8;
    private static final Pattern WORD = Pattern.compile("[a-z0-9']+");

    @Test
    void noEightWordRunIsSharedWithMicrosoftsWording() throws IOException {
        Path reference = findReference();
        assumeTrue(reference != null, "shared/reference/aadsts-reference.tsv is not beside this checkout");
        Map<String, String> shingles = new HashMap<>();
        List<String> lines = Files.readAllLines(reference, StandardCharsets.UTF_8);
        for (String line : lines.subList(1, lines.size())) {
            String[] parts = line.split("\t", -1);
            if (parts.length >= 3) {
                List<String> w = words(parts[2]);
                for (int i = 0; i + RUN <= w.size(); i++) {
                    shingles.putIfAbsent(String.join(" ", w.subList(i, i + RUN)), parts[0]);
                }
            }
        }
        List<String> shared = new ArrayList<>();
        for (CatalogEntry e : Catalog.load().entries()) {
            for (String text : texts(e)) {
                List<String> w = words(text);
                for (int i = 0; i + RUN <= w.size(); i++) {
                    String run = String.join(" ", w.subList(i, i + RUN));
                    if (shingles.containsKey(run)) {
                        shared.add(e.code() + " shares \"" + run + "\" with reference " + shingles.get(run));
                    }
                }
            }
        }
        assertEquals(List.of(), shared);
    }

    private static List<String> texts(CatalogEntry e) {
        List<String> all = new ArrayList<>(List.of(e.title(), e.summary()));
        all.addAll(e.keywords());
        e.playbookIfAny().ifPresent(p -> {
            all.addAll(p.causes());
            all.addAll(p.fixes());
            all.addAll(p.collect());
            if (p.scenario() != null) {
                all.add(p.scenario());
            }
        });
        return all;
    }

    private static List<String> words(String s) {
        List<String> out = new ArrayList<>();
        Matcher m = WORD.matcher(s.toLowerCase(Locale.ROOT));
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    private static Path findReference() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/reference/aadsts-reference.tsv");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
