package dev.aadsts.core.alert;

/** The format names {@link ParsedAlerts#source()} and {@link ParsedAlert#source()} use. */
public final class AlertSources {
    /** Azure Monitor common alert schema, log search alert rules (API 2021-08-01 and later). */
    public static final String AZURE_MONITOR_LOG_V2 = "azure-monitor-log-v2";
    /** Azure Monitor common alert schema, older Log Analytics / Application Insights rules with result tables. */
    public static final String AZURE_MONITOR_LOG = "azure-monitor-log";
    /** Azure Monitor common alert schema, metric rules (static or dynamic thresholds). */
    public static final String AZURE_MONITOR_METRIC = "azure-monitor-metric";
    /** Azure Monitor common alert schema, activity log, service health and resource health rules. */
    public static final String AZURE_MONITOR_ACTIVITY_LOG = "azure-monitor-activity-log";
    /** Azure Monitor common alert schema from any other monitoring service (smart detection, budgets…). */
    public static final String AZURE_MONITOR = "azure-monitor";
    /** Microsoft Graph {@code signIn} objects, alone, in {@code {"value":[…]}} or in an array. */
    public static final String GRAPH_SIGNIN = "graph-signin";
    /** Log Analytics {@code SigninLogs} rows and diagnostic-setting sign-in records (Event Hub, Logic Apps). */
    public static final String SIGNIN_LOGS = "signin-logs";
    /** Any other JSON, scanned for codes. */
    public static final String JSON = "json";
    /** A body that is not JSON, scanned for codes. */
    public static final String TEXT = "text";

    private AlertSources() {
    }
}
