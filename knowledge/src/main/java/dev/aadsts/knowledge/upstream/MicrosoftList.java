package dev.aadsts.knowledge.upstream;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A copy of Microsoft's public AADSTS list: code to symbolic name (null where the list gives none). Read
 * from either shape a maintainer is likely to have: the tab-separated extract ({@code code<TAB>name<TAB>
 * description}, a header and {@code #} comments allowed) or the Learn page's markdown source, whose table
 * rows read {@code | AADSTS50011 | InvalidReplyTo - The reply address … |}.
 */
public final class MicrosoftList {
    /** The copy the shipped catalog was last checked against (codes and names only). */
    static final String SHIPPED = "/reference-codes.tsv";

    private static final Pattern MARKDOWN_ROW = Pattern.compile("^\\s*\\|\\s*[*`]*AADSTS(\\d{4,9})[*`]*\\s*\\|(.*)$");
    private static final Pattern TSV_CODE = Pattern.compile("(?:AADSTS)?(\\d{4,9})");
    /** A name opens the description cell: one identifier, then " - " or the end of the cell. */
    private static final Pattern NAME = Pattern.compile("^([A-Za-z][A-Za-z0-9_]*)\\s*(?:-(?:\\s|$)|$)");

    private final Map<String, String> names;

    private MicrosoftList(Map<String, String> names) {
        this.names = Collections.unmodifiableMap(names);
    }

    /** Code to name, in the list's order; a code without a published name maps to null. */
    public Map<String, String> names() {
        return names;
    }

    public int size() {
        return names.size();
    }

    /** The copy shipped with the catalog. */
    public static MicrosoftList shipped() {
        try (InputStream in = MicrosoftList.class.getResourceAsStream(SHIPPED)) {
            if (in == null) {
                throw new IllegalStateException(SHIPPED + " is missing from the class path");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException | UnreadableListException e) {
            throw new IllegalStateException("the shipped copy of Microsoft's list is unreadable: " + e.getMessage(), e);
        }
    }

    /** @throws UnreadableListException when the text is neither shape, naming the line where it can */
    public static MicrosoftList parse(String text) throws UnreadableListException {
        List<String> lines = text.lines().toList();
        boolean markdown = lines.stream().anyMatch(l -> MARKDOWN_ROW.matcher(l).matches());
        Map<String, String> names = markdown ? markdown(lines) : tsv(lines);
        if (names.isEmpty()) {
            throw new UnreadableListException("no AADSTS codes found; expected tab-separated rows "
                    + "(code<TAB>name<TAB>description) or the Learn page's markdown table (| AADSTS50011 | Name - … |)");
        }
        return new MicrosoftList(names);
    }

    private static Map<String, String> markdown(List<String> lines) {
        Map<String, String> names = new LinkedHashMap<>();
        for (String line : lines) {
            Matcher row = MARKDOWN_ROW.matcher(line);
            if (row.matches()) {
                String cell = row.group(2).strip();
                if (cell.endsWith("|")) {
                    cell = cell.substring(0, cell.length() - 1).strip();
                }
                Matcher name = NAME.matcher(cell);
                names.putIfAbsent(row.group(1), name.find() ? name.group(1) : null);
            }
        }
        return names;
    }

    private static Map<String, String> tsv(List<String> lines) throws UnreadableListException {
        Map<String, String> names = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || line.startsWith("#") || line.toLowerCase(java.util.Locale.ROOT).startsWith("code\t")) {
                continue;
            }
            String[] cells = line.split("\t", -1);
            Matcher code = TSV_CODE.matcher(cells[0].strip());
            if (!code.matches()) {
                throw new UnreadableListException("line " + (i + 1) + ": '" + cut(cells[0]) + "' is not an AADSTS code "
                        + "(expected code<TAB>name<TAB>description)");
            }
            names.putIfAbsent(code.group(1), cells.length > 1 ? normalise(cells[1]) : null);
        }
        return names;
    }

    /** Trims, and drops the stray trailing hyphen some names carry in the source. */
    static String normalise(String name) {
        if (name == null) {
            return null;
        }
        String n = name.strip();
        while (n.endsWith("-")) {
            n = n.substring(0, n.length() - 1).strip();
        }
        return n.isEmpty() ? null : n;
    }

    private static String cut(String s) {
        return s.length() <= 40 ? s : s.substring(0, 39) + "…";
    }

    /** The file is neither shape of the list. */
    public static final class UnreadableListException extends Exception {
        public UnreadableListException(String message) {
            super(message);
        }
    }
}
