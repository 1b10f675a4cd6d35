package dev.aadsts.core.alert.routing;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.aadsts.core.yaml.LineIndex;
import dev.aadsts.knowledge.Catalog;
import dev.aadsts.knowledge.CatalogEntry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;

/**
 * Decides where each alert's card goes. Read once at start-up from the routes file ({@code ALERTS_ROUTES},
 * YAML or JSON) and the environment's default route ({@code ALERTS_SLACK_CHANNEL},
 * {@code ALERTS_TEAMS_CHANNEL}); a configuration that could lose alerts is refused before the server starts.
 */
public final class AlertRouting {
    /** Names the catch-all route so alert cards can say which rule sent them. */
    public static final String DEFAULT_ROUTE = "default";

    private final List<AlertRoute> routes;
    private final AlertRoute defaultRoute;
    private final AlertTimings timings;

    AlertRouting(List<AlertRoute> routes, AlertRoute defaultRoute, AlertTimings timings) {
        this.routes = List.copyOf(routes);
        this.defaultRoute = defaultRoute;
        this.timings = timings;
    }

    public static AlertRouting fromEnvironment(Map<String, String> env) {
        String file = blankToNull(env.get("ALERTS_ROUTES"));
        RoutesFile parsed = file == null ? new RoutesFile(null, List.of(), null) : read(Path.of(file));

        AlertTimings timings = AlertTimings.DEFAULT;
        try {
            if (parsed.defaults() != null) {
                timings = parsed.defaults().over(timings);
            }
            timings = new RoutesFile.Timings(env.get("ALERTS_GROUP_WAIT"), env.get("ALERTS_GROUP_INTERVAL"),
                    env.get("ALERTS_REPEAT_INTERVAL")).over(timings);
        } catch (IllegalArgumentException e) {
            throw new AlertConfigException(e.getMessage());
        }

        List<AlertTarget> fallback = new ArrayList<>();
        if (parsed.defaultRoute() != null) {
            fallback.addAll(parsed.defaultRoute().targets());
        }
        try {
            fallback.addAll(RoutesFile.parseTargets(split(env.get("ALERTS_SLACK_CHANNEL")), teamsFromEnv(env)));
        } catch (IllegalArgumentException e) {
            throw new AlertConfigException("ALERTS_SLACK_CHANNEL / ALERTS_TEAMS_CHANNEL: " + e.getMessage());
        }
        if (fallback.isEmpty()) {
            throw new AlertConfigException("alerts need a default route, or an alert no rule catches would be lost: "
                    + "set ALERTS_SLACK_CHANNEL (a channel id) or ALERTS_TEAMS_CHANNEL (\"Team/Channel\" or a "
                    + "conversation id), or add default_route to " + (file == null ? "an ALERTS_ROUTES file" : file));
        }
        AlertRoute defaultRoute = new AlertRoute(DEFAULT_ROUTE, java.util.Set.of(), java.util.Set.of(),
                java.util.Set.of(), dedupe(fallback), false);
        return new AlertRouting(parsed.routes().stream().map(RoutesFile.RouteSpec::route).toList(), defaultRoute,
                timings);
    }

    /** The routes an alert of {@code code} follows, with their targets; never empty. */
    public List<AlertRoute> routesFor(String code, Catalog catalog) {
        CatalogEntry entry = catalog.find(code).orElse(null);
        List<AlertRoute> matched = new ArrayList<>();
        for (AlertRoute r : routes) {
            if (r.matches(code, entry)) {
                matched.add(r);
                if (!r.continueMatching()) {
                    return matched;
                }
            }
        }
        if (matched.isEmpty()) {
            matched.add(defaultRoute);
        }
        return matched;
    }

    public AlertTimings timings() {
        return timings;
    }

    public List<AlertRoute> routes() {
        return routes;
    }

    public AlertRoute defaultRoute() {
        return defaultRoute;
    }

    /** Every target of every route, the default route's included, each once. */
    public List<AlertTarget> targets() {
        Set<AlertTarget> all = new LinkedHashSet<>();
        routes.forEach(route -> all.addAll(route.targets()));
        if (defaultRoute != null) {
            all.addAll(defaultRoute.targets());
        }
        return List.copyOf(all);
    }

