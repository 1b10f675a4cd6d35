package dev.aadsts.slack.install;

import com.slack.api.bolt.model.Bot;
import com.slack.api.bolt.model.Installer;
import com.slack.api.bolt.service.InstallationService;
import com.slack.api.token_rotation.RefreshedToken;
import com.slack.api.token_rotation.TokenRotationException;
import com.slack.api.token_rotation.TokenRotator;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Token rotation in one place: whoever looks up a bot or an installer (Bolt's authorization for a request,
 * or an alert posted outside any request) gets tokens that are good for a while yet. A token within
 * {@code refreshBeforeMillis} of expiring is refreshed with its refresh token ({@code oauth.v2.access},
 * {@code grant_type=refresh_token}) and the new pair saved before it is handed out; one refresh per
 * workspace at a time in this process, and Bolt's own check then finds nothing left to do.
 */
public final class RotatingInstallationService implements InstallationService {
    private static final Logger LOG = LoggerFactory.getLogger(RotatingInstallationService.class);

    private final InstallationService stored;
    private final TokenRotator rotator;
    private final ConcurrentHashMap<String, Object> locks = new ConcurrentHashMap<>();

    public RotatingInstallationService(InstallationService stored, TokenRotator rotator) {
        this.stored = stored;
        this.rotator = rotator;
    }

    @Override
    public Bot findBot(String enterpriseId, String teamId) {
        Bot bot = stored.findBot(enterpriseId, teamId);
        if (bot == null || !due(bot.getBotRefreshToken(), bot.getBotTokenExpiresAt())) {
            return bot;
        }
        synchronized (lock("bot", bot.getEnterpriseId(), bot.getTeamId(), null)) {
            // Another thread may have refreshed it while this one waited.
            bot = stored.findBot(enterpriseId, teamId);
            if (bot == null || !due(bot.getBotRefreshToken(), bot.getBotTokenExpiresAt())) {
                return bot;
            }
            Optional<RefreshedToken> fresh = refresh("bot of " + where(bot.getEnterpriseId(), bot.getTeamId()),
                    bot.getBotAccessToken(), bot.getBotRefreshToken(), bot.getBotTokenExpiresAt());
            if (fresh.isPresent()) {
                bot.setBotAccessToken(fresh.get().getAccessToken());
                bot.setBotRefreshToken(fresh.get().getRefreshToken());
                bot.setBotTokenExpiresAt(fresh.get().getExpiresAt());
                saveQuietly(bot);
            }
            return bot;
        }
    }

    @Override
    public Installer findInstaller(String enterpriseId, String teamId, String userId) {
        Installer installer = stored.findInstaller(enterpriseId, teamId, userId);
        if (installer == null || !(due(installer.getInstallerUserRefreshToken(), installer.getInstallerUserTokenExpiresAt())
                || due(installer.getBotRefreshToken(), installer.getBotTokenExpiresAt()))) {
            return installer;
        }
        synchronized (lock("installer", installer.getEnterpriseId(), installer.getTeamId(), userId)) {
            installer = stored.findInstaller(enterpriseId, teamId, userId);
            if (installer == null) {
                return null;
            }
            String where = where(installer.getEnterpriseId(), installer.getTeamId());
            boolean changed = false;
            if (due(installer.getInstallerUserRefreshToken(), installer.getInstallerUserTokenExpiresAt())) {
                Optional<RefreshedToken> fresh = refresh("user token of " + userId + " in " + where,
                        installer.getInstallerUserAccessToken(), installer.getInstallerUserRefreshToken(),
                        installer.getInstallerUserTokenExpiresAt());
                if (fresh.isPresent()) {
                    installer.setInstallerUserAccessToken(fresh.get().getAccessToken());
                    installer.setInstallerUserRefreshToken(fresh.get().getRefreshToken());
                    installer.setInstallerUserTokenExpiresAt(fresh.get().getExpiresAt());
                    changed = true;
                }
            }
            if (due(installer.getBotRefreshToken(), installer.getBotTokenExpiresAt())) {
                Optional<RefreshedToken> fresh = refresh("bot of " + where, installer.getBotAccessToken(),
                        installer.getBotRefreshToken(), installer.getBotTokenExpiresAt());
                if (fresh.isPresent()) {
                    installer.setBotAccessToken(fresh.get().getAccessToken());
                    installer.setBotRefreshToken(fresh.get().getRefreshToken());
                    installer.setBotTokenExpiresAt(fresh.get().getExpiresAt());
                    changed = true;
                }
            }
            if (changed) {
                try {
                    stored.saveInstallerAndBot(installer);
                } catch (Exception e) {
                    LOG.error("refreshed Slack tokens for {} could not be saved: {}", where, e.getMessage());
                }
            }
            return installer;
        }
    }

    private boolean due(String refreshToken, Long expiresAt) {
        return refreshToken != null && expiresAt != null
                && expiresAt <= System.currentTimeMillis() + rotator.getMillisecondsBeforeExpiration();
    }

    /** The new token, or empty when Slack would not refresh it (logged; the old token is used while it lasts). */
    private Optional<RefreshedToken> refresh(String what, String accessToken, String refreshToken, Long expiresAt) {
        try {
            Optional<RefreshedToken> fresh = rotator.performTokenRotation(r -> r.accessToken(accessToken)
                    .refreshToken(refreshToken).expiresAt(expiresAt));
            fresh.ifPresent(t -> LOG.info("Slack token rotated for the {}", what));
            return fresh;
        } catch (TokenRotationException e) {
            LOG.warn("Slack token rotation failed for the {}: {}", what, e.getMessage());
            return Optional.empty();
        }
    }

    private void saveQuietly(Bot bot) {
        try {
            stored.saveBot(bot);
        } catch (Exception e) {
            LOG.error("a refreshed Slack bot token for {} could not be saved: {}",
                    where(bot.getEnterpriseId(), bot.getTeamId()), e.getMessage());
        }
    }

    private Object lock(String kind, String enterpriseId, String teamId, String userId) {
        return locks.computeIfAbsent(kind + "|" + enterpriseId + "|" + teamId + "|" + userId, k -> new Object());
    }

    private static String where(String enterpriseId, String teamId) {
        return new Workspace(enterpriseId, teamId).describe();
    }

    // The rest is storage, passed through.

    @Override
    public boolean isHistoricalDataEnabled() {
        return stored.isHistoricalDataEnabled();
    }

    @Override
    public void setHistoricalDataEnabled(boolean enabled) {
        stored.setHistoricalDataEnabled(enabled);
    }

    @Override
    public void saveInstallerAndBot(Installer installer) throws Exception {
        stored.saveInstallerAndBot(installer);
    }

    @Override
    public void saveBot(Bot bot) throws Exception {
        stored.saveBot(bot);
    }

    @Override
    public void deleteBot(Bot bot) throws Exception {
        stored.deleteBot(bot);
    }

    @Override
    public void deleteInstaller(Installer installer) throws Exception {
        stored.deleteInstaller(installer);
    }

    @Override
    public void deleteAll(String enterpriseId, String teamId) {
        stored.deleteAll(enterpriseId, teamId);
    }
}
