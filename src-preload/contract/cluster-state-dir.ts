// Where a Cluster peer keeps its state on the server. The folder is handed to the peer's uid, so a
// wrong value could hand a system folder to it: beyond what a kubo data path must be (absolute,
// plain characters, no "..", not "/"), it must be written canonically (no "." or empty segments,
// so what is judged is what reaches the server), lie outside the system trees, and not be a folder
// shared by everything else (/home, /var, /tmp…). Pure: the schema and main both ask it.
import { hasControlCharacters } from './validators.js';

/** Trees of the operating system: nothing of a Cluster peer goes inside them. */
const SYSTEM_TREES = ['bin', 'boot', 'dev', 'etc', 'lib', 'lib32', 'lib64', 'libx32', 'proc', 'run', 'sbin', 'sys', 'usr', 'var/run', 'var/lib/docker'];
/** Folders everything shares: one may hold a peer's folder, never be it. */
const SHARED_FOLDERS = new Set(['home', 'root', 'var', 'var/lib', 'var/log', 'var/tmp', 'var/cache', 'tmp', 'srv', 'opt', 'mnt', 'media', 'snap']);
const MAX_LENGTH = 1024;
const NAME_MAX = 255;

/** Why `path` cannot be a Cluster peer's state folder, or null when it can. */
export function stateDirProblem(path: string): string | null {
  if (path.length === 0) return 'is empty';
  if (path.length > MAX_LENGTH) return `must be at most ${MAX_LENGTH} characters`;
  if (hasControlCharacters(path)) return 'contains control characters';
  if (!path.startsWith('/')) return 'must be an absolute path on the server (starting with /)';
  if (!/^[A-Za-z0-9._/-]+$/.test(path)) return 'may contain only letters, digits and . _ - / (it becomes a Docker volume path)';
  const trimmed = path.replace(/\/+$/, '');
  if (trimmed === '') return 'must not be the root directory';
  const segments = trimmed.slice(1).split('/');
  if (segments.includes('..')) return 'must not contain ".." segments';
  if (segments.some((s) => s === '' || s === '.')) return 'must be written plainly, without "//" or "/./"';
  if (segments.some((s) => s.length > NAME_MAX)) return `has a folder name longer than ${NAME_MAX} characters`;
  const relative = segments.join('/');
  const tree = SYSTEM_TREES.find((t) => relative === t || relative.startsWith(`${t}/`));
  if (tree) return `is inside /${tree}, a system folder: choose a folder on the data disk, e.g. /srv/ipfs-cluster`;
  if (SHARED_FOLDERS.has(relative)) return `is /${relative} itself, a folder the whole server shares: choose a folder inside it, e.g. /${relative}/ipfs-cluster`;
  return null;
}
