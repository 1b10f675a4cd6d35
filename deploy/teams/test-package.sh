#!/usr/bin/env bash
# Tests package.sh, the manifest and the icons. Needs bash, coreutils and python3 (zip is optional: both the
# zip path and the Python fallback are exercised). Writes only to a temporary directory.
#
#   deploy/teams/test-package.sh
#
# Ends with "N passed, N failed"; exits 0 only when nothing failed.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
pkg="$here/package.sh"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

BOT="6731de76-14a6-49ae-97bc-6eba6914391e"
HOST="aadsts-bot.contoso.com"
passed=0
failed=0

ok() { passed=$((passed + 1)); echo "ok   $*"; }
fail() { failed=$((failed + 1)); echo "FAIL $*"; }

if ! command -v python3 >/dev/null 2>&1; then
    echo "test-package.sh: python3 is required" >&2
    exit 1
fi

# check_zip ZIP NAME EXPECTED_APP_ID: the archive holds exactly the three files at its root, the manifest parses,
# and every placeholder got its value.
check_zip() {
    local zip="$1" name="$2" app_id="$3"
    local dir="$tmp/unpacked-$name"
    if python3 - "$zip" "$dir" <<'PY'
import sys, zipfile
names = sorted(zipfile.ZipFile(sys.argv[1]).namelist())
if names != ["color.png", "manifest.json", "outline.png"]:
    sys.exit("archive holds %r" % names)
zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])
PY
    then ok "$name: zip has exactly manifest.json, color.png, outline.png at its root"
    else fail "$name: zip contents"; return; fi

    if python3 -m json.tool "$dir/manifest.json" > /dev/null; then ok "$name: manifest.json parses"
    else fail "$name: manifest.json does not parse"; return; fi

    if grep -q -F '${{' "$dir/manifest.json"; then fail "$name: a \${{...}} placeholder is left"
    else ok "$name: no placeholder left"; fi

    if python3 - "$dir/manifest.json" "$BOT" "$HOST" "$app_id" <<'PY'
import json, sys
m = json.load(open(sys.argv[1], encoding="utf-8"))
bot, host, app_id = sys.argv[2], sys.argv[3], sys.argv[4]
checks = {
    "id": m["id"] == app_id,
    "bots[0].botId": m["bots"][0]["botId"] == bot,
    "composeExtensions[0].botId": m["composeExtensions"][0]["botId"] == bot,
    "webApplicationInfo.id": m["webApplicationInfo"]["id"] == bot,
    "webApplicationInfo.resource": m["webApplicationInfo"]["resource"] == "api://botid-" + bot,
    "validDomains": m["validDomains"] == [host],
    "developer links": all(m["developer"][k].startswith("https://" + host + "/")
                           for k in ("websiteUrl", "privacyUrl", "termsOfUseUrl")),
}
bad = [k for k, good in checks.items() if not good]
if bad:
    sys.exit("wrong: " + ", ".join(bad))
PY
    then ok "$name: id, botId (bots, composeExtensions, webApplicationInfo), resource, validDomains, links"
    else fail "$name: substituted values"; fi
}

