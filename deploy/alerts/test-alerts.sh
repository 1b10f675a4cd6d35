#!/usr/bin/env bash
# Tests the alert files: check-templates.py (JSON, ARM against Bicep, the query, the samples) and deploy.sh's
# input checks and az command line, with a stand-in for az that records what it was given. Needs bash and
# python3; calls nothing outside this machine. Ends with "N passed, N failed"; exits 0 only when nothing failed.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
passed=0
failed=0
ok() { passed=$((passed + 1)); echo "ok   $*"; }
fail() { failed=$((failed + 1)); echo "FAIL $*"; }

# --- check-templates.py, counted into this summary
summary="$(python3 "$here/check-templates.py" | tee "$tmp/templates.log" | tail -n 1)" || true
grep -v -E '^[0-9]+ passed, [0-9]+ failed$' "$tmp/templates.log"
if [[ "$summary" =~ ^([0-9]+)\ passed,\ ([0-9]+)\ failed$ ]]; then
    passed=$((passed + BASH_REMATCH[1]))
    failed=$((failed + BASH_REMATCH[2]))
else
    fail "check-templates.py did not finish"
fi

# --- deploy.sh against a stand-in az
WS="/subscriptions/3f1c9a52-7d4e-4b8a-9c61-2e5f0d8b7a14/resourceGroups/rg-identity-logs/providers/Microsoft.OperationalInsights/workspaces/law-contoso-identity"
TOKEN="4f9c2a7e1b8d3f6a0c5e9b2d7a4f1c8e"
mkdir -p "$tmp/bin"
cat > "$tmp/bin/az" <<'AZ'
#!/usr/bin/env bash
# Records its arguments, a copy of the parameters file and that file's mode.
printf '%s\n' "$@" > "$AZ_LOG/args"
for a in "$@"; do
    case "$a" in
        @*) cp "${a#@}" "$AZ_LOG/params.json"; stat -c '%a' "${a#@}" > "$AZ_LOG/mode" ;;
    esac
done
echo '{"properties": {"provisioningState": "Succeeded"}}'
AZ
chmod +x "$tmp/bin/az"

