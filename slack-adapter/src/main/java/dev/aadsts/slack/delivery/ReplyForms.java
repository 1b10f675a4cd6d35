package dev.aadsts.slack.delivery;

import com.slack.api.methods.RequestFormBuilder;
import com.slack.api.methods.request.chat.ChatPostMessageRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import okhttp3.FormBody;
import okio.Buffer;

/**
 * A {@code chat.postMessage} request as the URL-encoded form the Slack SDK sends (its own encoder, so blocks
 * are serialised exactly as the SDK would). Stored as owed replies and posted as they are, without the token.
 */
public final class ReplyForms {
    private ReplyForms() {
    }

    public static String of(ChatPostMessageRequest request) {
        request.setToken(null);
        FormBody form = RequestFormBuilder.toForm(request).build();
        try (Buffer buffer = new Buffer()) {
            form.writeTo(buffer);
            return buffer.readUtf8();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // an in-memory buffer does not fail
        }
    }
}
