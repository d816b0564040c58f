#!/usr/bin/env bash
# Everything `npm test` and `npm run demo` need on this machine beyond `npm install`, installed when
# missing and skipped when present (well under a second then): the Debian packages the fleet and the
# browser tests run on, a Go able to build kubo, and the kubo and IPFS Cluster binaries. The fleet's
# images are built from those binaries by the fleet itself at its first start, and cached by tag.
# Each step says what it did and how long it took. Something it cannot do (not root, not Debian)
# ends in one line naming the command to run, and a non-zero exit: never a silent skip.
set -euo pipefail
cd "$(dirname "$0")/../.."
here=tests/fleet
# shellcheck source=../../resources/versions.env
source resources/versions.env
cache=${PINFLEET_CACHE:-$HOME/.cache/pinfleet}

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }
fail() { echo "setup: $*" >&2; exit 1; }

step_started=$(now)
bash "$here/install-prereqs.sh" | sed 's/^install-prereqs: /setup: packages: /'
echo "setup: packages checked ($(elapsed "$step_started") s)"

binaries_cached() { [ -f "$cache/bin/kubo-$KUBO_VERSION/.complete" ] && [ -f "$cache/bin/cluster-$CLUSTER_VERSION/.complete" ]; }
if binaries_cached; then
  echo "setup: kubo $KUBO_VERSION and IPFS Cluster $CLUSTER_VERSION: cached in $cache/bin"
  exit 0
fi

# Go 1.21 or newer can fetch the exact toolchain kubo's go.mod asks for through the module proxy
# (GOTOOLCHAIN=auto in build-binaries.sh), so any such Go will do; Debian's package is a start.
step_started=$(now)
go_minor() { go env GOVERSION 2>/dev/null | sed -nE 's/^go1\.([0-9]+).*/\1/p'; }
export PATH="$PATH:/usr/local/go/bin:/usr/lib/go/bin"
if ! command -v go >/dev/null || [ "$(go_minor || echo 0)" -lt 21 ]; then
  command -v apt-get >/dev/null || fail "Go 1.21 or newer is needed to build kubo and IPFS Cluster; install it, then run npm test again"
  [ "$(id -u)" -eq 0 ] || fail "Go is needed to build kubo and IPFS Cluster: run 'sudo apt-get install golang-go', then npm test again"
  echo "setup: go: installing Debian's golang-go"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends golang-go >/dev/null
  [ "$(go_minor || echo 0)" -ge 21 ] || fail "Debian's Go ($(go env GOVERSION)) is older than 1.21 and cannot fetch kubo's toolchain; install Go 1.21 or newer, then run npm test again"
fi
echo "setup: go: $(go env GOVERSION) ($(elapsed "$step_started") s)"

step_started=$(now)
echo "setup: building kubo $KUBO_VERSION and IPFS Cluster $CLUSTER_VERSION (once, about 3-4 minutes on 2 cores)"
bash "$here/build-binaries.sh" | sed 's/^/setup: /'
echo "setup: binaries built ($(elapsed "$step_started") s)"