# run_deploy NAME=VALUE... [-- ARGS...]: deploy.sh with only those variables, the stand-in az first on PATH.
run_deploy() {
    local vars=() args=()
    while [ $# -gt 0 ] && [ "$1" != "--" ]; do vars+=("$1"); shift; done
    [ $# -gt 0 ] && shift
    args=("$@")
    rm -rf "$tmp/az" && mkdir -p "$tmp/az"
    env -u RESOURCE_GROUP -u WORKSPACE_ID -u BOT_HOST -u ALERTS_TOKEN -u ALERTS_WEBHOOK_URL -u THRESHOLD -u LOCATION \
        PATH="$tmp/bin:$PATH" AZ_LOG="$tmp/az" "${vars[@]}" bash "$here/deploy.sh" "${args[@]}" \
        > "$tmp/out" 2> "$tmp/err"
}

GOOD=(RESOURCE_GROUP=rg-identity-logs WORKSPACE_ID="$WS" BOT_HOST=aadsts-bot.contoso.com ALERTS_TOKEN="$TOKEN")

if run_deploy "${GOOD[@]}" THRESHOLD=3; then
    if python3 - "$tmp/az" "$here" "$WS" "$TOKEN" <<'PY'
import json, os, sys
log, here, ws, token = sys.argv[1:]
args = open(os.path.join(log, "args")).read().split("\n")
assert args[:3] == ["deployment", "group", "create"], args
opts = dict(zip(args[3::2], args[4::2]))
assert opts["--resource-group"] == "rg-identity-logs", opts
assert opts["--template-file"] == os.path.join(here, "signin-alert-rule.json"), opts
assert "--what-if" not in args
p = json.load(open(os.path.join(log, "params.json")))["parameters"]
assert p["workspaceResourceId"]["value"] == ws
assert p["alertsWebhookUrl"]["value"] == "https://aadsts-bot.contoso.com/api/alerts?token=" + token
assert p["threshold"]["value"] == 3 and "location" not in p
assert open(os.path.join(log, "mode")).read().strip() == "600"
template = json.load(open(os.path.join(here, "signin-alert-rule.json")))["parameters"]
assert set(p) <= set(template), set(p) - set(template)
PY
    then ok "deploy.sh calls az deployment group create with the template and a private parameters file"
    else fail "deploy.sh: az arguments or parameters"; fi
else
    fail "deploy.sh failed on good input: $(cat "$tmp/err")"
fi
params_file="$(sed -n 's/^@//p' "$tmp/az/args" 2>/dev/null || true)"
if [ -n "$params_file" ] && [ ! -e "$params_file" ]; then
    ok "deploy.sh removes its parameters file"
else
    fail "deploy.sh left its parameters file behind"
fi

if run_deploy "${GOOD[@]}" -- --what-if && grep -q -x -- "--what-if" "$tmp/az/args"; then
    ok "--what-if is passed to az"
else
    fail "--what-if"
fi

if run_deploy RESOURCE_GROUP=rg-identity-logs WORKSPACE_ID="$WS" LOCATION=westeurope \
        ALERTS_WEBHOOK_URL="https://bot.contoso.com/api/alerts?token=$TOKEN" \
    && python3 -c 'import json,sys; p=json.load(open(sys.argv[1]))["parameters"]; assert p["location"]["value"]=="westeurope"; assert p["alertsWebhookUrl"]["value"].endswith(sys.argv[2])' \
        "$tmp/az/params.json" "$TOKEN"; then
    ok "ALERTS_WEBHOOK_URL and LOCATION are passed through"
else
    fail "ALERTS_WEBHOOK_URL / LOCATION"
fi

if run_deploy "${GOOD[@]}" -- --dry-run && [ ! -e "$tmp/az/args" ] && grep -q "token=\*\*\*" "$tmp/out" \
        && ! grep -q "$TOKEN" "$tmp/out"; then
    ok "--dry-run prints the command with the token masked and does not call az"
else
    fail "--dry-run"
fi

expect_exit2() {
    local label="$1"; shift
    local rc=0
    run_deploy "$@" || rc=$?
    if [ "$rc" -eq 2 ] && [ -s "$tmp/err" ] && [ ! -e "$tmp/az/args" ]; then
        ok "refuses $label (exit 2: $(head -n 1 "$tmp/err"))"
    else
        fail "$label: expected exit 2 without calling az, got $rc"
    fi
}
expect_exit2 "a missing RESOURCE_GROUP" WORKSPACE_ID="$WS" BOT_HOST=aadsts-bot.contoso.com ALERTS_TOKEN="$TOKEN"
expect_exit2 "a missing WORKSPACE_ID" RESOURCE_GROUP=rg BOT_HOST=aadsts-bot.contoso.com ALERTS_TOKEN="$TOKEN"
expect_exit2 "a WORKSPACE_ID of another resource type" RESOURCE_GROUP=rg BOT_HOST=aadsts-bot.contoso.com \
    ALERTS_TOKEN="$TOKEN" WORKSPACE_ID="/subscriptions/3f1c9a52-7d4e-4b8a-9c61-2e5f0d8b7a14/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/logs"
expect_exit2 "a missing BOT_HOST" RESOURCE_GROUP=rg WORKSPACE_ID="$WS" ALERTS_TOKEN="$TOKEN"
expect_exit2 "a BOT_HOST with a scheme" RESOURCE_GROUP=rg WORKSPACE_ID="$WS" BOT_HOST=https://bot.contoso.com \
    ALERTS_TOKEN="$TOKEN"
expect_exit2 "a missing ALERTS_TOKEN" RESOURCE_GROUP=rg WORKSPACE_ID="$WS" BOT_HOST=aadsts-bot.contoso.com
expect_exit2 "an ALERTS_TOKEN that needs URL encoding" RESOURCE_GROUP=rg WORKSPACE_ID="$WS" \
    BOT_HOST=aadsts-bot.contoso.com ALERTS_TOKEN="a&b=c"
expect_exit2 "both ALERTS_WEBHOOK_URL and BOT_HOST" "${GOOD[@]}" \
    ALERTS_WEBHOOK_URL="https://bot.contoso.com/api/alerts?token=$TOKEN"
expect_exit2 "an http:// webhook URL" RESOURCE_GROUP=rg WORKSPACE_ID="$WS" \
    ALERTS_WEBHOOK_URL="http://bot.contoso.com/api/alerts?token=$TOKEN"
expect_exit2 "a webhook URL without a token" RESOURCE_GROUP=rg WORKSPACE_ID="$WS" \
    ALERTS_WEBHOOK_URL="https://bot.contoso.com/api/alerts"
expect_exit2 "a webhook URL with a quote" RESOURCE_GROUP=rg WORKSPACE_ID="$WS" \
    ALERTS_WEBHOOK_URL="https://bot.contoso.com/api/alerts?token=ab\"cd"
expect_exit2 "a negative THRESHOLD" "${GOOD[@]}" THRESHOLD=-1
expect_exit2 "a THRESHOLD that is not a number" "${GOOD[@]}" THRESHOLD=many
expect_exit2 "an unknown argument" "${GOOD[@]}" -- --yes

echo "${passed} passed, ${failed} failed"
[ "$failed" -eq 0 ]
