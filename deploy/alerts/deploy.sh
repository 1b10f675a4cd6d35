#!/usr/bin/env bash
# Deploys the recommended sign-in failure alert (signin-alert-rule.json) into a resource group with the Azure CLI.
#
#   RESOURCE_GROUP=rg-identity-logs \
#   WORKSPACE_ID=/subscriptions/<sub>/resourceGroups/<rg>/providers/Microsoft.OperationalInsights/workspaces/<name> \
#   BOT_HOST=aadsts-bot.contoso.com ALERTS_TOKEN=<the bot's ALERTS_TOKEN> \
#   deploy/alerts/deploy.sh [--what-if | --dry-run]
#
# RESOURCE_GROUP      required  where the rule and its action group go (usually the workspace's resource group)
# WORKSPACE_ID        required  resource ID of the Log Analytics workspace that receives SigninLogs
# BOT_HOST            required  the bot's public host name (https://<BOT_HOST>/api/alerts is called) ...
# ALERTS_TOKEN        required  ... with the bot's ALERTS_TOKEN, made of URL-safe characters (A-Z a-z 0-9 . _ ~ -)
# ALERTS_WEBHOOK_URL  optional  the whole webhook URL instead of BOT_HOST and ALERTS_TOKEN (https, with ?token=)
# THRESHOLD           optional  alert when a code has more failures than this in 5 minutes (default 0)
# LOCATION            optional  region of the rule (default: the resource group's)
#
# --what-if  ask Azure what would change, without changing anything
# --dry-run  check the input and print the az command (token masked), without calling Azure
#
# The webhook URL travels in a temporary parameters file (mode 600), not on the command line.
# Exit codes: 0 done, 2 bad input (message on standard error), other: what az returned.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
template="$here/signin-alert-rule.json"

usage() {
    sed -n '2,22p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
}

bad() {
    echo "deploy.sh: $*" >&2
    echo "Run 'deploy/alerts/deploy.sh --help' for usage." >&2
    exit 2
}

mode=create
while [ $# -gt 0 ]; do
    case "$1" in
        --what-if) mode=what-if; shift ;;
        --dry-run) mode=dry-run; shift ;;
        -h|--help) usage; exit 0 ;;
        *) bad "unknown argument '$1'" ;;
    esac
done

RESOURCE_GROUP="${RESOURCE_GROUP:-}"
WORKSPACE_ID="${WORKSPACE_ID:-}"
BOT_HOST="${BOT_HOST:-}"
ALERTS_TOKEN="${ALERTS_TOKEN:-}"
ALERTS_WEBHOOK_URL="${ALERTS_WEBHOOK_URL:-}"
THRESHOLD="${THRESHOLD:-}"
LOCATION="${LOCATION:-}"

[ -n "$RESOURCE_GROUP" ] || bad "RESOURCE_GROUP is required"
if ! [[ "$RESOURCE_GROUP" =~ ^[-A-Za-z0-9._()]{1,90}$ ]] || [[ "$RESOURCE_GROUP" == *. ]]; then
    bad "RESOURCE_GROUP '$RESOURCE_GROUP' is not a valid resource group name"
fi

[ -n "$WORKSPACE_ID" ] || bad "WORKSPACE_ID is required: az monitor log-analytics workspace show -g <rg> -n <name> --query id -o tsv"
guid='[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}'
ws_re="^/subscriptions/${guid}/resource[Gg]roups/[-A-Za-z0-9._()]+/providers/[Mm]icrosoft\.[Oo]perational[Ii]nsights/workspaces/[-A-Za-z0-9]+$"
[[ "$WORKSPACE_ID" =~ $ws_re ]] \
    || bad "WORKSPACE_ID must be a Log Analytics workspace resource ID (/subscriptions/<guid>/resourceGroups/<rg>/providers/Microsoft.OperationalInsights/workspaces/<name>)"

