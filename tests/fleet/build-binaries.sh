#!/usr/bin/env bash
# Builds kubo and IPFS Cluster at the versions pinned in resources/versions.env, as static
# binaries, into ~/.cache/pinfleet/bin/<version>/. A second run finds them and builds nothing.
# `go install pkg@version` refuses kubo (its go.mod has exclude lines), so each is built from a
# tiny wrapper module that requires the pinned version; minimal version selection then picks
# exactly the dependency versions upstream's go.mod lists.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=../../resources/versions.env
source "$here/../../resources/versions.env"
cache=${PINFLEET_CACHE:-$HOME/.cache/pinfleet}
# GOTOOLCHAIN=auto: a Go older than kubo's go.mod asks for fetches that toolchain through the module proxy.
export CGO_ENABLED=0 GOFLAGS=-trimpath GOTOOLCHAIN=auto

build() { # name module version pkg...
  local name=$1 module=$2 version=$3; shift 3
  local out="$cache/bin/$name-$version"
  if [ -f "$out/.complete" ]; then echo "$name $version: cached in $out"; return; fi
  local work; work=$(mktemp -d)
  mkdir -p "$out"
  ( cd "$work"
    go mod init pinfleet.local/build-$name >/dev/null 2>&1
    {
      echo "//go:build tools"
      echo "package tools"
      echo "import ("
      for pkg in "$@"; do echo "  _ \"$pkg\""; done
      echo ")"
    } > tools.go
    go mod edit -require="$module@$version"
    go mod tidy >/dev/null 2>&1 || go mod tidy
    for pkg in "$@"; do
      echo "building $pkg@$version"
      go build -ldflags='-s -w' -o "$out/" "$pkg"
    done )
  rm -rf "$work"
  touch "$out/.complete"
  echo "$name $version: built into $out"
}

build kubo github.com/ipfs/kubo "$KUBO_VERSION" github.com/ipfs/kubo/cmd/ipfs
build cluster github.com/ipfs-cluster/ipfs-cluster "$CLUSTER_VERSION" \
  github.com/ipfs-cluster/ipfs-cluster/cmd/ipfs-cluster-service \
  github.com/ipfs-cluster/ipfs-cluster/cmd/ipfs-cluster-ctl
