#!/usr/bin/env bash
# Trunk post_build hook: writes the precache list and version into the staged sw.js.
#
# Trunk hashes file names, so the list is generated from what the build staged, never kept by
# hand. The version is a digest of the staged files' contents: any change to any file yields a
# new sw.js, which the browser sees as an update.
set -euo pipefail
staging="${TRUNK_STAGING_DIR:?run this as a Trunk post_build hook}"
here=$(cd "$(dirname "$0")" && pwd)
sw="$staging/sw.js"
[ -f "$sw" ] || { echo "precache: $sw is missing (is static/sw.js copied by index.html?)" >&2; exit 1; }

cd "$staging"
# Everything the shell needs offline, except the worker itself and compressed siblings.
mapfile -t files < <(find . -type f ! -name sw.js ! -name '*.map' ! -name '*.br' ! -name '*.gz' | sed 's|^\./|/|' | LC_ALL=C sort)
[ "${#files[@]}" -gt 0 ] || { echo "precache: nothing staged" >&2; exit 1; }

version=$(for f in "${files[@]}"; do printf '%s ' "$f"; sha256sum ".$f" | cut -d' ' -f1; done | sha256sum | cut -c1-16)
list=$(printf '"%s",' "${files[@]}")
list="[${list%,}]"

tmp=$(mktemp)
sed -e "s|self.__TUOKE_PRECACHE__|${list}|" -e "s|self.__TUOKE_VERSION__|\"${version}\"|" "$sw" > "$tmp"
grep -q '__TUOKE_' "$tmp" && { echo "precache: placeholders left in sw.js" >&2; rm -f "$tmp"; exit 1; }
cat "$tmp" > "$sw"; rm -f "$tmp"
echo "precache: ${#files[@]} files, version $version"
# Brotli q11 of a debug build's wasm takes minutes and saves nothing on a dev machine: only
# release builds get compressed siblings (the server sends a file as it is when it has none).
# trunk sets TRUNK_PROFILE to "release" for `--release` whatever Cargo profile index.html picks
# (the PWA builds with `wasm-release`).
if [ "${TRUNK_PROFILE:-release}" = "release" ]; then
    node "$here/precompress.mjs" "$staging"
fi
