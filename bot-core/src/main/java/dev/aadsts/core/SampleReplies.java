package dev.aadsts.core;

import dev.aadsts.core.card.ActionGroup;
import dev.aadsts.core.card.Card;
import dev.aadsts.core.card.CardAction;
import dev.aadsts.core.command.Reply;
import dev.aadsts.knowledge.Link;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * One reply of every kind the bot sends, made from fixed pastes through the real router: what the card
 * render check (scripts/card-render) draws for Slack and Teams. Platform-only cards (Teams' welcome, the
 * alert cards) are added by each adapter's sample writer.
 */
public final class SampleReplies {
    /** A redirect URI mismatch as a browser shows it, with every id a ticket needs. */
    public static final String ONE_CODE = "AADSTS50011: The redirect URI 'https://app.contoso.com/signin-oidc' "
            + "specified in the request does not match the redirect URIs configured for the application "
            + "'11112222-3333-4444-5555-666677778888'. Make sure the redirect URI sent in the request matches one "
            + "added to your application in the Azure portal.\n"
            + "Trace ID: 0b5a3f2e-1111-2222-3333-444455556666\n"
            + "Correlation ID: 9c1d2e3f-aaaa-bbbb-cccc-ddddeeeeffff\n"
            + "Timestamp: 2026-11-20 10:11:12Z";

    /** Seven codes from one log, joined by semicolons, one trace id for the lot. */
    public static final String SEVEN_CODES = "AADSTS50011: The redirect URI 'https://app.contoso.com/cb' specified in "
            + "the request does not match; AADSTS90002: Tenant 'contoso' not found. Check to make sure you have the "
            + "correct tenant ID; AADSTS50126: Error validating credentials due to invalid username or password. "
            + "user: alice@contoso.com; AADSTS700016: Application with identifier 'my-app' was not found in the "
            + "directory; AADSTS50058: A silent sign-in request was sent but no user is signed in; AADSTS7000215: "
            + "Invalid client secret provided; AADSTS65001: The user or administrator has not consented to use the "
            + "application. Trace ID: 0b5a3f2e-1111-2222-3333-444455556666";

    public static final String THREE_CODES = "AADSTS50076: Due to a configuration change made by your administrator, "
            + "you must use multi-factor authentication.\n"
            + "AADSTS50053: The account is locked because the user tried to sign in too many times.\n"
            + "AADSTS700082: The refresh token has expired due to inactivity.";

    public static final String WITH_SECRET = "client_secret=Xyz8Q~SuperSecretValue0123456789abcdefgh\n"
            + "AADSTS7000215: Invalid client secret provided.\nAADSTS7000222: The provided client secret keys are "
            + "expired.";

    /** A reply to draw, and the name its files get. */
    public record Sample(String name, Reply reply) {
    }

    private SampleReplies() {
    }

    public static List<Sample> all(BotCore core) {
        List<Sample> samples = new ArrayList<>();
        samples.add(new Sample("explain-full", core.router().handle(ONE_CODE)));
        samples.add(new Sample("explain-compact", core.router().paste(ONE_CODE)));
        samples.add(new Sample("several-compact", core.router().paste(SEVEN_CODES)));
        samples.add(new Sample("several-full", core.router().handle(THREE_CODES)));
        samples.add(new Sample("secret-compact", core.router().paste(WITH_SECRET)));
        samples.add(new Sample("unknown-code", core.router().handle("AADSTS9999999: Something brand new failed.")));
        samples.add(new Sample("sourced-compact", sourced(core, true)));
        samples.add(new Sample("sourced-full", sourced(core, false)));
        samples.add(new Sample("search", core.router().handle("search expired secret")));
        samples.add(new Sample("help", core.router().help()));
        samples.add(new Sample("nothing-found", core.router().handle("search zzzz qqqq")));
        return samples;
    }

    /**
     * A card whose entry names its sources and review date, with a feedback row at its end, as entries and
     * cards will have them (the catalog is being sourced entry by entry).
     */
    private static Reply sourced(BotCore core, boolean compact) {
        Reply reply = core.router().handle("AADSTS7000222: The provided client secret keys for app "
                + "'11112222-3333-4444-5555-666677778888' are expired.");
        Card c = reply.cards().get(0);
        Card sourced = new Card(c.code(), c.known(), c.name(), c.title(), c.summary(), c.audience(), c.category(),
                c.retryable(), c.causes(), c.fixes(), c.collect(), c.scenario(), c.facts(), c.links(), c.actions(),
                c.warnings(), List.of(
                        new Link("Add and manage application credentials",
                                "https://learn.microsoft.com/en-us/entra/identity-platform/how-to-add-credentials"),
                        new Link("Microsoft identity platform error codes",
                                "https://learn.microsoft.com/en-us/entra/identity-platform/reference-error-codes")),
                LocalDate.of(2026, 11, 20), List.of(), null)
                .withExtraActions(new ActionGroup("feedback", List.of(
                        new CardAction(CardAction.Kind.SUBMIT, "Helpful", "up"),
                        new CardAction(CardAction.Kind.SUBMIT, "Not helpful", "down"))));
        Reply one = reply.withCards(List.of(sourced), List.of());
        return compact ? one.compacted() : one;
    }
}
