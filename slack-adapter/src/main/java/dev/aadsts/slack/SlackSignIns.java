package dev.aadsts.slack;

import com.slack.api.app_backend.interactive_components.response.ActionResponse;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.methods.response.conversations.ConversationsOpenResponse;
import com.slack.api.methods.response.usergroups.users.UsergroupsUsersListResponse;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.BlockCompositions;
import dev.aadsts.signin.investigate.AnswerSink;
import dev.aadsts.signin.investigate.CachedMembership;
import dev.aadsts.signin.investigate.GroupMembership;
import dev.aadsts.signin.investigate.InvestigationAnswer;
import dev.aadsts.signin.investigate.SignInInvestigations;
import dev.aadsts.slack.install.Workspace;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Sign-in investigations in Slack. The answer goes to the asker in a direct message (conversations.open,
 * then chat.postMessage), because a DM can be updated when the record arrives and an ephemeral message
 * cannot be reached once its response URL expires; the channel gets an ephemeral pointer. "Share redacted"
 * in the DM posts the masked version in the thread the card was in.
 */
public final class SlackSignIns {
    public static final String SHARE_ACTION = SlackSignInBlocks.SHARE_ACTION;
    private static final String OFF = "The sign-in lookup is not set up in this workspace. An administrator can "
            + "turn it on (GRAPH_* and SIGNIN_SLACK_* settings).";

    private final SlackPoster poster;
    private final SlackSignInBlocks blocks = new SlackSignInBlocks();
    private volatile SignInInvestigations investigations;

    SlackSignIns(SlackPoster poster) {
        this.poster = poster;
    }

    void use(SignInInvestigations investigations) {
        this.investigations = investigations;
    }

    public boolean on() {
        return investigations != null;
    }

    /**
     * A click on "Investigate this sign-in" or {@code /aadsts signin <id>}; runs on a worker thread.
     *
     * @param channel     where the card or command was, so a share can go there; null when unknown
     * @param thread      the thread a share joins; null for the channel itself
     * @param responseUrl for the ephemeral pointer or refusal in the channel
     */
    public void investigate(String user, String id, String channel, String thread, String responseUrl) {
        SignInInvestigations flow = investigations;
        if (flow == null) {
            ephemeral(responseUrl, OFF);
            return;
        }
        flow.investigate("slack", user, id, new DirectMessage(user, channel, thread, responseUrl));
    }

    /** "Share redacted" under a private answer: {@code value} names where and what (see {@link #shareValue}). */
    public void share(String user, String value, String responseUrl) {
        SignInInvestigations flow = investigations;
        String[] parts = value == null ? new String[0] : value.split("\\|", -1);
        if (flow == null || parts.length != 3 || !parts[0].matches("[CG][A-Z0-9]{2,30}")
                || !parts[1].matches("(\\d{1,12}\\.\\d{1,9})?")) {
            ephemeral(responseUrl, flow == null ? OFF : "That button is not valid any more.");
            return;
        }
        String channel = parts[0];
        String thread = parts[1].isEmpty() ? null : parts[1];
        InvestigationAnswer answer = flow.share("slack", user, parts[2]);
        if (!answer.shareable()) {
            ephemeral(responseUrl, answer.message());
            return;
        }
        List<LayoutBlock> rendered = new ArrayList<>(blocks.render(answer, null));
        if (SlackReplies.isUserId(user)) {
            rendered.add(0, com.slack.api.model.block.Blocks.context(c -> c.elements(List.of(
                    BlockCompositions.markdownText("Shared by <@" + user + ">")))));
        }
        String fallback = blocks.fallback(answer);
        ChatPostMessageResponse posted = poster.send("redacted sign-in in " + channel, c -> c.chatPostMessage(r -> r
                .channel(channel).threadTs(thread).text(fallback).blocks(rendered).unfurlLinks(false)
                .unfurlMedia(false)));
        ephemeral(responseUrl, posted == null ? "Slack did not take the shared answer; is the bot in that channel?"
                : "Shared a redacted version in the thread.");
    }

    /** Members of Slack user groups, through usergroups.users.list, remembered for a few minutes. */
    public GroupMembership userGroups() {
        return new CachedMembership(this::inAnyGroup, Clock.systemUTC(), CachedMembership.DEFAULT_TTL);
    }

    private boolean inAnyGroup(String user, Set<String> groups) {
        for (String group : groups) {
            UsergroupsUsersListResponse members = poster.send("user group members",
                    c -> c.usergroupsUsersList(r -> r.usergroup(group)));
            if (members == null) {
                throw new IllegalStateException("Slack did not list the user group's members");
            }
            if (members.getUsers() != null && members.getUsers().contains(user)) {
                return true;
            }
        }
        return false;
    }

    static String shareValue(String channel, String thread, String id) {
        return channel + "|" + (thread == null ? "" : thread) + "|" + id;
    }

    private void ephemeral(String responseUrl, String text) {
        if (responseUrl != null) {
            poster.respond("sign-in note", responseUrl, ActionResponse.builder().responseType("ephemeral")
                    .replaceOriginal(false).text(Mrkdwn.escape(text)).build());
        }
    }

    /** The asker's DM with the bot: the first answer is posted there, later ones replace it. */
    private final class DirectMessage implements AnswerSink {
        private final String user;
        private final String channel;
        private final String thread;
        private final String responseUrl;
        /** Updates come from a poll thread, long after the request: they go out with the asker's workspace token. */
        private final Workspace workspace = Workspace.current();
        private volatile String dm;
        private volatile String ts;

        DirectMessage(String user, String channel, String thread, String responseUrl) {
            this.user = user;
            this.channel = channel;
            this.thread = thread;
            this.responseUrl = responseUrl;
        }

        @Override
        public boolean first(InvestigationAnswer answer) {
            if (answer.kind() == InvestigationAnswer.Kind.DENIED || answer.id() == null) {
                // A refusal or a bad id: said where they asked, and nothing more to update.
                ephemeral(responseUrl, answer.message());
                return true;
            }
            ConversationsOpenResponse open = poster.send("opening a DM",
                    c -> c.conversationsOpen(r -> r.users(List.of(user))));
            if (open == null || open.getChannel() == null) {
                ephemeral(responseUrl, "I could not open a direct message with you; check that the app may "
                        + "message you (App Home > Messages tab), then ask again.");
                return false;
            }
            dm = open.getChannel().getId();
            List<LayoutBlock> rendered = blocks.render(answer, shareFor(answer));
            String fallback = blocks.fallback(answer);
            ChatPostMessageResponse posted = poster.send("sign-in answer in a DM", c -> c.chatPostMessage(r -> r
                    .channel(dm).text(fallback).blocks(rendered).unfurlLinks(false).unfurlMedia(false)));
            if (posted == null) {
                return false;
            }
            ts = posted.getTs();
            if (responseUrl != null && channel != null && !channel.equals(dm)) {
                ephemeral(responseUrl, "I sent you what I found about this sign-in in a direct message.");
            }
            return true;
        }

        @Override
        public void update(InvestigationAnswer answer) {
            if (dm == null || ts == null) {
                return;
            }
            List<LayoutBlock> rendered = blocks.render(answer, shareFor(answer));
            String fallback = blocks.fallback(answer);
            poster.sendForResult(workspace, "sign-in update in a DM", c -> c.chatUpdate(r -> r.channel(dm).ts(ts)
                    .text(fallback).blocks(rendered)));
        }

        private String shareFor(InvestigationAnswer answer) {
            return answer.shareable() && channel != null && !channel.startsWith("D")
                    ? shareValue(channel, thread, answer.id()) : null;
        }
    }
}
