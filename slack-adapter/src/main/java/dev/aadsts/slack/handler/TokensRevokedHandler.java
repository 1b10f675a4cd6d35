package dev.aadsts.slack.handler;

import com.slack.api.app_backend.events.payload.EventsApiPayload;
import com.slack.api.bolt.context.builtin.EventContext;
import com.slack.api.bolt.handler.BoltEventHandler;
import com.slack.api.bolt.model.Bot;
import com.slack.api.bolt.model.Installer;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.service.InstallationService;
import com.slack.api.model.event.TokensRevokedEvent;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tokens were revoked: the user grants it names ({@code tokens.oauth}, user ids) are forgotten, and the bot of
 * that workspace or organization when {@code tokens.bot} names one. Nothing else is touched. Done before the
 * acknowledgement, so a failure gets a 500 and Slack sends the event again.
 */
public final class TokensRevokedHandler implements BoltEventHandler<TokensRevokedEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(TokensRevokedHandler.class);

    private final InstallationService installations;

    public TokensRevokedHandler(InstallationService installations) {
        this.installations = installations;
    }

    @Override
    public Response apply(EventsApiPayload<TokensRevokedEvent> payload, EventContext ctx) {
        // This event has no authorizations: Bolt takes the top-level ids, and the lookups below try the
        // organization's own install first, as for any other event.
        String enterpriseId = ctx.getEnterpriseId();
        String teamId = ctx.getTeamId();
        TokensRevokedEvent.Tokens tokens = payload.getEvent() == null ? null : payload.getEvent().getTokens();
        if (tokens == null) {
            return ctx.ack();
        }
        int users = 0;
        boolean bot = false;
        try {
            for (String userId : nonNull(tokens.getOauth())) {
                Installer installer = installations.findInstaller(enterpriseId, teamId, userId);
                if (installer != null) {
                    installations.deleteInstaller(installer);
                    users++;
                }
            }
            if (!nonNull(tokens.getBot()).isEmpty()) {
                Bot found = installations.findBot(enterpriseId, teamId);
                if (found != null) {
                    installations.deleteBot(found);
                    bot = true;
                }
            }
        } catch (Exception e) {
            LOG.error("revoked Slack tokens could not be deleted (Slack will send the event again): {}",
                    e.getMessage());
            return Response.builder().statusCode(500).build();
        }
        LOG.info("Slack tokens revoked in {}: {} user grant(s){} deleted",
                AppUninstalledHandler.where(enterpriseId, teamId, false), users,
                bot ? " and the bot token" : "");
        return ctx.ack();
    }

    private static List<String> nonNull(List<String> ids) {
        return ids == null ? List.of() : ids;
    }
}
