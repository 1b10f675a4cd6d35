package dev.aadsts.slack.install;

import com.slack.api.bolt.model.Bot;
import com.slack.api.bolt.service.InstallationService;

/** Which bot token answers in a workspace: the one token in single-workspace mode, the installed one otherwise. */
@FunctionalInterface
public interface BotTokens {

    /** The token to call the Web API with for {@code workspace} (null when unknown); null when not installed there. */
    String botToken(Workspace workspace);

    /** Single-workspace mode ({@code SLACK_BOT_TOKEN}): every call uses the same token. */
    static BotTokens single(String token) {
        return workspace -> token;
    }

    /** Distribution mode: the bot installed in the workspace (or its organization), refreshed when due. */
    static BotTokens installed(InstallationService installations) {
        return workspace -> {
            if (workspace == null) {
                return null;
            }
            Bot bot = installations.findBot(workspace.enterpriseId(), workspace.teamId());
            return bot == null ? null : bot.getBotAccessToken();
        };
    }
}
