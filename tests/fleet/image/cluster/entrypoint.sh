#!/bin/sh
# Entrypoint of pinfleet-test/ipfs-cluster, modelled on the official image's docker/entrypoint.sh:
# init service.json on first start with the consensus in IPFS_CLUSTER_CONSENSUS (crdt), run
# /container-init.d/*.sh on every start (the server's own config), then exec the service.
# Settings can also come from the CLUSTER_* environment variables ipfs-cluster-service reads.
set -e
ipfs-cluster-service --version

if [ -e "${IPFS_CLUSTER_PATH}/service.json" ]; then
  echo "Found IPFS cluster configuration at ${IPFS_CLUSTER_PATH}"
else
  echo "Initializing default configuration..."
  ipfs-cluster-service init --consensus "${IPFS_CLUSTER_CONSENSUS}"
fi

find /container-init.d -maxdepth 1 \( -type f -o -type l \) -iname '*.sh' -print0 | sort -z | xargs -n 1 -0 -r container_init_run

exec ipfs-cluster-service "$@"
