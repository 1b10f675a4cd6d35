package dev.aadsts.signin.testing;

import dev.aadsts.signin.testing.TlsStandIn.Answer;
import dev.aadsts.signin.testing.TlsStandIn.Seen;
import dev.aadsts.signin.graph.GraphHttp;
import dev.aadsts.signin.graph.GraphSettings;
import dev.aadsts.signin.graph.MsalGraphTokens;
import dev.aadsts.signin.graph.SignInClient;
import dev.aadsts.signin.graph.Sleeper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * Microsoft's token endpoint and Graph's sign-in logs on one local HTTPS origin. Graph answers come from
 * {@code graph}, keyed by the decoded {@code $filter} (and {@code $skiptoken} for later pages).
 */
public final class GraphStandIn implements AutoCloseable {

    public static final String TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    public static final String CLIENT = "5c1f2a3b-0000-4000-8000-0000000000aa";
    public static final String TOKEN = "stand-in-access-token";

    public final TlsStandIn server;
    public final List<Duration> sleeps = new CopyOnWriteArrayList<>();
    public final Sleeper sleeper = sleeps::add;
    /** Entra group memberships by user object id, for {@code checkMemberGroups}. */
    public final Map<String, java.util.Set<String>> memberships = new java.util.concurrent.ConcurrentHashMap<>();

    public GraphStandIn(Function<String, Answer> graph) throws IOException {
        server = new TlsStandIn(seen -> route(seen, graph));
    }

    private Answer route(Seen seen, Function<String, Answer> graph) {
        String path = seen.uri().getPath();
        if (path.endsWith("/oauth2/v2.0/token")) {
            return Answer.json(200, "{\"token_type\":\"Bearer\",\"expires_in\":3599,\"ext_expires_in\":3599,"
                    + "\"access_token\":\"" + TOKEN + "\"}");
        }
        if (path.endsWith("/.well-known/openid-configuration")) {
            String base = origin() + "/" + TENANT;
            return Answer.json(200, "{\"token_endpoint\":\"" + base + "/oauth2/v2.0/token\",\"issuer\":\"" + base
                    + "/v2.0\",\"authorization_endpoint\":\"" + base + "/oauth2/v2.0/authorize\"}");
        }
        if (path.equals("/v1.0/auditLogs/signIns")) {
            if (!("Bearer " + TOKEN).equals(seen.header("Authorization"))) {
                return Answer.json(401, "{\"error\":{\"code\":\"InvalidAuthenticationToken\"}}");
            }
            return graph.apply(query(seen.uri().getRawQuery()));
        }
        if ("POST".equals(seen.method()) && path.startsWith("/v1.0/users/") && path.endsWith("/checkMemberGroups")) {
            if (!("Bearer " + TOKEN).equals(seen.header("Authorization"))) {
                return Answer.json(401, "{\"error\":{\"code\":\"InvalidAuthenticationToken\"}}");
            }
            String user = path.substring("/v1.0/users/".length(), path.length() - "/checkMemberGroups".length());
            java.util.Set<String> of = memberships.getOrDefault(user, java.util.Set.of());
            StringBuilder value = new StringBuilder();
            for (String group : of) {
                if (seen.body().contains("\"" + group + "\"")) {
                    value.append(value.length() == 0 ? "" : ",").append('"').append(group).append('"');
                }
            }
            return Answer.json(200, "{\"value\":[" + value + "]}");
        }
        return Answer.json(404, "{\"error\":{\"code\":\"notFound\"}}");
    }

    public String origin() {
        return server.origin().toString();
    }

    public Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put(GraphSettings.TENANT_ID, TENANT);
        env.put(GraphSettings.CLIENT_ID, CLIENT);
        env.put(GraphSettings.CLIENT_SECRET, "not-a-real-secret");
        env.put(GraphSettings.AUTHORITY_HOST, origin());
        env.put(GraphSettings.ENDPOINT, origin());
        return env;
    }

    public SignInClient client(Map<String, String> env) throws IOException {
        GraphSettings settings = GraphSettings.fromEnv(env).orElseThrow();
        var tls = TlsStandIn.clientTls();
        return new SignInClient(settings.endpoint(), new GraphHttp(settings.endpoint(),
                new MsalGraphTokens(settings, tls.getSocketFactory()), tls, sleeper));
    }

    public SignInClient client() throws IOException {
        return client(env());
    }

    public List<Seen> graphRequests() {
        return server.seen.stream().filter(s -> s.uri().getPath().startsWith("/v1.0/")).toList();
    }

    public List<Seen> tokenRequests() {
        return server.seen.stream().filter(s -> s.uri().getPath().endsWith("/token")).toList();
    }

    /** A test resource, with {@code {{ORIGIN}}} replaced by this stand-in's origin. */
    public Answer file(int status, String name) {
        try (InputStream in = GraphStandIn.class.getResourceAsStream("/signins/" + name)) {
            return Answer.json(status, new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("{{ORIGIN}}", origin()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** "$filter" value, plus " &skip=" and the skip token when there is one. */
    private static String query(String raw) {
        String filter = "";
        String skip = "";
        for (String pair : raw == null ? new String[0] : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            if (key.equals("$filter")) {
                filter = value;
            } else if (key.equals("$skiptoken")) {
                skip = " &skip=" + value;
            }
        }
        return filter + skip;
    }

    @Override
    public void close() {
        server.close();
    }
}
