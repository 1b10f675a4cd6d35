#!/usr/bin/env bash
# Builds the Teams app package (a zip with manifest.json, color.png and outline.png at its root).
#
#   BOT_ID=<Microsoft App ID> BOT_DOMAIN=bot.contoso.com deploy/teams/package.sh
#   deploy/teams/package.sh --bot-id <guid> --bot-domain bot.contoso.com [--teams-app-id <guid>]
#                           [--app-version 1.0.1] [--out <dir>]
#
# BOT_ID        required  the Azure Bot's Microsoft App ID (a GUID): bots, composeExtensions, webApplicationInfo
# BOT_DOMAIN    required  host name of the bot's public endpoint, no scheme, port or path: validDomains and the
#                         developer links
# TEAMS_APP_ID  optional  the package's own id; by default a GUID derived from BOT_ID, so rebuilding for the same
#                         bot gives the same app and Teams treats an upload as an update, not a new app
# APP_VERSION   optional  overrides the manifest's version (x.y.z); raise it for every re-upload of a changed package
# OUT_DIR       optional  where the zip goes (default deploy/teams/build)
#
# Prints the zip's path. Exit codes: 0 built, 2 bad input (message on standard error), 1 anything else.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
zip_name="aadsts-bot-teams.zip"

usage() {
    sed -n '2,16p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
}

bad() {
    echo "package.sh: $*" >&2
    echo "Run 'deploy/teams/package.sh --help' for usage." >&2
    exit 2
}

BOT_ID="${BOT_ID:-}"
BOT_DOMAIN="${BOT_DOMAIN:-}"
TEAMS_APP_ID="${TEAMS_APP_ID:-}"
APP_VERSION="${APP_VERSION:-}"
OUT_DIR="${OUT_DIR:-$here/build}"

while [ $# -gt 0 ]; do
    case "$1" in
        --bot-id) [ $# -ge 2 ] || bad "--bot-id needs a value"; BOT_ID="$2"; shift 2 ;;
        --bot-domain) [ $# -ge 2 ] || bad "--bot-domain needs a value"; BOT_DOMAIN="$2"; shift 2 ;;
        --teams-app-id) [ $# -ge 2 ] || bad "--teams-app-id needs a value"; TEAMS_APP_ID="$2"; shift 2 ;;
        --app-version) [ $# -ge 2 ] || bad "--app-version needs a value"; APP_VERSION="$2"; shift 2 ;;
        --out) [ $# -ge 2 ] || bad "--out needs a value"; OUT_DIR="$2"; shift 2 ;;
        -h|--help) usage; exit 0 ;;
        *) bad "unknown argument '$1'" ;;
    esac
done

guid_re='^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$'
# One or more dot-separated labels of letters, digits and inner hyphens, at least two labels.
host_re='^([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$'

[ -n "$BOT_ID" ] || bad "BOT_ID is required: the Azure Bot's Microsoft App ID (Azure Bot > Configuration)"
[[ "$BOT_ID" =~ $guid_re ]] || bad "BOT_ID must be a GUID such as 00000000-0000-0000-0000-000000000000, not '$BOT_ID'"
BOT_ID="$(printf '%s' "$BOT_ID" | tr 'A-F' 'a-f')"

[ -n "$BOT_DOMAIN" ] || bad "BOT_DOMAIN is required: the host name of the bot's public endpoint, e.g. bot.contoso.com"
case "$BOT_DOMAIN" in
    *://*) bad "BOT_DOMAIN must be a host name only, without a scheme: drop the '${BOT_DOMAIN%%://*}://'" ;;
    */*) bad "BOT_DOMAIN must be a host name only, without a path: '$BOT_DOMAIN'" ;;
    *:*) bad "BOT_DOMAIN must be a host name only, without a port: '$BOT_DOMAIN'" ;;
esac
[ "${#BOT_DOMAIN}" -le 253 ] || bad "BOT_DOMAIN is longer than 253 characters"
[[ "$BOT_DOMAIN" =~ $host_re ]] || bad "BOT_DOMAIN must be a host name such as bot.contoso.com, not '$BOT_DOMAIN'"
BOT_DOMAIN="$(printf '%s' "$BOT_DOMAIN" | tr 'A-Z' 'a-z')"

if [ -z "$TEAMS_APP_ID" ]; then
    # Name-based: the first 128 bits of SHA-1 over a fixed prefix and the bot id, with the version nibble set
    # to 5 and the RFC 4122 variant bits, so the same bot always gets the same Teams app id.
    h="$(printf 'aadsts-bot teams app:%s' "$BOT_ID" | sha1sum | cut -c1-32)"
    variant="$(printf '%x' $(( (16#${h:16:1} & 3) | 8 )))"
    TEAMS_APP_ID="${h:0:8}-${h:8:4}-5${h:13:3}-${variant}${h:17:3}-${h:20:12}"
fi
[[ "$TEAMS_APP_ID" =~ $guid_re ]] || bad "TEAMS_APP_ID must be a GUID, not '$TEAMS_APP_ID'"
TEAMS_APP_ID="$(printf '%s' "$TEAMS_APP_ID" | tr 'A-F' 'a-f')"

if [ -n "$APP_VERSION" ] && ! [[ "$APP_VERSION" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]]; then
    bad "APP_VERSION must look like 1.0.1, not '$APP_VERSION'"
fi

for f in manifest.json color.png outline.png; do
    [ -f "$here/$f" ] || { echo "package.sh: $here/$f is missing (icons: python3 deploy/teams/make-icons.py)" >&2; exit 1; }
done

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# The values were validated above, so they hold no character that sed or JSON would treat specially.
sed -e "s/\${{TEAMS_APP_ID}}/$TEAMS_APP_ID/g" \
    -e "s/\${{BOT_ID}}/$BOT_ID/g" \
    -e "s/\${{BOT_DOMAIN}}/$BOT_DOMAIN/g" \
    "$here/manifest.json" > "$work/manifest.json"
if [ -n "$APP_VERSION" ]; then
    sed -e "s/^\(  \"version\": \)\"[^\"]*\"/\1\"$APP_VERSION\"/" "$work/manifest.json" > "$work/manifest.tmp"
    mv "$work/manifest.tmp" "$work/manifest.json"
fi
if grep -n -F '${{' "$work/manifest.json" >&2; then
    echo "package.sh: manifest.json still has an unfilled \${{...}} placeholder (lines above)" >&2
    exit 1
fi
if command -v python3 >/dev/null 2>&1; then
    python3 -m json.tool "$work/manifest.json" > /dev/null || { echo "package.sh: manifest.json is not valid JSON" >&2; exit 1; }
fi
cp "$here/color.png" "$here/outline.png" "$work/"

mkdir -p "$OUT_DIR"
out="$(cd "$OUT_DIR" && pwd)/$zip_name"
rm -f "$out"
if command -v zip >/dev/null 2>&1; then
    # -j: no folders in the archive; -X: no extra file attributes.
    (cd "$work" && zip -q -X -j "$out" manifest.json color.png outline.png)
elif command -v python3 >/dev/null 2>&1; then
    python3 - "$work" "$out" <<'PY'
import os, sys, zipfile
src, out = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
    for name in ("manifest.json", "color.png", "outline.png"):
        z.write(os.path.join(src, name), arcname=name)
PY
else
    echo "package.sh: needs either zip or python3 to build the archive" >&2
    exit 1
fi

echo "$out"
