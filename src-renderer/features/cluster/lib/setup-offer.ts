// When the Cluster page offers "Set up a cluster" unasked: when no peer answers. A cluster that
// answers while cluster mode is off is one the set-up would refuse to replace (it exists); the
// settings turn uploads through it on. Pure: the page's reads in, the sentence that says why out
// (null: not offered unasked; the header button still opens it).
export function setupReason(settings: { enabled: boolean } | undefined, peersError: string | null): string | null {
  if (peersError === null) return null;
  const modeOff = settings && !settings.enabled ? ' Cluster mode is off: uploads use Pinfleet’s own placement.' : '';
  return `No Cluster peer answers (${peersError}): this fleet has no IPFS Cluster yet, or its peers are down.${modeOff}`;
}
