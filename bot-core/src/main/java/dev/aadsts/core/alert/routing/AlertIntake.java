package dev.aadsts.core.alert.routing;

import dev.aadsts.core.alert.ParsedAlert;
import dev.aadsts.core.alert.ParsedAlerts;
import dev.aadsts.core.store.AlertGroups;
import dev.aadsts.core.store.IncomingAlert;
import dev.aadsts.knowledge.Catalog;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Routes parsed alerts to their targets and stores them durably: all of a request's alerts or none (the store
 * may commit concurrent requests in one shared transaction).
 */
public final class AlertIntake {
    private final AlertRouting routing;
    private final AlertGroups groups;
    private final Catalog catalog;
    private final Clock clock;

    public AlertIntake(AlertRouting routing, AlertGroups groups, Catalog catalog, Clock clock) {
        this.routing = routing;
        this.groups = groups;
        this.catalog = catalog;
        this.clock = clock;
    }

    /** What was accepted: the number of alerts read and their distinct codes. */
    public record Accepted(int accepted, List<String> codes, String source) {
    }

    /** When this returns, every alert is stored (or the store threw and nothing was). */
    public Accepted accept(ParsedAlerts parsed) {
        List<IncomingAlert> rows = new ArrayList<>();
        Set<String> codes = new LinkedHashSet<>();
        for (ParsedAlert a : parsed.alerts()) {
            codes.add(a.code());
            for (AlertRoute route : routing.routesFor(a.code(), catalog)) {
                for (AlertTarget target : route.targets()) {
                    rows.add(new IncomingAlert(target.key(), route.name(), a.code(), a.occurrences(), a.context(),
                            a.source()));
                }
            }
        }
        if (!rows.isEmpty()) {
            AlertTimings t = routing.timings();
            groups.accept(rows, clock.instant(), t.groupWait(), t.groupInterval());
        }
        return new Accepted(parsed.alerts().size(), List.copyOf(codes), parsed.source());
    }
}
