package dev.aadsts.slack.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class TokenSealTest {
    private static final String KEY = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef"
            .getBytes(StandardCharsets.US_ASCII));
    private static final String OTHER_KEY = Base64.getEncoder().encodeToString("fedcba9876543210fedcba9876543210"
            .getBytes(StandardCharsets.US_ASCII));
    private static final String RECORD = "{\"bot_access_token\":\"xoxb-123-secret\"}";

    @Test
    void aSealedRecordOpensWithTheSameKeyForTheSameRow() {
        TokenSeal seal = TokenSeal.fromBase64(KEY);
        byte[] sealed = seal.seal(RECORD, "slack-bot||T1");
        assertFalse(new String(sealed, StandardCharsets.ISO_8859_1).contains("xoxb-123-secret"));
        assertEquals(RECORD, seal.open(sealed, "slack-bot||T1"));
        assertNotEquals(Arrays.toString(sealed), Arrays.toString(seal.seal(RECORD, "slack-bot||T1")),
                "a fresh nonce every time");
    }

    @Test
    void anotherKeyAnotherRowOrAChangedByteDoNotOpen() {
        TokenSeal seal = TokenSeal.fromBase64(KEY);
        byte[] sealed = seal.seal(RECORD, "slack-bot||T1");
        assertThrows(TokenSeal.SealBrokenException.class, () -> TokenSeal.fromBase64(OTHER_KEY).open(sealed, "slack-bot||T1"));
        assertThrows(TokenSeal.SealBrokenException.class, () -> seal.open(sealed, "slack-bot||T2"),
                "a record copied into another workspace's row does not open there");
        byte[] changed = sealed.clone();
        changed[changed.length - 1] ^= 1;
        assertThrows(TokenSeal.SealBrokenException.class, () -> seal.open(changed, "slack-bot||T1"));
        assertThrows(TokenSeal.SealBrokenException.class, () -> seal.open(new byte[3], "slack-bot||T1"));
    }

    @Test
    void aBadKeyIsRefusedWithoutShowingIt() {
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> TokenSeal.fromBase64(" "));
        assertTrue(missing.getMessage().contains("SLACK_STATE_KEY is not set"), missing.getMessage());
        IllegalArgumentException notBase64 = assertThrows(IllegalArgumentException.class,
                () -> TokenSeal.fromBase64("not*base64*secret"));
        assertFalse(notBase64.getMessage().contains("not*base64*secret"));
        String shortKey = Base64.getEncoder().encodeToString(new byte[16]);
        IllegalArgumentException tooShort = assertThrows(IllegalArgumentException.class,
                () -> TokenSeal.fromBase64(shortKey));
        assertTrue(tooShort.getMessage().contains("32 bytes"), tooShort.getMessage());
        assertFalse(tooShort.getMessage().contains(shortKey));
    }
}