    private static RoutesFile read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new AlertConfigException("ALERTS_ROUTES: cannot read " + file + ": " + e.getMessage());
        }
        return read(file.toString(), text);
    }

    /**
     * The routes file's text, YAML unless {@code file} ends in {@code .json}.
     *
     * @throws AlertConfigException naming the file, the line and what is wrong, for any text that is not
     *                              a usable routes file
     */
    static RoutesFile read(String file, String text) {
        String name = file.toLowerCase(java.util.Locale.ROOT);
        ObjectMapper mapper = (name.endsWith(".json") ? new ObjectMapper() : new ObjectMapper(new YAMLFactory()))
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY);
        LineIndex lines = LineIndex.of(mapper.getFactory(), text);
        RoutesFile parsed;
        try {
            parsed = mapper.readValue(text, RoutesFile.class);
        } catch (JsonProcessingException e) {
            throw new AlertConfigException(file + describe(e, lines));
        }
        if (parsed == null) {
            return new RoutesFile(null, List.of(), null);
        }
        for (int i = 0; i < parsed.routes().size(); i++) {
            RoutesFile.RouteSpec spec = parsed.routes().get(i);
            if (spec.route() == null) {
                throw new AlertConfigException(file + ":" + lines.lineOf("/routes/" + i) + ": route '" + spec.name()
                        + "' has no slack or teams target");
            }
        }
        return parsed;
    }

    /** ":12: unknown field 'chanel' (expected one of …)" or ":7: '#general' is not a Slack channel id …". */
    private static String describe(JsonProcessingException e, LineIndex lines) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String pointer = e instanceof JsonMappingException m ? pointer(m) : "";
        if (root instanceof RoutesFile.FieldProblem field) {
            pointer = pointer + "/" + field.field();
        }
        int line = pointer.isEmpty() ? 0 : lines.lineOf(pointer);
        if (line == 0) {
            JsonLocation at = e.getLocation();
            line = at == null ? 0 : at.getLineNr();
        }
        String why;
        if (e instanceof UnrecognizedPropertyException u) {
            why = "unknown field '" + u.getPropertyName() + "' (expected one of " + u.getKnownPropertyIds() + ")";
        } else {
            why = root instanceof IllegalArgumentException ? root.getMessage() : e.getOriginalMessage();
        }
        return (line > 0 ? ":" + line : "") + ": " + why;
    }

    private static String pointer(JsonMappingException e) {
        StringBuilder p = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                p.append('/').append(r.getFieldName().replace("~", "~0").replace("/", "~1"));
            } else if (r.getIndex() >= 0) {
                p.append('/').append(r.getIndex());
            }
        }
        return p.toString();
    }

    private static List<RoutesFile.TeamsTarget> teamsFromEnv(Map<String, String> env) {
        List<RoutesFile.TeamsTarget> out = new ArrayList<>();
        for (String t : split(env.get("ALERTS_TEAMS_CHANNEL"))) {
            int slash = t.indexOf('/');
            boolean conversationId = t.startsWith("19:") || t.startsWith("a:") || slash < 0;
            out.add(conversationId ? new RoutesFile.TeamsTarget(t, null, null)
                    : new RoutesFile.TeamsTarget(null, t.substring(0, slash), t.substring(slash + 1)));
        }
        return out;
    }

    private static List<String> split(String value) {
        List<String> out = new ArrayList<>();
        if (value != null) {
            for (String part : value.split(",")) {
                if (!part.isBlank()) {
                    out.add(part.strip());
                }
            }
        }
        return out;
    }

    private static List<AlertTarget> dedupe(List<AlertTarget> targets) {
        Map<String, AlertTarget> byKey = new LinkedHashMap<>();
        targets.forEach(t -> byKey.putIfAbsent(t.key(), t));
        return List.copyOf(byKey.values());
    }

    private static String blankToNull(String v) {
        return v == null || v.isBlank() ? null : v.strip();
    }
}
