// The kubo image the wizard deploys unless the admin names another. It must equal KUBO_IMAGE in
// resources/versions.env (a unit test compares them); PINFLEET_KUBO_IMAGE overrides it, as the test
// fleet does with its locally built image.
export const PINNED_KUBO_IMAGE = 'ipfs/kubo:v0.43.0';

export function defaultKuboImage(environment: NodeJS.ProcessEnv = process.env): string {
  return environment.PINFLEET_KUBO_IMAGE?.trim() || PINNED_KUBO_IMAGE;
}
