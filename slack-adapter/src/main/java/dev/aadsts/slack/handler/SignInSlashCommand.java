package dev.aadsts.slack.handler;

import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import com.slack.api.bolt.response.Response;
import dev.aadsts.slack.SlackSignIns;
import dev.aadsts.slack.SlackWork;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code /aadsts signin <id>}: acknowledged at once (a Graph lookup takes longer than Slack waits), answered
 * privately by {@link SlackSignIns}. Every other {@code /aadsts} text goes to the command's own handler.
 */
public final class SignInSlashCommand implements com.slack.api.bolt.handler.builtin.SlashCommandHandler {
    /** "signin <id>", the id shaped like a GUID, so "/aadsts sign-in failed" still searches the catalog. */
    private static final Pattern SIGNIN = Pattern.compile(
            "(?is)\\s*sign-?in(?:\\s+(\\{?[0-9a-f]{8}-[0-9a-f-]{20,30}\\}?))?\\s*");

    private final SlackSignIns signIns;
    private final SlackWork work;
    private final com.slack.api.bolt.handler.builtin.SlashCommandHandler others;

    public SignInSlashCommand(SlackSignIns signIns, SlackWork work,
            com.slack.api.bolt.handler.builtin.SlashCommandHandler others) {
        this.signIns = signIns;
        this.work = work;
        this.others = others;
    }

    @Override
    public Response apply(SlashCommandRequest req, SlashCommandContext ctx) throws java.io.IOException, com.slack.api.methods.SlackApiException {
        String text = req.getPayload().getText() == null ? "" : req.getPayload().getText();
        Matcher m = SIGNIN.matcher(text);
        if (!m.matches()) {
            return others.apply(req, ctx);
        }
        if (m.group(1) == null || m.group(1).isEmpty()) {
            return ctx.ack("Usage: /aadsts signin <correlation id or request id>");
        }
        String user = req.getPayload().getUserId();
        String channel = req.getPayload().getChannelId();
        String id = m.group(1).replaceAll("[{}]", "");
        String responseUrl = req.getPayload().getResponseUrl();
        work.submit(() -> signIns.investigate(user, id, channel, null, responseUrl));
        if (!signIns.on()) {
            return ctx.ack();
        }
        return ctx.ack("Looking up that sign-in; the answer comes to you privately.");
    }
}
