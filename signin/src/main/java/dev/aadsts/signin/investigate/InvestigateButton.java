package dev.aadsts.signin.investigate;

import dev.aadsts.core.card.ActionGroup;
import dev.aadsts.core.card.Card;
import dev.aadsts.core.card.CardAction;
import dev.aadsts.core.card.Fact;
import dev.aadsts.core.command.Reply;
import dev.aadsts.core.context.ContextField;
import dev.aadsts.signin.graph.SignInClient;
import java.util.List;
import java.util.Optional;

/**
 * "Investigate this sign-in" under a card whose paste carried a correlation id or a request (trace) id. The
 * button sends the id back: the correlation id when there is one (it finds every record of the sign-in
 * session), else the request id. Platforms add it only when the lookup is configured for them.
 */
public final class InvestigateButton {

    /** The row's id: Slack action ids start with it, Teams submits it as {@code action}. */
    public static final String ACTION = "aadsts_investigate";
    public static final String LABEL = "Investigate this sign-in";

    private InvestigateButton() {
    }

    /** The id a card's paste gives to look up, if any. */
    public static Optional<String> idOf(Card card) {
        Optional<String> correlation = fact(card, ContextField.CORRELATION_ID);
        return correlation.isPresent() ? correlation : fact(card, ContextField.TRACE_ID);
    }

    public static Card addTo(Card card) {
        return idOf(card).map(id -> card.withExtraActions(new ActionGroup(ACTION,
                List.of(CardAction.submit(LABEL, id))))).orElse(card);
    }

    public static Reply addTo(Reply reply) {
        if (reply.kind() != Reply.Kind.CARDS) {
            return reply;
        }
        return reply.withCards(reply.cards().stream().map(InvestigateButton::addTo).toList(), reply.omittedCodes());
    }

    private static Optional<String> fact(Card card, ContextField field) {
        return card.facts().stream().filter(f -> field.id().equals(f.id())).map(Fact::value)
                .map(String::trim).filter(v -> SignInClient.GUID.matcher(v).matches()).findFirst();
    }
}
