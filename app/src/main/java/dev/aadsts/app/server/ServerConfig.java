package dev.aadsts.app.server;

import java.net.InetSocketAddress;
import java.util.Map;

/**
 * Where the server listens. Without a platform that must call in (Slack in HTTP mode) there is nobody
 * outside this machine to talk to, so it binds to loopback only; {@code BIND_ADDRESS} overrides that.
 */
public record ServerConfig(String host, int port) {
    public static final int DEFAULT_PORT = 3978;
    static final String LOOPBACK = "127.0.0.1";
    static final String ANY = "0.0.0.0";

    public static ServerConfig fromEnvironment(Map<String, String> env) {
        return fromEnvironment(env, false);
    }

    /** @param inbound whether a configured platform needs to reach the server from other machines */
    public static ServerConfig fromEnvironment(Map<String, String> env, boolean inbound) {
        String portText = env.getOrDefault("PORT", "").strip();
        int port = DEFAULT_PORT;
        if (!portText.isEmpty()) {
            try {
                port = Integer.parseInt(portText);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("PORT must be a number from 0 to 65535, not '" + portText + "'");
            }
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("PORT must be a number from 0 to 65535, not '" + portText + "'");
            }
        }
        String host = env.getOrDefault("BIND_ADDRESS", "").strip();
        return new ServerConfig(!host.isEmpty() ? host : inbound ? ANY : LOOPBACK, port);
    }

    InetSocketAddress address() {
        return new InetSocketAddress(host, port);
    }

    /** Whether only this machine can connect. */
    public boolean loopbackOnly() {
        return LOOPBACK.equals(host) || "localhost".equals(host) || "::1".equals(host);
    }

    public String describe() {
        return host + ":" + port;
    }
}
