// What the wizard's steps ask Docker about a container they made: its labels (which settings it
// was made with) and whether it still runs. Shared by the kubo and the Cluster steps.
import type Docker from 'dockerode';

export interface Inspected {
  Config: { Labels?: Record<string, string> };
  State: { Running: boolean; Status: string; ExitCode: number };
  RestartCount: number;
}

/** The container's state, or null when there is no container of that name. */
export async function inspectContainer(docker: Docker, name: string): Promise<Inspected | null> {
  try {
    return (await docker.getContainer(name).inspect()) as unknown as Inspected;
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode === 404) return null;
    throw error;
  }
}