if [ -n "$ALERTS_WEBHOOK_URL" ]; then
    if [ -n "$BOT_HOST" ] || [ -n "$ALERTS_TOKEN" ]; then
        bad "give either ALERTS_WEBHOOK_URL or BOT_HOST with ALERTS_TOKEN, not both"
    fi
    url="$ALERTS_WEBHOOK_URL"
else
    [ -n "$BOT_HOST" ] || bad "BOT_HOST is required (or ALERTS_WEBHOOK_URL): the bot's public host name, e.g. aadsts-bot.contoso.com"
    case "$BOT_HOST" in
        *://*|*/*) bad "BOT_HOST must be a host name only, without https:// or a path" ;;
    esac
    host_re='^([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(:[0-9]{1,5})?$'
    [[ "$BOT_HOST" =~ $host_re ]] || bad "BOT_HOST '$BOT_HOST' is not a host name"
    [ -n "$ALERTS_TOKEN" ] || bad "ALERTS_TOKEN is required: the same value the bot runs with"
    [[ "$ALERTS_TOKEN" =~ ^[A-Za-z0-9._~-]+$ ]] \
        || bad "ALERTS_TOKEN must use URL-safe characters only (A-Z a-z 0-9 . _ ~ -), e.g. from: openssl rand -hex 32"
    url="https://$BOT_HOST/api/alerts?token=$ALERTS_TOKEN"
fi
case "$url" in
    *'"'*|*'\'*) bad "the webhook URL must not contain quotes or backslashes" ;;
esac
[[ "$url" =~ ^[[:graph:]]+$ ]] || bad "the webhook URL must not contain spaces or control characters"
[[ "$url" =~ ^https://[^/?#]+/api/alerts\?(.*\&)?token=[^\&]+ ]] \
    || bad "the webhook URL must be https://<host>/api/alerts?token=<token> (the action group proves itself to the bot with that token)"
if [ "${#ALERTS_TOKEN}" -gt 0 ] && [ "${#ALERTS_TOKEN}" -lt 24 ]; then
    echo "deploy.sh: warning: ALERTS_TOKEN is short (${#ALERTS_TOKEN} characters); use 32 or more random ones" >&2
fi

if [ -n "$THRESHOLD" ] && ! [[ "$THRESHOLD" =~ ^[0-9]{1,9}$ ]]; then
    bad "THRESHOLD must be a whole number of failures (0 or more), not '$THRESHOLD'"
fi
if [ -n "$LOCATION" ] && ! [[ "$LOCATION" =~ ^[a-z0-9]+$ ]]; then
    bad "LOCATION must be an Azure region name such as westeurope, not '$LOCATION'"
fi

[ -f "$template" ] || { echo "deploy.sh: $template is missing" >&2; exit 1; }

params="$(umask 077 && mktemp)"
trap 'rm -f "$params"' EXIT
write_parameters() {
    # The values were validated above: none holds a quote, backslash or control character.
    printf '{\n  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#",\n'
    printf '  "contentVersion": "1.0.0.0",\n  "parameters": {\n'
    printf '    "workspaceResourceId": { "value": "%s" },\n' "$WORKSPACE_ID"
    [ -z "$THRESHOLD" ] || printf '    "threshold": { "value": %s },\n' "$((10#$THRESHOLD))"
    [ -z "$LOCATION" ] || printf '    "location": { "value": "%s" },\n' "$LOCATION"
    printf '    "alertsWebhookUrl": { "value": "%s" }\n  }\n}\n' "$url"
}
write_parameters > "$params"

cmd=(az deployment group create
     --resource-group "$RESOURCE_GROUP"
     --name "aadsts-signin-alert-$(date -u +%Y%m%d%H%M%S)"
     --template-file "$template"
     --parameters "@$params")
[ "$mode" != what-if ] || cmd+=(--what-if)

if [ "$mode" = dry-run ]; then
    echo "Would run: ${cmd[*]}"
    echo "with parameters:"
    sed -E 's/(token=)[^"&]+/\1***/' "$params"
    exit 0
fi

command -v az >/dev/null 2>&1 || { echo "deploy.sh: the Azure CLI (az) is not installed" >&2; exit 1; }
"${cmd[@]}"
