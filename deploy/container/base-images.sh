#!/usr/bin/env bash
# Builds the local stand-in for the public base image (debian:bookworm-slim) from Debian packages, for
# machines that reach Debian's mirrors but no container registry, and prints its name. The tarball is
# cached under $AADSTS_IMAGE_CACHE (default /var/cache/aadsts-bot) so later runs on the same machine skip
# mmdebstrap; a fresh machine builds it once (a few minutes).
set -euo pipefail
cache="${AADSTS_IMAGE_CACHE:-/var/cache/aadsts-bot}"
image="localhost/aadsts-base:bookworm"
tarball="$cache/base-bookworm.tar"
mirror="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"

if podman image exists "$image"; then
  echo "$image"
  exit 0
fi
mkdir -p "$cache"
if [ ! -s "$tarball" ]; then
  # minbase (bash included: the HEALTHCHECK speaks HTTP over bash's /dev/tcp); no documentation,
  # man pages or translations, no apt lists.
  mmdebstrap --quiet --format=tar --variant=minbase \
    --dpkgopt='path-exclude=/usr/share/man/*' --dpkgopt='path-exclude=/usr/share/doc/*' \
    --dpkgopt='path-exclude=/usr/share/locale/*' --dpkgopt='path-exclude=/usr/share/info/*' \
    --customize-hook='chroot "$1" rm -rf /var/lib/apt/lists/* /var/cache/apt/* /var/log/*' \
    bookworm "$tarball.part" "$mirror" >&2
  # usrmerge pulls in the full perl (45 MB) that debian:bookworm-slim does not have; dpkg needs only
  # perl-base, so the stand-in drops it to stay comparable in size.
  tar --delete --wildcards -f "$tarball.part" './usr/lib/x86_64-linux-gnu/perl/*' './usr/share/perl/*' \
    './usr/lib/x86_64-linux-gnu/libperl.so*'
  mv "$tarball.part" "$tarball"
fi
podman import --quiet --change 'CMD ["/bin/bash"]' "$tarball" "$image" >/dev/null
echo "$image"
