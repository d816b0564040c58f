#!/usr/bin/env bash
# Installs the Debian packages the test fleet (and the e2e tests) run on. Idempotent: when every
# package is present it installs nothing and does not touch apt at all.
# Daemons are not started by the install (policy-rc.d): the fleet runs its own dockerd and one sshd
# per server on 127.0.0.x. A system sshd on 0.0.0.0:22 would take port 22 from every 127.0.0.x, so
# one that this install brought up is stopped and disabled; one that was already there is left
# alone with a warning (stop it, or run the fleet with PINFLEET_SSH_PORT=2222).
# Not installed here: Go, which tests/fleet/build-binaries.sh needs at the version kubo's go.mod asks
# for (Debian's golang is older).
set -euo pipefail

packages=(docker.io tini openssh-server openssh-client busybox-static chromium fonts-dejavu-core fonts-liberation iproute2 iptables xvfb tar procps util-linux libsecret-tools gnome-keyring dbus)

if ! command -v dpkg-query >/dev/null || ! command -v apt-get >/dev/null; then
  echo "install-prereqs: this is not Debian (no dpkg/apt-get): install ${packages[*]} with this system's package manager, then run npm test again" >&2
  exit 1
fi

missing=()
for pkg in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q '^install ok installed$'; then
    missing+=("$pkg")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-prereqs: all present (${packages[*]})"
else
  if [ "$(id -u)" -ne 0 ]; then
    echo "install-prereqs: need root to install ${missing[*]}: run 'sudo bash tests/fleet/install-prereqs.sh', then npm test again" >&2
    exit 1
  fi
  sshd_was_installed=no
  dpkg-query -W -f='${Status}' openssh-server 2>/dev/null | grep -q 'ok installed' && sshd_was_installed=yes

  # Keep postinst scripts from starting dockerd and sshd while we install.
  policy=/usr/sbin/policy-rc.d
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' > "$policy"
    chmod +x "$policy"
    trap 'rm -f "$policy"' EXIT
  fi
  echo "install-prereqs: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"

  # A freshly installed openssh-server must not come up on 0.0.0.0:22 at the next boot either.
  if [ "$sshd_was_installed" = no ] && command -v systemctl >/dev/null && [ -d /run/systemd/system ]; then
    systemctl disable --now ssh.service ssh.socket 2>/dev/null || true
  fi
fi

# Whatever happened above, say so if port 22 is taken on every address.
if ss -Htln 'sport = :22' 2>/dev/null | grep -Eq '(0\.0\.0\.0|\*|\[::\]):22 '; then
  echo "install-prereqs: warning: something listens on 0.0.0.0:22 (a system sshd?); stop it or run the fleet with PINFLEET_SSH_PORT=2222" >&2
fi
