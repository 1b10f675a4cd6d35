package dev.aadsts.slack;

/**
 * Slack's mrkdwn treats {@code & < >} as control characters: {@code <!channel>}, {@code <@U123>} and
 * {@code <https://x|label>} all come from them. Escaping these three in everything a user typed is what
 * keeps a paste from mentioning people or forging links through the bot.
 */
final class Mrkdwn {
    private Mrkdwn() {
    }

    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** User text shown verbatim: escaped, and in a code span so *bold* or _italics_ marks stay literal. */
    static String literal(String s) {
        return "`" + escape(s.replace('`', '\'')) + "`";
    }

    /** Catalog text, ours: escaped all the same (it holds placeholders such as {@code <appId>}). */
    static String catalog(String s) {
        return escape(s);
    }

    /** A link to one of our own addresses with an escaped label; a URL that could break out is not linked. */
    static String link(String url, String label) {
        if (url.indexOf('|') >= 0 || url.indexOf('>') >= 0 || url.indexOf('<') >= 0 || !url.startsWith("https://")) {
            return escape(label);
        }
        return "<" + url.replace("&", "&amp;") + "|" + escape(label).replace('|', '/') + ">";
    }

    /** Cuts to at most {@code max} characters, saying so, so a long text never fails a post. */
    static String fit(String s, int max) {
        return s.length() <= max ? s : s.substring(0, Math.max(0, max - 1)) + "…";
    }
}
