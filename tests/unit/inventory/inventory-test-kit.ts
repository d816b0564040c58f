// Shared by the inventory tests: throwaway data folders and a sample node.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import type { NodeFields, NodeInput } from '../../../src-preload/contract/schemas.js';
import { nodeFields } from '../../../src-preload/contract/schemas.js';
import { PinfleetError, type ErrorCode } from '../../../src-preload/contract/errors.js';

const made: string[] = [];

/** A fresh folder under the OS temp dir, removed after the test. */
export function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pinfleet-inventory-'));
  made.push(dir);
  return dir;
}

afterEach(() => {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** A valid node with the schema's defaults filled in. */
export function sampleNode(overrides: Partial<NodeInput> = {}): NodeFields {
  return nodeFields.parse({ name: 'node1', host: '10.0.0.5', ...overrides });
}

/** A clock that moves one second per call, so time stamps are distinct and predictable. */
export function steppingClock(start = '2025-03-14T10:15:02.000Z'): () => Date {
  let t = Date.parse(start);
  return () => {
    const now = new Date(t);
    t += 1000;
    return now;
  };
}

/** Runs `action` and returns the PinfleetError it throws; fails when it throws nothing or something else. */
export function pinfleetErrorFrom(action: () => unknown): PinfleetError {
  try {
    action();
  } catch (error) {
    if (error instanceof PinfleetError) return error;
    throw new Error(`expected a PinfleetError, got ${String(error)}`);
  }
  throw new Error('expected a PinfleetError, but nothing was thrown');
}

export function expectCode(action: () => unknown, code: ErrorCode): PinfleetError {
  const error = pinfleetErrorFrom(action);
  if (error.code !== code) throw new Error(`expected code ${code}, got ${error.code}: ${error.message}`);
  return error;
}
