package dev.aadsts.knowledge.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aadsts.knowledge.Catalog;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MicrosoftListTest {
    /** Made-up rows in the irregular shapes the Learn page's table really has. */
    private static final String PAGE = """
            # Error codes

            | Error Code | Description | Client Action |
            |---|---|---|
            | `invalid_request` | Protocol error | Fix it |

            | Error | Description |
            |---|---|
            | AADSTS10001 | FirstName - Made-up words. |
            | AADSTS10002| NoSpaceBeforePipe - Made-up. |
            | AADSTS10003 |NoSpaceAfterPipe - Made-up. |
            | AADSTS10004 | OnlyAName |
            | AADSTS10005 | Plain sentence without a name - even with a dash. |
            | AADSTS10006 | StrayHyphen- Made-up. |
            | AADSTS10007 | Two Words - then a dash. |
            | AADSTS10008 | No closing pipe, text runs on
            | AADSTS10009 |  LeadingSpaces - Made-up. |
            """;

    @Test
    void markdownRowsInEveryIrregularShape() throws Exception {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("10001", "FirstName");
        expected.put("10002", "NoSpaceBeforePipe");
        expected.put("10003", "NoSpaceAfterPipe");
        expected.put("10004", "OnlyAName");
        expected.put("10005", null);
        expected.put("10006", "StrayHyphen");
        expected.put("10007", null);
        expected.put("10008", null);
        expected.put("10009", "LeadingSpaces");
        assertEquals(expected, MicrosoftList.parse(PAGE).names());
    }

    @Test
    void tsvWithHeaderCommentsAndEmptyNames() throws Exception {
        Map<String, String> names = MicrosoftList.parse("# a comment\ncode\tname\tdescription\n10001\tA\tx\n"
                + "10002\t\tonly text\nAADSTS10003\tB-\t\n\n").names();
        Map<String, String> expected = new HashMap<>();
        expected.put("10001", "A");
        expected.put("10002", null);
        expected.put("10003", "B");
        assertEquals(expected, names);
        assertThrows(MicrosoftList.UnreadableListException.class, () -> MicrosoftList.parse("10001\tA\nnot a row\n"));
        assertThrows(MicrosoftList.UnreadableListException.class, () -> MicrosoftList.parse("   \n"));
    }

    @Test
    void theShippedCopyMatchesTheCatalogSoADiffAgainstItIsEmpty() {
        MicrosoftList shipped = MicrosoftList.shipped();
        assertEquals(304, shipped.size());
        ListDiff diff = ListDiff.of(Catalog.load(), shipped, shipped);
        assertFalse(diff.hasWork(), diff.toString());
        assertEquals(Catalog.load().size() - 304, diff.harvested(), "every code beyond the list counts as harvested");
    }

    @Test
    void aListedCodeThatDisappearsIsRemovedEvenWithoutAName() throws Exception {
        MicrosoftList shipped = MicrosoftList.shipped();
        String unnamed = shipped.names().entrySet().stream().filter(e -> e.getValue() == null).findFirst()
                .orElseThrow().getKey();
        StringBuilder tsv = new StringBuilder();
        shipped.names().forEach((c, n) -> {
            if (!c.equals(unnamed)) {
                tsv.append(c).append('\t').append(n == null ? "" : n).append('\n');
            }
        });
        ListDiff diff = ListDiff.of(Catalog.load(), shipped, MicrosoftList.parse(tsv.toString()));
        assertEquals(1, diff.removed().size());
        assertEquals(unnamed, diff.removed().get(0).code());
        assertTrue(diff.added().isEmpty() && diff.renamed().isEmpty() && diff.newlyListed().isEmpty());
        assertEquals(Catalog.load().size() - 304, diff.harvested(), "harvested codes are never reported as removed");
    }
}
