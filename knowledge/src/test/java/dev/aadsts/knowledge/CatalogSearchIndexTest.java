package dev.aadsts.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The search index is built on first use: that first search answers in full, and racing first uses share one build. */
class CatalogSearchIndexTest {
    private static final Catalog CATALOG = Catalog.load();
    private static final List<String> QUERIES = List.of("redirect uri", "expired secret", "account locked",
            "mfa push denied", "guest user not in tenant", "AADSTS50011 reply url");

    /** What each query answers once the index is surely built. */
    private static List<List<SearchHit>> expected() {
        CatalogSearch built = new CatalogSearch(CATALOG);
        built.prepare();
        return QUERIES.stream().map(q -> built.search(q, 10)).toList();
    }

    @Test
    void constructingBuildsNothing() {
        assertEquals(0, new CatalogSearch(CATALOG).builds());
    }

    @Test
    void theFirstSearchAnswersInFull() {
        List<List<SearchHit>> expected = expected();
        for (int i = 0; i < QUERIES.size(); i++) {
            CatalogSearch fresh = new CatalogSearch(CATALOG);
            List<SearchHit> first = fresh.search(QUERIES.get(i), 10);
            assertFalse(first.isEmpty(), QUERIES.get(i));
            assertEquals(expected.get(i), first, QUERIES.get(i));
            assertEquals(1, fresh.builds());
        }
    }

    @Test
    void prepareAfterASearchBuildsNothingMore() {
        CatalogSearch search = new CatalogSearch(CATALOG);
        search.search("redirect uri", 3);
        search.prepare();
        search.prepare();
        assertEquals(1, search.builds());
    }

    @Test
    void racingFirstUsesBuildOnceAndAllAnswerInFull() throws Exception {
        List<List<SearchHit>> expected = expected();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 5; round++) {
                CatalogSearch search = new CatalogSearch(CATALOG);
                CountDownLatch go = new CountDownLatch(1);
                List<Future<List<SearchHit>>> answers = new ArrayList<>();
                for (int t = 0; t < 16; t++) {
                    int q = t % (QUERIES.size() + 1);
                    Callable<List<SearchHit>> use = () -> {
                        go.await();
                        if (q == QUERIES.size()) {
                            search.prepare(); // as serve's background thread does
                            return null;
                        }
                        return search.search(QUERIES.get(q), 10);
                    };
                    answers.add(pool.submit(use));
                }
                go.countDown();
                for (int t = 0; t < answers.size(); t++) {
                    int q = t % (QUERIES.size() + 1);
                    List<SearchHit> answer = answers.get(t).get();
                    if (q < QUERIES.size()) {
                        assertEquals(expected.get(q), answer, QUERIES.get(q));
                    }
                }
                assertEquals(1, search.builds());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
