package dev.aadsts.slack.handler;

import com.slack.api.app_backend.events.payload.Authorization;
import com.slack.api.app_backend.events.payload.EventsApiPayload;
import com.slack.api.bolt.context.builtin.EventContext;
import com.slack.api.bolt.handler.BoltEventHandler;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.service.InstallationService;
import com.slack.api.model.event.AppUninstalledEvent;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The app was removed from a workspace or an organization: its bot and every user grant there are forgotten.
 * Done before the acknowledgement (a few deletes), so a failure gets a 500 and Slack sends the event again.
 */
public final class AppUninstalledHandler implements BoltEventHandler<AppUninstalledEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(AppUninstalledHandler.class);

    private final InstallationService installations;

    public AppUninstalledHandler(InstallationService installations) {
        this.installations = installations;
    }

    @Override
    public Response apply(EventsApiPayload<AppUninstalledEvent> payload, EventContext ctx) {
        // Bolt reads these from the event's authorization (top-level ids only when it has none); an org-wide
        // install's authorization carries its organization and no team, which is how that install is kept.
        String enterpriseId = ctx.getEnterpriseId();
        String teamId = ctx.getTeamId();
        boolean orgWide = orgWide(payload);
        installations.deleteAll(enterpriseId, orgWide ? null : teamId);
        if (orgWide && teamId != null) {
            installations.deleteAll(enterpriseId, teamId);
        }
        LOG.info("Slack app uninstalled from {}; its tokens are deleted", where(enterpriseId, teamId, orgWide));
        return ctx.ack();
    }

    static boolean orgWide(EventsApiPayload<?> payload) {
        List<Authorization> authorizations = payload.getAuthorizations();
        return authorizations != null && !authorizations.isEmpty()
                && Boolean.TRUE.equals(authorizations.get(0).getIsEnterpriseInstall());
    }

    static String where(String enterpriseId, String teamId, boolean orgWide) {
        if (orgWide || teamId == null) {
            return "organization " + enterpriseId;
        }
        return enterpriseId == null ? "workspace " + teamId : "workspace " + teamId + " of " + enterpriseId;
    }
}
