package dev.aadsts.core.alert.delivery;

import dev.aadsts.core.store.AlertGroup;
import dev.aadsts.knowledge.Catalog;
import dev.aadsts.knowledge.CatalogEntry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Builds the card for an alert group from the group's state and the catalog. */
public final class AlertCards {
    public static final List<Integer> MUTE_HOURS = List.of(1, 24);
    private static final Pattern EMAIL = Pattern.compile("([^@\\s]{1,64})@([^@\\s]{1,255})");

    private final Catalog catalog;

    public AlertCards(Catalog catalog) {
        this.catalog = catalog;
    }

    public AlertCard build(AlertGroup group) {
        CatalogEntry entry = catalog.find(group.code()).orElse(null);
        String title = entry == null ? "Not in our catalog yet" : entry.title();
        String summary = entry == null
                ? "This code is not in the bot's catalog. Microsoft's lookup page may know it."
                : entry.summary();
        String fix = entry == null || entry.playbook() == null || entry.playbook().fixes().isEmpty()
                ? null : entry.playbook().fixes().get(0);
        return new AlertCard(group.id(), group.target(), group.code(), title, summary, fix, group.count(),
                group.firstSeen(), group.lastSeen(), masked(group.samples()), group.route(),
                "https://login.microsoftonline.com/error?code=" + group.code(), MUTE_HOURS);
    }

    /** The context worth a line on a card, in the order shown, with the label it is shown under. */
    private static final Map<String, String> SHOWN = new LinkedHashMap<>();

    static {
        SHOWN.put("alertRule", "Alert rules");
        SHOWN.put("app", "Apps");
        SHOWN.put("appId", "App ids");
        SHOWN.put("user", "Users");
        SHOWN.put("ip", "IP addresses");
        SHOWN.put("location", "Locations");
        SHOWN.put("tenant", "Tenants");
        SHOWN.put("resource", "Resources");
    }

    /**
     * Keeps the context worth showing, labelled. A channel full of people is not the place for everyone's
     * sign-in names: user names keep their first two characters and domain ("ad…@contoso.com"), enough to
     * tell one user from many. Per-request ids stay in the store; they belong in a ticket, not a channel.
     */
    static Map<String, List<String>> masked(Map<String, List<String>> samples) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        SHOWN.forEach((key, label) -> {
            List<String> values = samples.get(key);
            if (values != null && !values.isEmpty()) {
                out.put(label, "user".equals(key) ? values.stream().map(AlertCards::maskUser).toList() : values);
            }
        });
        return out;
    }

    static String maskUser(String user) {
        Matcher m = EMAIL.matcher(user);
        if (!m.matches()) {
            return user.length() <= 2 ? user : user.substring(0, 2) + "…";
        }
        String local = m.group(1);
        return (local.length() <= 2 ? local : local.substring(0, 2)) + "…@" + m.group(2);
    }
}
