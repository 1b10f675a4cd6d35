package dev.aadsts.slack;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;

import com.slack.api.model.block.LayoutBlock;
import dev.aadsts.signin.investigate.InvestigationAnswer;
import dev.aadsts.signin.report.Masking;
import dev.aadsts.signin.report.Phrases;
import dev.aadsts.signin.report.SignInReport;
import java.util.ArrayList;
import java.util.List;

/**
 * A sign-in investigation as Block Kit: the cause first, then each record. Everything from a record came
 * from Graph, so it is escaped like user input; the bot's own messages are escaped all the same.
 */
final class SlackSignInBlocks {
    /** The "Share redacted" button under a private answer. */
    static final String SHARE_ACTION = "aadsts_signin_share";
    private static final int USUAL_CAUSES = 3;

    List<LayoutBlock> render(InvestigationAnswer answer, String shareValue) {
        List<LayoutBlock> blocks = new ArrayList<>();
        if (!answer.shareable()) {
            String icon = switch (answer.kind()) {
                case STILL_LOOKING -> ":hourglass_flowing_sand: ";
                case DENIED -> ":no_entry: ";
                case LICENSING, ERROR -> ":warning: ";
                default -> "";
            };
            blocks.add(section(s -> s.text(markdownText(Mrkdwn.fit(icon + Mrkdwn.escape(answer.message()),
                    BlockKitCards.MAX_TEXT)))));
            return blocks;
        }
        SignInReport report = answer.report();
        StringBuilder head = new StringBuilder("*Sign-in " + Mrkdwn.escape(report.lookedUpId()) + "*: ")
                .append(report.records().size() == 1 ? "1 record" : report.records().size() + " records, oldest first");
        if (report.cause() != null) {
            head.append("\n*What happened:* ").append(Mrkdwn.escape(report.cause()));
            List<String> usual = report.genericCauses();
            if (!usual.isEmpty()) {
                head.append("\n_Usual causes of this code:_");
                usual.subList(0, Math.min(USUAL_CAUSES, usual.size()))
                        .forEach(c -> head.append("\n• ").append(Mrkdwn.catalog(c)));
            }
        }
        String headText = head.toString();
        blocks.add(section(s -> s.text(markdownText(Mrkdwn.fit(headText, BlockKitCards.MAX_TEXT)))));
        int n = 1;
        for (SignInReport.Record r : report.records()) {
            // Room for the masking note and the share row.
            if (blocks.size() >= BlockKitCards.MAX_BLOCKS - 2) {
                break;
            }
            String text = record(n++, r);
            blocks.add(section(s -> s.text(markdownText(Mrkdwn.fit(text, BlockKitCards.MAX_TEXT)))));
        }
        if (report.masking() == Masking.SHARED) {
            blocks.add(context(c -> c.elements(List.of(markdownText(
                    "Redacted for sharing: user and IP address masked, names of people and devices left out.")))));
        }
        if (shareValue != null) {
            blocks.add(actions(a -> a.elements(List.of(button(b -> b.actionId(SHARE_ACTION).value(shareValue)
                    .text(plainText("Share redacted")))))));
        }
        return blocks;
    }

    String fallback(InvestigationAnswer answer) {
        if (!answer.shareable()) {
            return Mrkdwn.fit(Mrkdwn.escape(answer.message()), BlockKitCards.MAX_TEXT);
        }
        SignInReport report = answer.report();
        return Mrkdwn.escape("Sign-in " + report.lookedUpId() + ": " + report.records().size() + " record(s)"
                + (report.cause() == null ? "" : "; " + report.cause()));
    }

    private static String record(int n, SignInReport.Record r) {
        StringBuilder out = new StringBuilder();
        out.append('*').append(n).append(". ").append(Mrkdwn.escape(r.time() == null ? "(time unknown)" : r.time()))
                .append("* — ").append(r.errorCode() == 0 ? "success"
                        : "AADSTS" + r.errorCode() + " " + Mrkdwn.escape(r.errorTitle()));
        line(out, "Failure reason", r.failureReason());
        line(out, "User", Phrases.joined(r.user(), r.userDisplayName()));
        line(out, "Application", r.application());
        line(out, "Resource", r.resource());
        line(out, "Client app", Phrases.joined(r.clientApp(), r.protocol() == null ? null : "protocol " + r.protocol(),
                r.interactive() ? "interactive" : "non-interactive"));
        line(out, "Conditional Access", r.conditionalAccessStatus());
        for (SignInReport.Policy p : r.policies()) {
            out.append("\n    • ").append(Mrkdwn.escape(p.name())).append(": ").append(Mrkdwn.escape(p.result()));
            List<String> controls = p.failedControls().isEmpty() ? p.grantControls() : p.failedControls();
            if (!controls.isEmpty()) {
                out.append(p.failedControls().isEmpty() ? " (controls: " : " (*failed:* ")
                        .append(Mrkdwn.escape(String.join(", ", controls))).append(')');
            }
        }
        line(out, "Authentication", Phrases.joined(r.authenticationRequirement(),
                String.join("; ", r.authentication())));
        SignInReport.Device d = r.device();
        line(out, "Device", Phrases.joined(d.operatingSystem(), d.browser(), Phrases.flag("compliant", d.compliant()),
                Phrases.flag("managed", d.managed()), d.joinType(), d.name()));
        line(out, "Location", Phrases.joined(r.location(), r.ipAddress() == null ? null : "IP " + r.ipAddress()));
        line(out, "Risk", r.risk());
        line(out, "Request id", r.requestId());
        if (r.adminCenterLink() != null) {
            out.append('\n').append(Mrkdwn.link(r.adminCenterLink(), "Open in the Entra admin center"));
        }
        return out.toString();
    }

    private static void line(StringBuilder out, String label, String value) {
        if (value != null && !value.isBlank()) {
            out.append("\n*").append(label).append(":* ").append(Mrkdwn.escape(value));
        }
    }
}
