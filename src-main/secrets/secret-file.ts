// The one file each secret store keeps in the data folder: JSON, readable by this user only
// (0600), replaced atomically (write a temporary file, fsync, rename) so a crash mid-write never
// leaves half a file of secrets.
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

export function readJsonFile<T>(file: string): T | null {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  return JSON.parse(text) as T;
}

export function writeJsonFileAtomic(file: string, value: unknown): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const temporary = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  const fd = fs.openSync(temporary, 'wx', 0o600);
  try {
    fs.writeSync(fd, `${JSON.stringify(value, null, 2)}\n`);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  try {
    fs.renameSync(temporary, file);
  } catch (error) {
    fs.rmSync(temporary, { force: true });
    throw error;
  }
  // An existing file keeps its mode across rename only if we set it: make sure it is 0600.
  fs.chmodSync(file, 0o600);
}

/** A secrets file of `{ "version": 1, "entries": { ref: entry } }`, each change written atomically. */
export class SecretEntriesFile<Entry> {
  constructor(readonly file: string) {}

  read(ref: string): Entry | undefined {
    return this.load().entries[ref];
  }

  write(ref: string, entry: Entry): void {
    const contents = this.load();
    contents.entries[ref] = entry;
    writeJsonFileAtomic(this.file, contents);
  }

  remove(ref: string): void {
    const contents = this.load();
    if (!(ref in contents.entries)) return;
    delete contents.entries[ref];
    writeJsonFileAtomic(this.file, contents);
  }

  private load(): { version: 1; entries: Record<string, Entry> } {
    return readJsonFile<{ version: 1; entries: Record<string, Entry> }>(this.file) ?? { version: 1, entries: {} };
  }
}
