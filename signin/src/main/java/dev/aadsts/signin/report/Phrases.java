package dev.aadsts.signin.report;

/** Small pieces of wording every rendering of a sign-in report shares (text, Slack, Teams). */
public final class Phrases {
    private Phrases() {
    }

    /** "compliant" or "not compliant"; null when the record does not say. */
    public static String flag(String name, Boolean value) {
        return value == null ? null : value ? name : "not " + name;
    }

    /** The parts that say something, joined with commas; empty when none does. */
    public static String joined(String... parts) {
        StringBuilder s = new StringBuilder();
        for (String p : parts) {
            if (p != null && !p.isBlank()) {
                s.append(s.length() == 0 ? "" : ", ").append(p);
            }
        }
        return s.toString();
    }
}
