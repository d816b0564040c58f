// Imports run one way. Inside provisioning, the wizards (provision, adopt, decommission, cluster-setup)
// build on the shared rooms (cluster-peer, then steps) and never on each other; a shared room never
// reaches up into a wizard. Outside it, the domains (cluster, health, uploads, …) never import a
// wizard, the service handlers or the composition that assemble them. A new back-arrow fails here.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../../..');
const main = path.join(root, 'src-main');

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? sources(full) : /\.tsx?$/u.test(e.name) ? [full] : [];
  });
}

/** Every relative import of a file, as a path under src-main ('provisioning/steps/undo-actions.ts'). */
function importsOf(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/gu)].map((m) =>
    path.relative(main, path.resolve(path.dirname(file), m[1]!)).replace(/\.js$/u, '.ts'),
  );
}

/** The room a src-main path belongs to: 'provisioning/<room>' inside provisioning, else its top folder. */
function roomOf(relative: string): string {
  const [top, second] = relative.split(path.sep);
  return top === 'provisioning' ? `provisioning/${second}` : top!;
}

const WIZARDS = ['provisioning/provision', 'provisioning/adopt', 'provisioning/decommission', 'provisioning/cluster-setup'];
/** What each room may not import. */
const FORBIDDEN: Record<string, string[]> = {
  'provisioning/steps': [...WIZARDS, 'provisioning/cluster-peer', 'services', 'app', 'shell', 'cli', 'web'],
  'provisioning/cluster-peer': [...WIZARDS, 'services', 'app', 'shell', 'cli', 'web'],
  ...Object.fromEntries(WIZARDS.map((w) => [w, [...WIZARDS.filter((o) => o !== w), 'services', 'app', 'shell', 'cli', 'web']])),
  ...Object.fromEntries(['cluster', 'health', 'uploads', 'inventory', 'connections', 'placement', 'secrets', 'core', 'files'].map((d) => [d, ['provisioning/provision', 'provisioning/adopt', 'provisioning/decommission', 'provisioning/cluster-setup', 'services', 'app', 'shell', 'cli', 'web']])),
};

describe('imports in src-main', () => {
  it('run one way: no room imports a room above it or a sibling wizard', () => {
    const backArrows: string[] = [];
    for (const file of sources(main)) {
      const from = roomOf(path.relative(main, file));
      for (const target of importsOf(file)) {
        if (target.startsWith('..')) continue; // src-preload: the contract, shared by all
        const to = roomOf(target);
        if (to !== from && FORBIDDEN[from]?.includes(to)) backArrows.push(`${path.relative(main, file)} → ${target}`);
      }
    }
    expect(backArrows).toEqual([]);
  });

  it('keeps provisioning in rooms, with nothing loose at its top', () => {
    const loose = fs.readdirSync(path.join(main, 'provisioning')).filter((name) => name.endsWith('.ts'));
    expect(loose).toEqual([]);
  });
});
