package dev.aadsts.app.load;

import java.net.http.HttpRequest;
import java.util.function.Supplier;

/**
 * One request of a load run. {@code replyKey} names the reply it should cause at the platform stand-in, or is null
 * when none should come; {@code resend} builds the request again as the platform would re-send a refused one.
 */
public record LoadEvent(HttpRequest request, Supplier<HttpRequest> resend, String replyKey) {
}
