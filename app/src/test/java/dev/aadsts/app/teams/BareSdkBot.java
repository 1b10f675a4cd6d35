package dev.aadsts.app.teams;

import com.microsoft.bot.builder.ActivityHandler;
import com.microsoft.bot.builder.InvokeResponse;
import com.microsoft.bot.connector.authentication.AuthenticationException;
import com.microsoft.bot.integration.BotFrameworkHttpAdapter;
import com.microsoft.bot.integration.Configuration;
import com.microsoft.bot.schema.Activity;
import com.microsoft.bot.schema.Serialization;
import dev.aadsts.app.server.BotServer;
import dev.aadsts.app.server.ServerConfig;
import dev.aadsts.core.BotCore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletionException;

/**
 * The Teams load run's baseline: the Bot Framework SDK's own minimal bot, an {@link ActivityHandler} that answers
 * nothing, on the SDK's HTTP adapter with its own token check (the same {@code MicrosoftAppId} and
 * {@code BotOpenIdMetadata} as ours, so it validates the same signed tokens against the same local keys). It is
 * hosted on our Jetty server, as ours is, and runs each turn on the request thread, as the SDK's samples do.
 */
public final class BareSdkBot {
    private BareSdkBot() {
    }

    /** Run by {@link TeamsLoad} in its own JVM: {@code PORT}, {@code MicrosoftAppId}, ... come from the environment. */
    public static void main(String[] args) throws Exception {
        Map<String, String> env = System.getenv();
        BotFrameworkHttpAdapter adapter = new BotFrameworkHttpAdapter(configuration(env));
        ActivityHandler bot = new ActivityHandler();
        BotServer server = BotServer.start(ServerConfig.fromEnvironment(env, false), BotCore.load(), s ->
                s.mount("POST", "/api/messages", exchange -> {
                    int status;
                    try {
                        Activity activity = Serialization.treeToValue(Serialization.jsonToTree(
                                new String(exchange.body(), StandardCharsets.UTF_8)), Activity.class);
                        InvokeResponse invoke = adapter.processIncomingActivity(exchange.header("Authorization"),
                                activity, bot).join();
                        status = invoke == null ? 200 : invoke.getStatus();
                    } catch (IOException | IllegalArgumentException e) {
                        status = 400;
                    } catch (CompletionException e) {
                        status = e.getCause() instanceof AuthenticationException ? 401 : 500;
                    }
                    exchange.send(status, "text/plain", new byte[0]);
                }));
        server.awaitStop();
    }

    /** The SDK reads these names itself; BotOpenIdMetadata points its key discovery at the local stand-in. */
    private static Configuration configuration(Map<String, String> env) {
        Properties p = new Properties();
        for (String name : new String[] {"MicrosoftAppId", "MicrosoftAppPassword", "BotOpenIdMetadata"}) {
            if (env.get(name) != null) {
                p.setProperty(name, env.get(name));
            }
        }
        return new Configuration() {
            @Override
            public String getProperty(String key) {
                return p.getProperty(key);
            }

            @Override
            public Properties getProperties() {
                return p;
            }

            @Override
            public String[] getProperties(String key) {
                String v = p.getProperty(key);
                return v == null ? null : v.split(",");
            }
        };
    }
}
