package dev.aadsts.teams;

import dev.aadsts.core.reply.SendOutcome;

/**
 * What a queued reply's failure without an HTTP answer means. The bot's own token failing is told apart from the
 * connector being unreachable (see {@link OutboundTokenFailure}): a refused secret is not asked again and again,
 * an outage of the token endpoint is retried like a network fault.
 */
final class ConnectorFaults {
    private ConnectorFaults() {
    }

    static SendOutcome outcome(Throwable error) {
        OutboundTokenFailure token = OutboundTokenFailure.find(error);
        if (token == null) {
            return SendOutcome.retry(-1, "connector unreachable (" + error.getClass().getSimpleName() + ")");
        }
        return token.retryable() ? SendOutcome.retry(-1, token.describe()) : SendOutcome.refused(token.describe());
    }
}
