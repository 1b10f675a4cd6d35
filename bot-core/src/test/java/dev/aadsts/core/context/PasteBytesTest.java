package dev.aadsts.core.context;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Bytes from files and pipes: UTF-16 in either byte order, with or without a byte-order mark, or UTF-8. */
class PasteBytesTest {
    private static final String TEXT = "Connect-AzAccount : AADSTS7000215: Invalid client secret provided. Für André.\r\n";

    private static byte[] withMark(byte[] mark, byte[] body) {
        byte[] all = new byte[mark.length + body.length];
        System.arraycopy(mark, 0, all, 0, mark.length);
        System.arraycopy(body, 0, all, mark.length, body.length);
        return all;
    }

    @Test
    void utf16LittleEndianAsWindowsPowerShellWritesIt() {
        byte[] body = TEXT.getBytes(StandardCharsets.UTF_16LE);
        assertEquals(TEXT, PasteBytes.decode(withMark(new byte[] {(byte) 0xFF, (byte) 0xFE}, body)));
        assertEquals(TEXT, PasteBytes.decode(body));
    }

    @Test
    void utf16BigEndian() {
        byte[] body = TEXT.getBytes(StandardCharsets.UTF_16BE);
        assertEquals(TEXT, PasteBytes.decode(withMark(new byte[] {(byte) 0xFE, (byte) 0xFF}, body)));
        assertEquals(TEXT, PasteBytes.decode(body));
    }

    @Test
    void utf8WithAndWithoutMark() {
        byte[] body = TEXT.getBytes(StandardCharsets.UTF_8);
        assertEquals(TEXT, PasteBytes.decode(withMark(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, body)));
        assertEquals(TEXT, PasteBytes.decode(body));
    }

    @Test
    void brokenBytesBecomeReplacementCharactersNotErrors() {
        assertEquals("a\uFFFDb", PasteBytes.decode(new byte[] {'a', (byte) 0xC3, 'b'}));
        assertEquals("", PasteBytes.decode(new byte[0]));
        assertEquals("A\uFFFD", PasteBytes.decode(new byte[] {(byte) 0xFF, (byte) 0xFE, 'A', 0, 'B'}));
    }

    @Test
    void textInOtherScriptsIsNotMistakenForUtf16() {
        String japanese = "エラー コード: 50058 相関 ID";
        assertEquals(japanese, PasteBytes.decode(japanese.getBytes(StandardCharsets.UTF_8)));
    }
}
