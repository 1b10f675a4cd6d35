package dev.aadsts.core.context;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TextDecoderTest {
    @Test
    void decodesFormEncodedQueryStrings() {
        assertEquals("error_description=AADSTS50011: The redirect URI 'x'",
                TextDecoder.decode("error_description=AADSTS50011%3a+The+redirect+URI+%27x%27"));
    }

    @Test
    void decodesDoubleEncoding() {
        assertEquals("AADSTS50011: The", TextDecoder.decode("AADSTS50011%253a%2BThe").replace('+', ' '));
    }

    @Test
    void keepsStrayPercentSigns() {
        assertEquals("100% sure %zz", TextDecoder.decode("100% sure %zz"));
    }

    @Test
    void unescapesJsonStrings() {
        assertEquals("the app 'x'\nTrace ID: \"y\"", TextDecoder.decode("the app \\u0027x\\u0027\\r\\nTrace ID: \\\"y\\\""));
    }

    @Test
    void unwrapsTeamsHtmlAndEntities() {
        assertEquals("hi AADSTS50126: bad 'pw' & more\n",
                TextDecoder.decode("<p><at>bot</at> hi AADSTS50126: bad &#39;pw&#39; &amp; more</p>").replaceFirst("^bot ", ""));
    }

    @Test
    void unwrapsSlackLinksKeepingTheUrl() {
        assertEquals("see https://login.microsoftonline.com/error?code=50058 link",
                TextDecoder.decode("see <https://login.microsoftonline.com/error?code=50058|link>"));
        assertEquals("a <b> c", TextDecoder.decode("a &lt;b&gt; c"));
    }
}