# expect_exit2 LABEL [NAME=VALUE...] [-- ARGS...]: package.sh, run with only those variables set and those
# arguments, refuses the input with exit code 2 and says why on standard error.
expect_exit2() {
    local label="$1"; shift
    local vars=() args=()
    while [ $# -gt 0 ] && [ "$1" != "--" ]; do vars+=("$1"); shift; done
    [ $# -gt 0 ] && shift
    args=("$@")
    local rc=0
    env -u BOT_ID -u BOT_DOMAIN -u TEAMS_APP_ID -u APP_VERSION "${vars[@]}" OUT_DIR="$tmp/refused" \
        bash "$pkg" "${args[@]}" > "$tmp/out" 2> "$tmp/err" || rc=$?
    if [ "$rc" -eq 2 ] && [ -s "$tmp/err" ] && [ ! -e "$tmp/refused/aadsts-bot-teams.zip" ]; then
        ok "refuses $label (exit 2: $(head -n 1 "$tmp/err"))"
    else
        fail "$label: expected exit 2 with a message, got $rc"
    fi
}

# --- the normal build, through environment variables, with upper-case input normalised
app_id_of() {
    python3 -c 'import json,sys,zipfile; print(json.loads(zipfile.ZipFile(sys.argv[1]).read("manifest.json"))["id"])' "$1"
}

out="$(env -u TEAMS_APP_ID -u APP_VERSION BOT_ID="${BOT^^}" BOT_DOMAIN="${HOST^^}" OUT_DIR="$tmp/a" bash "$pkg")" || {
    fail "package.sh failed on good input"
    echo "${passed} passed, ${failed} failed"
    exit 1
}
if [ "$out" = "$tmp/a/aadsts-bot-teams.zip" ] && [ -f "$out" ]; then ok "prints the zip's path"
else fail "printed '$out'"; fi
derived="$(app_id_of "$out")"
check_zip "$out" env "$derived"

# --- the derived app id is a GUID and stable for the same bot, different for another bot
if [[ "$derived" =~ ^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$ ]] && [ "$derived" != "$BOT" ]
then ok "default TEAMS_APP_ID is a name-based GUID ($derived)"
else fail "default TEAMS_APP_ID '$derived'"; fi
again="$(env -u TEAMS_APP_ID -u APP_VERSION bash "$pkg" --bot-id "$BOT" --bot-domain "$HOST" --out "$tmp/b")"
again_id="$(app_id_of "$again")"
other="$(env -u TEAMS_APP_ID -u APP_VERSION bash "$pkg" --bot-id 11111111-2222-3333-4444-555555555555 \
    --bot-domain "$HOST" --out "$tmp/c")"
other_id="$(app_id_of "$other")"
if [ "$again_id" = "$derived" ] && [ "$other_id" != "$derived" ]; then ok "default TEAMS_APP_ID is stable per bot"
else fail "default TEAMS_APP_ID: $derived / $again_id / $other_id"; fi

# --- options, an explicit app id and a version
APP="0f0e0d0c-0b0a-4909-8807-060504030201"
out="$(env -u BOT_ID -u BOT_DOMAIN bash "$pkg" --bot-id "$BOT" --bot-domain "$HOST" --teams-app-id "$APP" \
    --app-version 1.2.3 --out "$tmp/d")"
check_zip "$out" options "$APP"
version="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["version"])' "$tmp/unpacked-options/manifest.json")"
if [ "$version" = "1.2.3" ]; then ok "--app-version sets the manifest version"; else fail "version is '$version'"; fi

# --- the Python fallback when zip is not installed: a PATH holding only what package.sh needs
fake="$tmp/nozip-bin"
mkdir -p "$fake"
for tool in bash env dirname sed tr sha1sum cut mktemp rm grep cp mkdir cat head; do
    p="$(command -v "$tool" || true)"
    if [ -n "$p" ]; then ln -sf "$p" "$fake/$tool"; fi
done
# The real interpreter, not a version manager's shim that needs the manager on PATH.
ln -sf "$(python3 -c 'import sys; print(sys.executable)')" "$fake/python3"
if out="$(env -u TEAMS_APP_ID -u APP_VERSION PATH="$fake" BOT_ID="$BOT" BOT_DOMAIN="$HOST" OUT_DIR="$tmp/e" \
    "$fake/bash" "$pkg")"; then
    check_zip "$out" python-zipfile "$derived"
else
    fail "python-zipfile: package.sh failed without zip on PATH"
fi

# --- bad input exits 2
expect_exit2 "a missing BOT_ID" BOT_DOMAIN="$HOST"
expect_exit2 "a BOT_ID that is not a GUID" BOT_ID="not-a-guid" BOT_DOMAIN="$HOST"
expect_exit2 "a BOT_ID with braces" BOT_ID="{$BOT}" BOT_DOMAIN="$HOST"
expect_exit2 "a missing BOT_DOMAIN" BOT_ID="$BOT"
expect_exit2 "a BOT_DOMAIN with a scheme" BOT_ID="$BOT" BOT_DOMAIN="https://$HOST"
expect_exit2 "a BOT_DOMAIN with a path" BOT_ID="$BOT" BOT_DOMAIN="$HOST/api/messages"
expect_exit2 "a BOT_DOMAIN with a port" BOT_ID="$BOT" BOT_DOMAIN="$HOST:443"
expect_exit2 "a BOT_DOMAIN that is one label" BOT_ID="$BOT" BOT_DOMAIN="localhost"
expect_exit2 "a BOT_DOMAIN with a space" BOT_ID="$BOT" BOT_DOMAIN="bot contoso.com"
expect_exit2 "a BOT_DOMAIN with a quote" BOT_ID="$BOT" BOT_DOMAIN='bot".contoso.com'
expect_exit2 "a TEAMS_APP_ID that is not a GUID" BOT_ID="$BOT" BOT_DOMAIN="$HOST" TEAMS_APP_ID="abc"
expect_exit2 "an APP_VERSION that is not x.y.z" BOT_ID="$BOT" BOT_DOMAIN="$HOST" APP_VERSION="v2"
expect_exit2 "an unknown argument" BOT_ID="$BOT" BOT_DOMAIN="$HOST" -- --frobnicate
expect_exit2 "an option without its value" BOT_ID="$BOT" -- --bot-domain
expect_exit2 "a bad --bot-id option" BOT_DOMAIN="$HOST" -- --bot-id 12345

# --- the icons: sizes, the outline's colours, and the generator reproduces the committed files exactly
if python3 - "$here/color.png" "$here/outline.png" <<'PY'
import struct, sys, zlib

def read(path):
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", path + " is not a PNG"
    pos, idat = 8, b""
    while pos < len(data):
        n = struct.unpack(">I", data[pos:pos + 4])[0]
        kind, body = data[pos + 4:pos + 8], data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            w, h, depth, ctype = struct.unpack(">IIBB", body[:10])
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
    return w, h, depth, ctype, zlib.decompress(idat)

w, h, depth, ctype, _ = read(sys.argv[1])
assert (w, h, depth, ctype) == (192, 192, 8, 6), "color.png is %dx%d depth %d type %d" % (w, h, depth, ctype)
w, h, depth, ctype, raw = read(sys.argv[2])
assert (w, h, depth, ctype) == (32, 32, 8, 6), "outline.png is %dx%d depth %d type %d" % (w, h, depth, ctype)
stride = 1 + 4 * w
alphas = []
for y in range(h):
    assert raw[y * stride] == 0, "outline.png: unexpected scanline filter"
    row = raw[y * stride + 1:(y + 1) * stride]
    for x in range(w):
        r, g, b, a = row[4 * x:4 * x + 4]
        assert (r, g, b) == (255, 255, 255), "outline.png: pixel %d,%d is not white" % (x, y)
        alphas.append(a)
assert alphas[0] == 0 and alphas[-1] == 0, "outline.png: corners must be transparent"
assert any(a == 255 for a in alphas), "outline.png: nothing is drawn"
PY
then ok "color.png is 192x192 RGBA; outline.png is 32x32, white on transparent"
else fail "icons"; fi

python3 "$here/make-icons.py" "$tmp/icons" > /dev/null
if cmp -s "$tmp/icons/color.png" "$here/color.png" && cmp -s "$tmp/icons/outline.png" "$here/outline.png"; then
    ok "make-icons.py reproduces the committed icons byte for byte"
else
    fail "make-icons.py output differs from the committed icons (re-run it and commit the result)"
fi

echo "${passed} passed, ${failed} failed"
[ "$failed" -eq 0 ]
