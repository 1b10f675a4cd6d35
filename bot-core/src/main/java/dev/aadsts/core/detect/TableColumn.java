package dev.aadsts.core.detect;

import java.util.function.Consumer;

/**
 * Reads codes from a column of a sign-in log table: KQL results, CSV exports from the portal, and
 * PowerShell's Format-Table output put the header ({@code ResultType}, "Sign-in error code") on one
 * line and the codes under it. The column is found by delimiter count (tab, comma, pipe) or, for
 * space-aligned tables, by the header's character position.
 */
final class TableColumn {
    private static final int MAX_ROWS = 5_000;
    /** Sign-in log headers are a few hundred characters; a longer "line" is a blob, not a header. */
    private static final int MAX_HEADER = 4_096;

    private TableColumn() {
    }

    /**
     * @param start where the header word starts
     * @param end   where it ends
     * @return where scanning may go on
     */
    static int read(String text, int start, int end, Consumer<CodeMatch> sink) {
        if (!endsField(text, end)) {
            return end;
        }
        int lineStart = lineStart(text, start);
        int lineEnd = lineEnd(text, start, start + MAX_HEADER);
        if (lineStart < 0 || lineEnd < 0 || lineEnd >= text.length() || lineEnd - lineStart > MAX_HEADER) {
            return end;
        }
        String header = text.substring(lineStart, lineEnd);
        char delimiter = header.indexOf('\t') >= 0 ? '\t' : header.indexOf('|') >= 0 ? '|'
                : header.indexOf(',') >= 0 ? ',' : ' ';
        if (delimiter == ' ' && header.strip().split("\\s{2,}").length < 2) {
            return end; // One word on a line is prose, not a table header.
        }
        int column = delimiter == ' ' ? start - lineStart : fields(header, start - lineStart, delimiter);
        int row = lineEnd + 1;
        int last = end;
        for (int rows = 0; rows < MAX_ROWS && row < text.length(); rows++) {
            int rowEnd = lineEnd(text, row);
            String line = text.substring(row, rowEnd);
            if (line.isBlank()) {
                break;
            }
            int[] cell = delimiter == ' ' ? alignedCell(line, column) : delimitedCell(line, column, delimiter);
            if (cell != null) {
                int from = row + cell[0];
                int to = row + cell[1];
                int len = to - from;
                if (len >= 5 && len <= 8) {
                    sink.accept(new CodeMatch(text.substring(from, to), from, to, Shape.SIGN_IN_LOG));
                    last = to;
                }
            }
            row = rowEnd + 1;
        }
        return last;
    }

    /** Where the header's line starts, searching back at most {@link #MAX_HEADER} characters; -1 if further. */
    private static int lineStart(String text, int start) {
        for (int i = start - 1; i >= 0; i--) {
            if (text.charAt(i) == '\n') {
                return i + 1;
            }
            if (start - i > MAX_HEADER) {
                return -1;
            }
        }
        return 0;
    }

    /** The header line's end, or -1 when it is longer than {@code limit}. */
    private static int lineEnd(String text, int from, int limit) {
        int nl = CodeDetector.indexOf(text, '\n', from, limit + 1);
        if (nl < 0) {
            return limit >= text.length() ? lineEnd(text, from) : -1;
        }
        return nl > from && text.charAt(nl - 1) == '\r' ? nl - 1 : nl;
    }

    private static int lineEnd(String text, int from) {
        int nl = text.indexOf('\n', from);
        int end = nl < 0 ? text.length() : nl;
        return end > from && text.charAt(end - 1) == '\r' ? end - 1 : end;
    }

    private static boolean endsField(String text, int end) {
        if (end >= text.length()) {
            return false;
        }
        char c = text.charAt(end);
        return c == ' ' || c == '\t' || c == ',' || c == '|' || c == '"' || c == '\r' || c == '\n';
    }

    private static int fields(String line, int upTo, char delimiter) {
        int count = 0;
        boolean quoted = false;
        for (int i = 0; i < upTo; i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == delimiter && !quoted) {
                count++;
            }
        }
        return count;
    }

    /** The digits of the cell in column {@code index}, as [from, to) within the line, or null. */
    private static int[] delimitedCell(String line, int index, char delimiter) {
        int field = 0;
        int from = 0;
        boolean quoted = false;
        for (int i = 0; i <= line.length(); i++) {
            char c = i < line.length() ? line.charAt(i) : delimiter;
            if (c == '"') {
                quoted = !quoted;
            } else if (c == delimiter && !quoted) {
                if (field == index) {
                    return digits(line, from, i);
                }
                field++;
                from = i + 1;
            }
        }
        return null;
    }

    /** In a space-aligned table the value starts at (or, right-aligned, ends near) the header's column. */
    private static int[] alignedCell(String line, int column) {
        if (column >= line.length()) {
            return null;
        }
        int from = column;
        while (from > 0 && isAsciiDigit(line.charAt(from - 1))) {
            from--;
        }
        int to = from;
        while (to < line.length() && line.charAt(to) == ' ' && to - column < 12) {
            to++;
        }
        from = to;
        while (to < line.length() && isAsciiDigit(line.charAt(to))) {
            to++;
        }
        boolean alone = (from == 0 || line.charAt(from - 1) == ' ') && (to == line.length() || line.charAt(to) == ' ');
        return to > from && alone ? new int[] {from, to} : null;
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static int[] digits(String line, int from, int to) {
        while (from < to && (line.charAt(from) == ' ' || line.charAt(from) == '"')) {
            from++;
        }
        while (to > from && (line.charAt(to - 1) == ' ' || line.charAt(to - 1) == '"')) {
            to--;
        }
        for (int i = from; i < to; i++) {
            if (!isAsciiDigit(line.charAt(i))) {
                return null;
            }
        }
        return to > from ? new int[] {from, to} : null;
    }
}
