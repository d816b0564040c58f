// Which kubo container decommission may stop and remove. It asks the same locator as health
// (chooseKuboContainer: stored name, only kubo, label, published port, listening address, name),
// but a destructive action does not act on a guess: when only the name rule decided (a node
// `eu1` beside a container `eu1-staging`), or nothing decided among several kubos, it refuses and
// names the candidates and how to choose. Pure; decommission.ts does the Docker calls.
import { PinfleetError } from '../../../src-preload/contract/errors.js';
import { isKubo, noContainerMessage, type ContainerSummary, type KuboContainerChoice, type KuboIdentity } from '../../health/kubo-container.js';

export type ContainerVerdict =
  | { kind: 'chosen'; container: ContainerSummary; name: string; why: string }
  /** No kubo container at all on the node's Docker engine (kubo runs outside Docker): nothing to stop. */
  | { kind: 'none'; why: string };

export const containerName = (c: ContainerSummary): string => c.Names[0]?.replace(/^\//, '') ?? c.Id.slice(0, 12);

const RULE_WHY: Record<string, string> = {
  stored: 'the kubo container stored with the node',
  'only-kubo': 'the only kubo container on its Docker engine',
  label: 'labelled pinfleet.server=',
  published: 'it publishes the node\'s API address',
  listening: 'its kubo listens on the node\'s API address',
};

const HOW_TO_CHOOSE = (node: string) =>
  `Set ${node}'s kubo container to the right one (Edit node → kubo container, or kuboContainer in an \`inventory import --update\` file), then decommission again.`;

/** Throws a PinfleetError when the choice is not certain enough to stop and remove a container. */
export function judgeDecommissionContainer(choice: KuboContainerChoice, identity: KuboIdentity, all: readonly ContainerSummary[]): ContainerVerdict {
  const node = identity.name;
  if (choice.chosen && choice.rule && choice.rule !== 'name') {
    const why = choice.rule === 'label' ? `${RULE_WHY.label}${node}` : RULE_WHY[choice.rule]!;
    return { kind: 'chosen', container: choice.chosen, name: containerName(choice.chosen), why };
  }
  if (choice.chosen && choice.rule === 'name') {
    const others = all.filter((c) => c.Id !== choice.chosen!.Id && isKubo(c)).map(containerName);
    throw new PinfleetError(
      'duplicate',
      `which kubo container is ${node}'s is not certain: ${containerName(choice.chosen)} was picked only because its name contains "${node}", ` +
        `and ${others.join(', ')} also run${others.length === 1 ? 's' : ''} kubo on that Docker engine; nothing was changed. ${HOW_TO_CHOOSE(node)}`,
    );
  }
  if (identity.kuboContainer) throw new PinfleetError('not_found', `${noContainerMessage(all, identity)} Nothing was changed.`);
  if (choice.candidates.length === 0) return { kind: 'none', why: `no kubo container on ${node}'s Docker engine` };
  throw new PinfleetError(
    'duplicate',
    `which kubo container is ${node}'s is not certain: ${choice.candidates.map(containerName).join(', ')} all could be (none is stored with the node, ` +
      `labelled pinfleet.server=${node} alone, or alone in publishing or listening on ${identity.apiAddress ?? 'its API address'}); nothing was changed. ${HOW_TO_CHOOSE(node)}`,
  );
}
