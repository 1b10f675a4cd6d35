package dev.aadsts.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Plain words people type find the entry they mean among the first three. */
class CatalogSearchTest {
    private static final CatalogSearch SEARCH = new CatalogSearch(Catalog.load());

    @ParameterizedTest
    @CsvSource({
            "redirect uri, 50011",
            "reply url mismatch, 50011",
            "expired secret, 7000222",
            "client secret expired, 7000222",
            "wrong client secret, 7000215",
            "conditional access, 53003",
            "federation certificate, 5000811",
            "account locked, 50053",
            "wrong password, 50126",
            "password expired, 50055",
            "application not found, 700016",
            "admin consent, 65001",
            "refresh token expired inactivity, 700082",
            "guest user not in tenant, 50020",
            "tls 1.2, 1002016",
            "InvalidReplyTo, 50011",
            // Helpdesk wording: what the user reports or what the ticket says, not the error's own name.
            "mfa push denied, 500121",
            "device not compliant, 53000",
            "token signature invalid, 50006",
            "user not assigned to app, 50105",
            "user account disabled, 50057",
            "used secret id instead of value, 7000215",
            "silent sign-in failed prompt none, 50058",
            "certificate thumbprint mismatch, 700027",
    })
    void findsTheIntendedEntryNearTheTop(String query, String code) {
        List<String> top = SEARCH.search(query, 3).stream().map(h -> h.entry().code()).toList();
        assertTrue(top.contains(code), query + " -> " + top);
    }

    @Test
    void scoresRunFromZeroToOneBestFirst() {
        List<SearchHit> hits = SEARCH.search("mfa required", 10);
        assertEquals(10, hits.size());
        for (int i = 0; i < hits.size(); i++) {
            assertTrue(hits.get(i).score() > 0 && hits.get(i).score() <= 1.0);
            if (i > 0) {
                assertTrue(hits.get(i - 1).score() >= hits.get(i).score());
            }
        }
    }

    @Test
    void aTypedCodeFindsItsEntryFirstWithOrWithoutThePrefix() {
        for (String query : List.of("50011", "AADSTS50011", "aadsts 50011", "AADSTS50011 redirect")) {
            List<SearchHit> hits = SEARCH.search(query, 5);
            assertEquals("50011", hits.get(0).entry().code(), query);
            assertEquals(1.0, hits.get(0).score(), query);
            assertEquals(1, hits.stream().filter(h -> h.entry().code().equals("50011")).count(), query);
        }
        assertEquals(List.of(), SEARCH.search("99999990", 5));
    }

    @Test
    void nothingToSearchGivesNothing() {
        assertEquals(List.of(), SEARCH.search("the of and", 5));
        assertEquals(List.of(), SEARCH.search("zzqxv", 5));
    }
}
