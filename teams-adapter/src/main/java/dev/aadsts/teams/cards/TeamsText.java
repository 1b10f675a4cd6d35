package dev.aadsts.teams.cards;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Text for Adaptive Card {@code TextBlock} and {@code FactSet} fields, which Teams reads as a Markdown subset
 * (bold, italics, lists, links), also autolinks bare addresses and turns {@code <at>…</at>} into mentions.
 *
 * <p>{@link #escape} makes text someone typed or pasted inert, in four steps:
 * <ol>
 *   <li>control characters and bidirectional overrides are dropped; line breaks become {@code \n};</li>
 *   <li>{@code <} and {@code >} become the look-alikes {@code ‹ ›}, so no HTML tag or {@code <at>} mention can
 *       form, and {@code &} before a name or {@code #} gets a word joiner, so no entity decodes to one;</li>
 *   <li>autolinks are broken with an invisible zero-width space: after the colon of {@code ://}, after
 *       {@code www.}, and after a dot between a letter or digit and a letter (so {@code evil.example} and
 *       {@code a@b.example} are not linked either); a double opening brace gets one too, so the card's
 *       DATE and TIME functions cannot fire;</li>
 *   <li>Markdown punctuation is backslash-escaped (CommonMark escapes; current Teams clients honour
 *       them, some older mobile builds showed the backslash):
 *       {@code * _ [ ] ( ) ~ `} everywhere, a backslash where it would escape the next character, and at the
 *       start of a line a {@code #}, {@code -}, {@code +}, {@code =} or the dot of {@code 1.}.</li>
 * </ol>
 * Characters are kept wherever possible, so ids, timestamps and messages read as they were pasted; only the
 * invisible spaces differ when a value is copied back out of the card.
 */
public final class TeamsText {
    /** Breaks autolinks and double braces without showing anything. */
    static final char ZERO_WIDTH_SPACE = '\u200B';
    /** Keeps {@code &name;} from being read as an entity, without showing anything. */
    static final char WORD_JOINER = '\u2060';

    private static final String USER_ESCAPED = "*_[]()~`";
    /** Without a bare {@code [} no link can form, so our own parentheses are left alone. */
    private static final String CATALOG_ESCAPED = "*_[]~`";
    private static final Pattern LEADING_PUNCTUATION = Pattern.compile("^\\s*[.,;:]+\\s*");
    /** In our own text, only what really starts a block: "# x", "- x", "1. x", a line of "=". */
    private static final Pattern OUR_LINE_START =
            Pattern.compile("(?m)^([ \\t]*)(#{1,6}(?=[ \\t]|$)|[-+](?=[ \\t])|=+(?=[ \\t]*$)|\\d{1,9}(?=[.)](?:[ \\t]|$)))");
    private static final Pattern LINE_START = Pattern.compile("(?m)^([ \\t]*)([#+=-]|\\d{1,9}(?=[.)]))");

    private TeamsText() {
    }

    /** User input made inert for a Markdown field (see the class comment); null becomes "". */
    public static String escape(String userTyped) {
        if (userTyped == null) {
            return "";
        }
        String s = anglesAndEntities(clean(userTyped));
        s = breakLinks(s);
        s = s.replace("{{", "{" + ZERO_WIDTH_SPACE + "{");
        return markdown(s, USER_ESCAPED);
    }

    /**
     * Catalog text (ours, trusted) for a Markdown field. It holds no intended Markdown, but it does hold
     * {@code <placeholders>} in commands, identifiers such as {@code client_id} and the odd {@code *} or
     * {@code [}, so those are kept from forming markup: {@code <appId>} reads {@code ‹appId›}, a portal path
     * {@code A > B} reads {@code A › B}. Being ours, it is escaped only where a character could actually
     * start markup (a second {@code *}, an underscore at a word edge, {@code ](}), because a backslash that
     * a client does not honour shows up as a stray backslash (older Teams mobile builds). Our own addresses
     * stay clickable. Backticks around commands are not Markdown here: callers split commands out first
     * ({@link #segments}); a backtick left over is shown escaped.
     */
    static String catalog(String ours) {
        if (ours == null) {
            return "";
        }
        String s = anglesAndEntities(clean(ours)).replace("{{", "{" + ZERO_WIDTH_SPACE + "{");
        return lineStarts(sparing(s), OUR_LINE_START);
    }

    /** A command for a monospace block: like {@link #catalog}, without its backticks. */
    static String command(String ours) {
        return catalog(ours == null ? "" : ours.replace("`", ""));
    }

    /** Catalog text with its command backticks dropped, for the few places that keep text in one block. */
    static String withoutCodeMarks(String ours) {
        return ours == null ? null : ours.replace("`", "");
    }

    /** A stretch of catalog text: prose, or a command that gets a monospace block of its own. */
    record Segment(String text, boolean command) {
    }

    /** Backticked spans shorter than this without a space (a cmdlet name, a claim) stay in the sentence. */
    static final int INLINE_CODE = 32;

    /**
     * Splits catalog text at its backticks. A span with a space in it, or a long one (a URL), is a
     * command; a short single word stays in the prose without its backticks. Punctuation left alone
     * between two blocks (the full stop after a command) is dropped.
     */
    static List<Segment> segments(String ours) {
        List<Segment> out = new ArrayList<>();
        if (ours == null) {
            return out;
        }
        String[] parts = ours.split("`", -1);
        StringBuilder prose = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            // Odd parts sit between backticks, except a last one that no backtick closes.
            boolean code = i % 2 == 1 && i < parts.length - 1;
            String part = parts[i];
            if (code && (part.strip().contains(" ") || part.strip().length() >= INLINE_CODE)) {
                addProse(prose, out);
                out.add(new Segment(part.strip(), true));
            } else if (prose.length() == 0 && !out.isEmpty() && out.get(out.size() - 1).command()) {
                // After a command block, ". Then …" or ", or" reads as "Then …" and "or".
                prose.append(LEADING_PUNCTUATION.matcher(part).replaceFirst(""));
            } else {
                prose.append(part);
            }
        }
        addProse(prose, out);
        return out;
    }

    private static void addProse(StringBuilder prose, List<Segment> out) {
        String text = prose.toString().strip();
        prose.setLength(0);
        if (text.isEmpty() || text.length() <= 2 && text.chars().noneMatch(Character::isLetterOrDigit)) {
            return;
        }
        out.add(new Segment(text, false));
    }

    /** Plain text for fields Teams shows without formatting (summaries, notifications): one line, cut. */
    static String plain(String s, int max) {
        String one = clean(s == null ? "" : s).replace('\n', ' ').replaceAll("\\s+", " ").strip();
        return cut(one, max);
    }

    /** At most {@code max} characters, cut at a word boundary where one is near, with an ellipsis. */
    static String cut(String s, int max) {
        if (s.length() <= max) {
            return s;
        }
        int end = Math.max(0, max - 1);
        if (end > 0 && Character.isHighSurrogate(s.charAt(end - 1))) {
            end--;
        }
        int space = s.lastIndexOf(' ', end);
        if (space > max * 3 / 4) {
            end = space;
        }
        return s.substring(0, end).stripTrailing() + "\u2026";
    }

    /** Drops control and bidi-override characters, normalises line breaks and turns tabs into spaces. */
    private static String clean(String s) {
        String lines = s.replace("\r\n", "\n").replace('\r', '\n').replace('\t', ' ');
        StringBuilder out = new StringBuilder(lines.length());
        lines.codePoints()
                .filter(cp -> cp == '\n' || !Character.isISOControl(cp))
                .filter(cp -> !(cp >= 0x202A && cp <= 0x202E) && !(cp >= 0x2066 && cp <= 0x2069)
                        && cp != 0x200E && cp != 0x200F)
                .forEach(out::appendCodePoint);
        return out.toString();
    }

    private static String anglesAndEntities(String s) {
        StringBuilder out = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> out.append('\u2039');
                case '>' -> out.append('\u203A');
                case '&' -> {
                    out.append('&');
                    char next = i + 1 < s.length() ? s.charAt(i + 1) : ' ';
                    if (next == '#' || Character.isLetterOrDigit(next)) {
                        out.append(WORD_JOINER);
                    }
                }
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static String breakLinks(String s) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            out.append(c);
            if (c == ':' && s.startsWith("//", i + 1)) {
                out.append(ZERO_WIDTH_SPACE);
            } else if (c == '.' && i > 0 && i + 1 < s.length() && Character.isLetterOrDigit(s.charAt(i - 1))
                    && Character.isLetter(s.charAt(i + 1))) {
                out.append(ZERO_WIDTH_SPACE);
            } else if (c == '.' && i >= 3 && s.regionMatches(true, i - 3, "www", 0, 3)) {
                out.append(ZERO_WIDTH_SPACE);
            }
        }
        return out.toString();
    }

    private static String markdown(String s, String escaped) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                char next = i + 1 < s.length() ? s.charAt(i + 1) : ' ';
                out.append(isAsciiPunctuation(next) ? "\\\\" : "\\");
            } else if (escaped.indexOf(c) >= 0) {
                out.append('\\').append(c);
            } else {
                out.append(c);
            }
        }
        return lineStarts(out, LINE_START);
    }

    /** Block constructs only start a line: headings, list items, setext underlines. */
    private static String lineStarts(CharSequence out, Pattern where) {
        Matcher m = where.matcher(out);
        StringBuilder done = new StringBuilder(out.length() + 8);
        while (m.find()) {
            String mark = m.group(2);
            String marked = Character.isDigit(mark.charAt(0)) ? mark + "\\" : "\\" + mark;
            m.appendReplacement(done, Matcher.quoteReplacement(m.group(1) + marked));
        }
        m.appendTail(done);
        return done.toString();
    }

    /** Escapes only what could start markup in text we wrote (see {@link #catalog}). */
    private static String sparing(String s) {
        boolean stars = s.indexOf('*') != s.lastIndexOf('*');
        boolean strike = s.contains("~~");
        boolean link = s.contains("](") || s.contains("][");
        StringBuilder out = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            char before = i > 0 ? s.charAt(i - 1) : ' ';
            char after = i + 1 < s.length() ? s.charAt(i + 1) : ' ';
            boolean escape = switch (c) {
                case '*' -> stars;
                case '_' -> !(Character.isLetterOrDigit(before) && Character.isLetterOrDigit(after));
                case '~' -> strike;
                case '[', ']' -> link;
                case '`' -> true;
                default -> false;
            };
            if (c == '\\') {
                out.append(isAsciiPunctuation(after) ? "\\\\" : "\\");
            } else {
                out.append(escape ? "\\" : "").append(c);
            }
        }
        return out.toString();
    }

    private static boolean isAsciiPunctuation(char c) {
        return c < 128 && "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~".indexOf(c) >= 0;
    }
}
