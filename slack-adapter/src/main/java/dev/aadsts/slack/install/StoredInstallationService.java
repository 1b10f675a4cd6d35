package dev.aadsts.slack.install;

import com.slack.api.bolt.model.Bot;
import com.slack.api.bolt.model.Installer;
import com.slack.api.bolt.model.builtin.DefaultBot;
import com.slack.api.bolt.model.builtin.DefaultInstaller;
import com.slack.api.bolt.service.InstallationService;
import com.slack.api.bolt.util.JsonOps;
import dev.aadsts.core.store.SlackInstallations;
import dev.aadsts.core.store.SlackInstallations.Installation;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bolt's installation store on ours: each bot and installer is kept as Bolt's own JSON record, sealed with
 * {@link TokenSeal} (bot, user and refresh tokens are all inside), under its enterprise, team and user ids.
 * Only the latest install of each workspace is kept.
 */
public final class StoredInstallationService implements InstallationService {
    private static final Logger LOG = LoggerFactory.getLogger(StoredInstallationService.class);

    private final SlackInstallations rows;
    private final TokenSeal seal;

    public StoredInstallationService(SlackInstallations rows, TokenSeal seal) {
        this.rows = rows;
        this.seal = seal;
    }

    @Override
    public boolean isHistoricalDataEnabled() {
        return false;
    }

    @Override
    public void setHistoricalDataEnabled(boolean enabled) {
        if (enabled) {
            throw new UnsupportedOperationException("only the latest install of each workspace is kept");
        }
    }

    @Override
    public void saveInstallerAndBot(Installer installer) {
        if (installer.getInstallerUserId() != null) {
            String team = teamKey(installer.getTeamId(), installer.getIsEnterpriseInstall());
            rows.saveInstaller(new Installation(installer.getEnterpriseId(), team, installer.getInstallerUserId(),
                    isTrue(installer.getIsEnterpriseInstall()), installedAt(installer.getInstalledAt()),
                    seal.seal(JsonOps.toJsonString(installer),
                            installerContext(installer.getEnterpriseId(), team, installer.getInstallerUserId()))));
        }
        saveBot(installer.toBot());
    }

    @Override
    public void saveBot(Bot bot) {
        String team = teamKey(bot.getTeamId(), bot.getIsEnterpriseInstall());
        rows.saveBot(new Installation(bot.getEnterpriseId(), team, null, isTrue(bot.getIsEnterpriseInstall()),
                installedAt(bot.getInstalledAt()),
                seal.seal(JsonOps.toJsonString(bot), botContext(bot.getEnterpriseId(), team))));
    }

    @Override
    public void deleteBot(Bot bot) {
        rows.deleteBot(bot.getEnterpriseId(), teamKey(bot.getTeamId(), bot.getIsEnterpriseInstall()));
    }

    @Override
    public void deleteInstaller(Installer installer) {
        rows.deleteInstaller(installer.getEnterpriseId(),
                teamKey(installer.getTeamId(), installer.getIsEnterpriseInstall()), installer.getInstallerUserId());
    }

    @Override
    public void deleteAll(String enterpriseId, String teamId) {
        rows.deleteAll(enterpriseId, teamId);
    }

    /**
     * An org-wide install answers for every workspace of its organization, so it is looked for first; then the
     * workspace's own install; then one made before the workspace joined an organization (no enterprise id).
     */
    @Override
    public Bot findBot(String enterpriseId, String teamId) {
        Optional<Installation> row = Optional.empty();
        if (enterpriseId != null) {
            row = rows.bot(enterpriseId, null);
        }
        if (row.isEmpty() && teamId != null) {
            row = rows.bot(enterpriseId, teamId);
        }
        if (row.isEmpty() && enterpriseId != null && teamId != null) {
            row = rows.bot(null, teamId);
        }
        return row.map(r -> opened(r, botContext(r.enterpriseId(), r.teamId()), DefaultBot.class)).orElse(null);
    }

    @Override
    public Installer findInstaller(String enterpriseId, String teamId, String userId) {
        if (userId == null) {
            return null;
        }
        Optional<Installation> row = Optional.empty();
        if (enterpriseId != null) {
            row = rows.installer(enterpriseId, null, userId);
        }
        if (row.isEmpty() && teamId != null) {
            row = rows.installer(enterpriseId, teamId, userId);
        }
        if (row.isEmpty() && enterpriseId != null && teamId != null) {
            row = rows.installer(null, teamId, userId);
        }
        return row.map(r -> opened(r, installerContext(r.enterpriseId(), r.teamId(), r.userId()),
                DefaultInstaller.class)).orElse(null);
    }

    /**
     * The record, or null when it does not open: SLACK_STATE_KEY was changed (or the row altered). The workspace
     * then counts as not installed until someone installs the app there again; said loudly every time.
     */
    private <T> T opened(Installation row, String context, Class<T> type) {
        try {
            return JsonOps.fromJson(seal.open(row.sealed(), context), type);
        } catch (TokenSeal.SealBrokenException e) {
            LOG.error("Slack install of {} cannot be read: {}; install the app there again",
                    new Workspace(row.enterpriseId(), row.teamId()).describe(), e.getMessage());
            return null;
        }
    }

    /** An org-wide install is keyed by its organization alone, whatever team id Bolt carries with it. */
    private static String teamKey(String teamId, Boolean enterpriseInstall) {
        return isTrue(enterpriseInstall) ? null : teamId;
    }

    private static boolean isTrue(Boolean b) {
        return Boolean.TRUE.equals(b);
    }

    private static Instant installedAt(Long millis) {
        return millis == null ? Instant.now() : Instant.ofEpochMilli(millis);
    }

    // Bound into each seal, so a record copied into another row does not open there.
    private static String botContext(String enterpriseId, String teamId) {
        return "slack-bot|" + nz(enterpriseId) + "|" + nz(teamId);
    }

    private static String installerContext(String enterpriseId, String teamId, String userId) {
        return "slack-installer|" + nz(enterpriseId) + "|" + nz(teamId) + "|" + userId;
    }

    private static String nz(String id) {
        return id == null ? "" : id;
    }
}
