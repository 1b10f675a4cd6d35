package dev.aadsts.core.link;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Links that are about one AADSTS code, for previews under a shared link: Microsoft's lookup
 * ({@code https://login.microsoftonline.com/error?code=50011}) and Learn pages whose address names a code
 * ({@code learn.microsoft.com/…/error-code-aadsts50011-…} or an {@code #aadsts50011} anchor).
 */
public final class ErrorLinks {
    /** The domains a chat platform must be told to send us links for. */
    public static final List<String> DOMAINS = List.of("login.microsoftonline.com", "learn.microsoft.com");

    private static final Pattern CODE_PARAM = Pattern.compile("(?:^|&)code=(\\d{1,10})(?:&|$)");
    private static final Pattern CODE_IN_PATH = Pattern.compile("aadsts-?(\\d{4,10})(?!\\d)");

    private ErrorLinks() {
    }

    /** The code a link is about; empty for any other link, or a link that is not a URL at all. */
    public static Optional<String> codeOf(String url) {
        if (url == null || url.length() > 2048) {
            return Optional.empty();
        }
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            return Optional.empty();
        }
        if (host.equals("login.microsoftonline.com")) {
            String path = uri.getPath() == null ? "" : uri.getPath().toLowerCase(Locale.ROOT);
            Matcher code = CODE_PARAM.matcher(uri.getRawQuery() == null ? "" : uri.getRawQuery());
            return path.equals("/error") && code.find() ? Optional.of(code.group(1)) : Optional.empty();
        }
        if (host.equals("learn.microsoft.com")) {
            String where = ((uri.getPath() == null ? "" : uri.getPath()) + "#"
                    + (uri.getFragment() == null ? "" : uri.getFragment())).toLowerCase(Locale.ROOT);
            Matcher code = CODE_IN_PATH.matcher(where);
            return code.find() ? Optional.of(code.group(1)) : Optional.empty();
        }
        return Optional.empty();
    }
}
