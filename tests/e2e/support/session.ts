// One console session for a test file: a temporary data directory, `pinfleet serve` on it and
// Chromium on its URL. The helpers call the API directly for setup the test is not about.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { collectPageErrors, launchChromium } from './browser';
import { startPinfleet, type ServedPinfleet } from './pinfleet-server';

export interface ConsoleSession {
  dataDir: string;
  server: ServedPinfleet;
  browser: Browser;
  /** Replaces the server with a new one on the same data directory (new port, new token). */
  restartServer(): Promise<ServedPinfleet>;
  /** A fresh tab (own sessionStorage) on the server's printed URL (or `url`), with its page errors. */
  openConsole(options?: { colorScheme?: 'light' | 'dark'; url?: string }): Promise<{ page: Page; context: BrowserContext; errors: string[] }>;
  close(): Promise<void>;
}

export async function startSession(): Promise<ConsoleSession> {
  // Chromium first: when it is missing, fail with its one-line message and leave nothing behind.
  const browser = await launchChromium();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'pinfleet-e2e-'));
  const contexts: BrowserContext[] = [];
  const session: ConsoleSession = {
    dataDir,
    browser,
    server: await startPinfleet(dataDir).catch(async (error: unknown) => {
      await browser.close();
      rmSync(dataDir, { recursive: true, force: true });
      throw error;
    }),
    async restartServer() {
      await session.server.stop();
      session.server = await startPinfleet(dataDir);
      return session.server;
    },
    async openConsole(options = {}) {
      const context = await browser.newContext({
        colorScheme: options.colorScheme ?? 'light',
        viewport: { width: 1280, height: 800 },
      });
      contexts.push(context);
      const page = await context.newPage();
      page.setDefaultTimeout(10_000);
      const errors = collectPageErrors(page);
      await page.goto(options.url ?? session.server.url);
      return { page, context, errors };
    },
    async close() {
      await Promise.allSettled(contexts.map((c) => c.close()));
      await browser.close().catch(() => undefined);
      await session.server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return session;
}

/** Calls a channel of the running server the way the web bridge does (or with another token). */
export async function callApi(
  server: ServedPinfleet,
  channel: string,
  input: unknown = {},
  token: string | null = server.token,
): Promise<{ status: number; body: { ok: boolean; data?: unknown; error?: { code: string; message: string } } }> {
  const response = await fetch(`${server.origin}/api/${channel}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(input),
  });
  return { status: response.status, body: (await response.json()) as never };
}
