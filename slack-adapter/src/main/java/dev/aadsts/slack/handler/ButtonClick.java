package dev.aadsts.slack.handler;

import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;

/** The parts of a button click the handlers read, null when Slack left them out. */
record ButtonClick(String value, String channel, String user, String team, String responseUrl, boolean inView) {

    static ButtonClick of(BlockActionPayload p) {
        String value = p.getActions() == null || p.getActions().isEmpty() ? null : p.getActions().get(0).getValue();
        return new ButtonClick(value,
                p.getChannel() == null ? null : p.getChannel().getId(),
                p.getUser() == null ? null : p.getUser().getId(),
                p.getTeam() == null ? null : p.getTeam().getId(),
                p.getResponseUrl(),
                p.getView() != null && "home".equals(p.getView().getType()));
    }
}
