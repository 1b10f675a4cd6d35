package dev.aadsts.core.detect;

/** How a code was recognised in the text; prefix-less shapes are only trusted where Entra uses them. */
public enum Shape {
    /** {@code AADSTS50011}, any case, optionally with one space: the form every Entra message uses. */
    PREFIXED,
    /** The {@code "error_codes":[50011]} array of a token endpoint's JSON error response. */
    ERROR_CODES_ARRAY,
    /** The sign-in page's troubleshooting block: {@code Error Code: 500121} beside Request/Correlation Id. */
    ERROR_PAGE,
    /** Microsoft's lookup link, {@code login.microsoftonline.com/error?code=50058}. */
    LOOKUP_LINK,
    /** Sign-in log records: {@code ResultType} / {@code resultType} columns and Graph {@code errorCode}. */
    SIGN_IN_LOG
}
