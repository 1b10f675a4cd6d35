package dev.aadsts.core.store;

import java.time.Instant;
import java.util.Optional;

/**
 * Where the Slack app is installed when it is distributed to many workspaces: one bot per workspace (or per
 * Enterprise Grid organization for an org-wide install), the users who installed it, and the OAuth
 * {@code state} values handed out and not yet used. Tokens are sealed by the caller before they get here;
 * the store keeps the sealed bytes and the keys it is looked up by, nothing it could use on its own.
 *
 * <p>An absent enterprise id (a workspace outside Enterprise Grid) or team id (an org-wide install) is
 * null here; lookups are by exact key, the caller decides which keys to try.
 */
public interface SlackInstallations {

    /** A bot install ({@code userId} null) or an installing user's grant; {@code sealed} holds the tokens. */
    record Installation(String enterpriseId, String teamId, String userId, boolean enterpriseInstall,
                        Instant installedAt, byte[] sealed) {
        public Installation {
            if (sealed == null || sealed.length == 0) {
                throw new IllegalArgumentException("an installation needs its sealed tokens");
            }
            if (installedAt == null) {
                throw new IllegalArgumentException("an installation needs its install time");
            }
        }
    }

    /** Inserts or replaces the bot of {@code bot.enterpriseId()} and {@code bot.teamId()}. */
    void saveBot(Installation bot);

    /** Inserts or replaces the grant of {@code installer.userId()} in its workspace or organization. */
    void saveInstaller(Installation installer);

    Optional<Installation> bot(String enterpriseId, String teamId);

    Optional<Installation> installer(String enterpriseId, String teamId, String userId);

    /** Forgets the bot of one workspace or organization; true when there was one. */
    boolean deleteBot(String enterpriseId, String teamId);

    /** Forgets one user's grant; true when there was one. */
    boolean deleteInstaller(String enterpriseId, String teamId, String userId);

    /** Forgets the bot and every user grant of one workspace or organization; how many rows went. */
    int deleteAll(String enterpriseId, String teamId);

    /** Remembers a {@code state} handed to a browser starting an install, until {@code expiresAt}. */
    void addState(String state, Instant expiresAt);

    /** Whether {@code state} was handed out and has not expired or been used by {@code now}. */
    boolean stateAvailable(String state, Instant now);

    /** Uses {@code state} up; true for exactly one caller, and only while it is live. */
    boolean consumeState(String state, Instant now);
}
