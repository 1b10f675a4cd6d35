package dev.aadsts.teams.cards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** User text must not turn into formatting, links, mentions or HTML in a Teams card. */
class TeamsTextTest {
    private static final String ZW = String.valueOf(TeamsText.ZERO_WIDTH_SPACE);

    @Test
    void markdownEmphasisAndLinksAreEscaped() {
        assertEquals("\\*\\*bold\\*\\*", TeamsText.escape("**bold**"));
        assertEquals("\\_italic\\_ \\~\\~gone\\~\\~ \\`code\\`", TeamsText.escape("_italic_ ~~gone~~ `code`"));
        assertEquals("\\[click\\]\\(https:" + ZW + "//evil." + ZW + "example\\)",
                TeamsText.escape("[click](https://evil.example)"));
        assertEquals("!\\[img\\]\\(x\\)", TeamsText.escape("![img](x)"));
    }

    @Test
    void mentionsAndHtmlCannotForm() {
        assertEquals("\u2039at\u203AEveryone\u2039/at\u203A", TeamsText.escape("<at>Everyone</at>"));
        assertEquals("\u2039script\u203Aalert\\(1\\)\u2039/script\u203A",
                TeamsText.escape("<script>alert(1)</script>"));
        // An entity must not decode into a tag either.
        String entity = TeamsText.escape("&lt;at&gt;all&lt;/at&gt; &#60;b&#62; a & b");
        assertFalse(entity.contains("&lt;"), entity);
        assertFalse(entity.contains("&#60;"), entity);
        assertTrue(entity.endsWith("a & b"), entity);
    }

    @Test
    void autolinksAreBroken() {
        assertEquals("https:" + ZW + "//evil." + ZW + "example/x", TeamsText.escape("https://evil.example/x"));
        assertEquals("www." + ZW + "evil." + ZW + "example", TeamsText.escape("www.evil.example"));
        assertEquals("mail me: a@evil." + ZW + "example", TeamsText.escape("mail me: a@evil.example"));
        assertEquals("{" + ZW + "{DATE\\(2017-02-14T06:00:00Z, SHORT\\)}}",
                TeamsText.escape("{{DATE(2017-02-14T06:00:00Z, SHORT)}}"));
    }

    @Test
    void blockConstructsAtLineStartAreEscaped() {
        assertEquals("\\# heading", TeamsText.escape("# heading"));
        assertEquals("1\\. list", TeamsText.escape("1. list"));
        assertEquals("12\\) list", TeamsText.escape("12) list"));
        assertEquals("a\n\\- b\n  \\+ c\n\u203A quote\n\\===", TeamsText.escape("a\r\n- b\r  + c\n> quote\n==="));
        // In the middle of a line the same characters mean nothing and stay as typed.
        assertEquals("error 1. - + # done", TeamsText.escape("error 1. - + # done"));
    }

    @Test
    void backslashesEscapeOnlyWhereTheyWouldActAsEscapes() {
        assertEquals("CONTOSO\\jdoe", TeamsText.escape("CONTOSO\\jdoe"));
        assertEquals("\\\\\\*not bold\\\\\\*", TeamsText.escape("\\*not bold\\*"));
        assertEquals("C:\\Users\\me", TeamsText.escape("C:\\Users\\me"));
    }

    @Test
    void controlAndBidiCharactersAreDropped() {
        assertEquals("abc", TeamsText.escape("a\u0007b\u202Ec\u0000"));
        assertEquals("", TeamsText.escape(null));
    }

    @Test
    void idsAndTimestampsReadAsPasted() {
        for (String value : List.of("4c6a4b2e-35d1-4bd3-a3f2-0c7b1c2d3e00", "2026-11-20 08:02:11Z",
                "2026-11-20T08:02:11.1234567Z", "6731de76-14a6-49ae-97bc-6eba6914391e")) {
            assertEquals(value, TeamsText.escape(value));
        }
    }

    @Test
    void everyMarkdownCharacterInEscapedTextIsPrecededByABackslash() {
        for (String hostile : List.of("**bold**", "[click](https://evil.example)", "<at>Everyone</at>", "<script>",
                "__x__ *y* ~z~ `w` [a][b] (c)", "\\[x\\](y)", "\\\\*x*")) {
            String out = TeamsText.escape(hostile);
            assertFalse(out.contains("<") || out.contains(">"), out);
            for (int i = 0; i < out.length(); i++) {
                if ("*_[]()~`".indexOf(out.charAt(i)) >= 0) {
                    int slashes = 0;
                    for (int j = i - 1; j >= 0 && out.charAt(j) == '\\'; j--) {
                        slashes++;
                    }
                    assertTrue(slashes % 2 == 1, "unescaped '" + out.charAt(i) + "' at " + i + " in " + out);
                }
            }
        }
    }

    @Test
    void catalogTextSplitsIntoProseAndCommands() {
        List<TeamsText.Segment> parts = TeamsText.segments("Run `az ad app show --id <appId>`. Then check "
                + "`Get-MgUser` output, or `https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration`");
        assertEquals(List.of(new TeamsText.Segment("Run", false),
                new TeamsText.Segment("az ad app show --id <appId>", true),
                new TeamsText.Segment("Then check Get-MgUser output, or", false),
                new TeamsText.Segment("https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration",
                        true)), parts);
        assertEquals("az ad app show --id \u2039appId\u203A --query web.redirectUris",
                TeamsText.command("az ad app show --id <appId> --query web.redirectUris"));
        assertEquals("Where-Object Name -like '\\*\u2039name\u203A\\*'",
                TeamsText.command("Where-Object Name -like '*<name>*'"));
        assertEquals("--query api.oauth2PermissionScopes[].value",
                TeamsText.command("--query api.oauth2PermissionScopes[].value"));
    }

    @Test
    void catalogTextIsLiteralButKeepsOurAddresses() {
        assertEquals("the client_id, \\`az ad app show --id \u2039appId\u203A\\`",
                TeamsText.catalog("the client_id, `az ad app show --id <appId>`"));
        assertEquals("Identity \u203A Users \u203A All users", TeamsText.catalog("Identity > Users > All users"));
        assertEquals("Application (client) ID", TeamsText.catalog("Application (client) ID"));
        assertEquals("\\`https://login.microsoftonline.com/\u2039tenantId\u203A/adminconsent\\`",
                TeamsText.catalog("`https://login.microsoftonline.com/<tenantId>/adminconsent`"));
        assertEquals("\\`Where-Object Name -like '\\*\u2039name\u203A\\*'\\`",
                TeamsText.catalog("`Where-Object Name -like '*<name>*'`"));
    }

    @Test
    void plainTextIsOneLineAndCut() {
        assertEquals("a b c", TeamsText.plain("a\n b\tc\u0007", 100));
        String cut = TeamsText.plain("word ".repeat(100), 50);
        assertTrue(cut.length() <= 50, cut);
        assertTrue(cut.endsWith("\u2026"), cut);
    }
}
