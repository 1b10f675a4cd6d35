package dev.aadsts.teams;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns what Teams delivers as a message's text (HTML-ish, with {@code <at>Name</at>} mention tags and
 * entities) into the plain text a person typed, so commands and pasted errors read the same as in Slack.
 */
final class TeamsMessageText {
    private static final Pattern BLOCK_END = Pattern.compile("(?i)<br\\s*/?>|</(p|div|li|tr|h[1-6]|pre|blockquote)>");
    private static final Pattern TAG = Pattern.compile("<[^<>]{0,2000}>");
    private static final Pattern ENTITY = Pattern.compile("&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});");

    private TeamsMessageText() {
    }

    /**
     * @param botMentionTexts the exact mention texts that address this bot (e.g. "&lt;at&gt;AADSTS Explainer&lt;/at&gt;"),
     *                        removed entirely; other people's mentions keep their names
     */
    static String clean(String text, Iterable<String> botMentionTexts) {
        if (text == null) {
            return "";
        }
        String s = text;
        for (String mention : botMentionTexts) {
            if (mention != null && !mention.isEmpty()) {
                s = s.replace(mention, " ");
            }
        }
        s = BLOCK_END.matcher(s).replaceAll("\n");
        s = TAG.matcher(s).replaceAll("");
        s = decodeEntities(s);
        return s.replace('\u00a0', ' ').strip();
    }

    static String decodeEntities(String s) {
        if (s.indexOf('&') < 0) {
            return s;
        }
        Matcher m = ENTITY.matcher(s);
        StringBuilder out = new StringBuilder(s.length());
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(entity(m.group(1), m.group())));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String entity(String name, String whole) {
        if (name.charAt(0) == '#') {
            try {
                int cp = name.length() > 1 && (name.charAt(1) == 'x' || name.charAt(1) == 'X')
                        ? Integer.parseInt(name.substring(2), 16)
                        : Integer.parseInt(name.substring(1));
                return Character.isValidCodePoint(cp) && cp != 0 ? new String(Character.toChars(cp)) : "";
            } catch (NumberFormatException e) {
                return whole;
            }
        }
        return switch (name) {
            case "amp" -> "&";
            case "lt" -> "<";
            case "gt" -> ">";
            case "quot" -> "\"";
            case "apos" -> "'";
            case "nbsp" -> " ";
            default -> whole;
        };
    }
}
