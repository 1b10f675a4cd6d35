package dev.aadsts.teams;

import dev.aadsts.core.context.TextDecoder;

/**
 * Turns what Teams delivers as a message's text (HTML-ish, with {@code <at>Name</at>} mention tags and
 * entities) into the plain text a person typed, so commands and pasted errors read the same as in Slack.
 */
final class TeamsMessageText {
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
        return TextDecoder.htmlToText(s).replace('\u00a0', ' ').strip();
    }
}
