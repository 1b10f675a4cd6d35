package dev.aadsts.benchmarks;

import java.util.Random;

/**
 * Deterministic chat-like text for benchmarks: sentences of ordinary support-channel words with the
 * ids, URLs, numbers and mentions such channels carry, optionally with a real Entra error now and then.
 */
final class ChatText {
    private static final String[] WORDS = ("the a an is are was were to of and in on for with at by from that this it "
            + "we you they our your their can could should would will please thanks hi hello morning team user users "
            + "sign signed login logon portal outlook teams sharepoint onedrive laptop phone browser chrome edge vpn "
            + "password reset account access error issue problem ticket incident change deploy release app service "
            + "api server database customer tenant admin helpdesk manager update restart again still working broken "
            + "fixed looks like seems after before since today yesterday week meeting call screen shared link page "
            + "network firewall proxy certificate email calendar folder file upload download report dashboard monitor "
            + "alert cpu memory disk latency timeout retry queue worker job build pipeline branch merge review").split(" ");
    private static final String[] ERRORS = {
            "AADSTS50076: Due to a configuration change made by your administrator, or because you moved to a new "
                    + "location, you must use multi-factor authentication to access the resource. Trace ID: "
                    + "0b5a3f2e-1111-2222-3333-444455556666 Correlation ID: 9c1d2e3f-aaaa-bbbb-cccc-ddddeeeeffff "
                    + "Timestamp: 2026-11-20 10:11:12Z",
            "{\"error\":\"invalid_client\",\"error_description\":\"AADSTS7000222: The provided client secret keys for "
                    + "app '11112222-3333-4444-5555-666677778888' are expired.\\r\\nTrace ID: 0b5a3f2e-1111-2222-3333-"
                    + "444455556666\\r\\nCorrelation ID: 9c1d2e3f-aaaa-bbbb-cccc-ddddeeeeffff\\r\\nTimestamp: "
                    + "2026-11-20 10:11:12Z\",\"error_codes\":[7000222],\"timestamp\":\"2026-11-20 10:11:12Z\"}",
            "https://app.contoso.com/signin-oidc?error=invalid_request&error_description=AADSTS50011%3a+The+redirect"
                    + "+URI+%27https%3a%2f%2fapp.contoso.com%2fsignin-oidc%27+specified+in+the+request+does+not+match"
                    + "%0d%0aTrace+ID%3a+0b5a3f2e-1111-2222-3333-444455556666&state=abc",
    };

    private ChatText() {
    }

    /** About {@code size} characters; with {@code errorEvery > 0}, an error every that many characters. */
    static String generate(int size, int errorEvery, long seed) {
        Random random = new Random(seed);
        StringBuilder b = new StringBuilder(size + 1024);
        int nextError = errorEvery;
        while (b.length() < size) {
            int words = 4 + random.nextInt(14);
            for (int i = 0; i < words; i++) {
                b.append(i == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]);
                int extra = random.nextInt(60);
                if (extra == 0) {
                    b.append(" <@U0").append(100000 + random.nextInt(900000)).append('>');
                } else if (extra == 1) {
                    b.append(" https://contoso.sharepoint.com/sites/it/").append(random.nextInt(10000));
                } else if (extra == 2) {
                    b.append(" INC00").append(10000 + random.nextInt(90000));
                } else if (extra == 3) {
                    b.append(" 5b1f").append(Integer.toHexString(random.nextInt())).append("-1111-2222-3333-4444");
                }
            }
            b.append(random.nextInt(4) == 0 ? "?\n" : ".\n");
            if (errorEvery > 0 && b.length() >= nextError) {
                b.append(ERRORS[random.nextInt(ERRORS.length)]).append('\n');
                nextError += errorEvery;
            }
        }
        return b.toString();
    }
}
