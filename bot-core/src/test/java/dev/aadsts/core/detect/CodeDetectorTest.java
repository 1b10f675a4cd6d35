package dev.aadsts.core.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The detector's rules one at a time, with a tiny stand-in for "does the catalog know this code". */
class CodeDetectorTest {
    private final CodeDetector detector = new CodeDetector(Set.of("50053", "50126")::contains);

    private List<String> codes(String text) {
        return detector.detect(text).stream().map(CodeMatch::code).toList();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "AADSTS50011: The redirect URI|50011",
            "aadsts50011 lower case|50011",
            "AADSTS 9002332 with a space|9002332",
            "AADSTS+50011 from a form|50011",
            "AADSTS%2050011 encoded space|50011",
            "error_description=AADSTS700016%3a+Application|700016",
            "double AADSTS50011%253a+The|50011",
            "AADSTS50011&#58; html|50011",
            "AADSTS&nbsp;50011 html space|50011",
            "x\"error_codes\":[50076,50079]|50076 50079",
            "x\\\"error_codes\\\":[ 7000215 ]|7000215",
            "'error_codes': [50126, 50126]|50126",
            "\"resultType\": \"50140\"|50140",
            "ResultType : 53003|53003",
            "ResultType=50126|50126",
            "{\"errorCode\": 50053, \"failureReason\": \"locked\"}|50053",
            "AADSTS: 50011 typed by a person|50011",
            "AADSTS-50011|50011",
            "<b>AADSTS</b>50011 rich text|50011",
            "https://login.microsoftonline.com/error?code=50058|50058",
            "<strong>Error Code:</strong> 500121 <br>Request Id: x|500121",
            "Error Code - 53003 Correlation Id: x|53003",
            "Error&nbsp;Code: 50058 Request&nbsp;Id: x|50058",
    })
    void findsCodesInEveryShape(String text, String expected) {
        assertEquals(List.of(expected.split(" ")), codes(text));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "AADSTSxxxxx placeholder",
            "what does AADSTS mean?",
            "AADSTS1234 too short",
            "AADSTS123456789 too long",
            "AADSTS  50011 two spaces",
            "CAA70004 other vendor",
            "0x80070005 access denied",
            "ORA-12154 tns",
            "error code 50011 without page labels",
            "\"errorCode\": 99999, \"failureReason\": \"not a known code\"",
            "{\"errorCode\": 50000, \"message\": \"another product's error\"}",
            "https://example.com/error?code=50058",
            "\"errorCode\": 0",
            "\"ResultType\": \"0\"",
            "ResultTypeDescription: 50126",
            "INC0050011 ticket",
            "Trace ID: 0b5a3f2e-1111-2222-3333-444455556666",
    })
    void findsNothingWhereThereIsNoCode(String text) {
        assertEquals(List.of(), codes(text));
    }

    @org.junit.jupiter.api.Test
    void errorPageShapeNeedsItsNeighbourLabels() {
        String page = "Sign in\nError Code: 500121\nRequest Id: 6d0f0000-1111-2222-3333-444455556666\n"
                + "Correlation Id: 5b1f0000-1111-2222-3333-444455556666\nTimestamp: 2026-11-20T10:11:12.000Z";
        assertEquals(List.of("500121"), codes(page));
        assertEquals(List.of(), codes("Error Code: 500121 and nothing else"));
    }

    @Test
    void reportsEachCodeOnceInOrderOfFirstAppearance() {
        String text = "AADSTS50076 then AADSTS50011 then aadsts50076 and \"error_codes\":[50011, 70000]";
        assertEquals(List.of("50076", "50011", "70000"), codes(text));
        assertEquals(Shape.PREFIXED, detector.detect(text).get(1).shape(), "the first sighting of 50011 counts");
    }

    @Test
    void reportsPositionsAndShapes() {
        CodeMatch m = detector.detect("see AADSTS50011: x").get(0);
        assertEquals(new CodeMatch("50011", 10, 15, Shape.PREFIXED), m);
        assertEquals(Shape.SIGN_IN_LOG, detector.detect("\"resultType\":\"50126\"").get(0).shape());
        assertEquals(Shape.ERROR_CODES_ARRAY, detector.detect("\"error_codes\":[50126]").get(0).shape());
    }
}
