package dev.aadsts.knowledge;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns text into the word forms search compares: lower case, camel-case names split, common words
 * dropped, plural and tense endings folded so "expired secrets" meets "secret expires".
 */
final class SearchTokens {
    private static final Set<String> STOP = Set.of(
            "a", "an", "the", "is", "are", "was", "be", "to", "of", "for", "in", "on", "at", "by", "my", "our",
            "with", "and", "or", "it", "its", "this", "that", "i", "we", "you", "your", "me", "can", "cant",
            "get", "got", "getting", "error", "errors", "aadsts", "code", "when", "from", "how", "what", "why");
    // Words people type for the same thing; each maps to the form the catalog's text most often uses.
    private static final Map<String, String> SYNONYMS = Map.ofEntries(
            Map.entry("url", "uri"),
            Map.entry("reply", "redirect"),
            Map.entry("expiry", "expir"),
            Map.entry("expiration", "expir"),
            Map.entry("multifactor", "mfa"),
            Map.entry("2fa", "mfa"),
            Map.entry("ca", "conditional"),
            Map.entry("cert", "certificat"),
            Map.entry("certs", "certificat"),
            Map.entry("pwd", "password"),
            Map.entry("adfs", "federat"),
            Map.entry("saml", "federat"),
            Map.entry("guest", "guest"),
            Map.entry("b2b", "guest"),
            Map.entry("external", "guest"),
            Map.entry("locked", "lock"),
            Map.entry("lockout", "lock"),
            Map.entry("disabled", "disabl"),
            Map.entry("mismatch", "match"));

    private SearchTokens() {
    }

    static List<String> of(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        for (int i = 0; i <= text.length(); i++) {
            char c = i < text.length() ? text.charAt(i) : ' ';
            boolean camelBreak = Character.isUpperCase(c) && word.length() > 0
                    && Character.isLowerCase(word.charAt(word.length() - 1));
            if (Character.isLetterOrDigit(c) && !camelBreak) {
                word.append(c);
                continue;
            }
            add(word, out);
            word.setLength(0);
            if (Character.isLetterOrDigit(c)) {
                word.append(c);
            }
        }
        return out;
    }

    private static void add(StringBuilder word, List<String> out) {
        if (word.length() == 0) {
            return;
        }
        String w = word.toString().toLowerCase(Locale.ROOT);
        if (STOP.contains(w)) {
            return;
        }
        String mapped = SYNONYMS.get(w);
        out.add(mapped != null ? mapped : stem(w));
    }

    static String stem(String w) {
        if (w.length() > 6 && w.endsWith("ation")) {
            return w.substring(0, w.length() - 5);
        }
        if (w.length() > 5 && w.endsWith("ing")) {
            return w.substring(0, w.length() - 3);
        }
        if (w.length() > 4 && (w.endsWith("ed") || w.endsWith("es"))) {
            return stripE(w.substring(0, w.length() - 2));
        }
        if (w.length() > 3 && w.endsWith("s") && !w.endsWith("ss")) {
            return stripE(w.substring(0, w.length() - 1));
        }
        return stripE(w);
    }

    // "expire", "expired" and "expires" must meet in one form.
    private static String stripE(String w) {
        return w.length() > 4 && w.endsWith("e") ? w.substring(0, w.length() - 1) : w;
    }
}
