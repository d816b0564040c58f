// Builds the three parts: main (the Electron shell entry `index` and the plain-Node CLI entry
// `cli`, which share every service), the sandboxed preload (CommonJS, all of its code bundled
// because a sandboxed preload cannot require packages) and the renderer.
import { chmodSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

// zod's sources carry /*#__PURE__*/ comments Rollup cannot place; the warning is noise.
const onwarn = (warning: { code?: string }, warn: (w: never) => void) => {
  if (warning.code !== 'INVALID_ANNOTATION') warn(warning as never);
};

// out/main/cli.js is the package's `bin`: it must stay executable after every build, or `npx pinfleet`
// and an `npm link`ed `pinfleet` answer "Permission denied" (Rollup writes files without the run bit).
const keepCliExecutable = {
  name: 'pinfleet-cli-executable',
  writeBundle(options: { dir?: string }, bundle: Record<string, unknown>) {
    if (options.dir && 'cli.js' in bundle) chmodSync(resolve(options.dir, 'cli.js'), 0o755);
  },
};

const root = fileURLToPath(new URL('.', import.meta.url));
const { version } = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as { version: string };

export default defineConfig({
  main: {
    plugins: [keepCliExecutable],
    define: { __PINFLEET_VERSION__: JSON.stringify(version) },
    build: {
      outDir: 'out/main',
      rollupOptions: {
        onwarn,
        input: {
          index: resolve(root, 'src-main/shell/index.ts'),
          cli: resolve(root, 'src-main/cli/index.ts'),
          // The upload's local-CID worker thread, found beside the bundle at run time (local-cid.ts).
          'local-cid-worker': resolve(root, 'src-main/uploads/local-cid-worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      externalizeDeps: false,
      rollupOptions: {
        onwarn,
        input: { index: resolve(root, 'src-preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'src-renderer'),
    plugins: [react()],
    build: {
      outDir: 'out/renderer',
      minify: true,
      rollupOptions: { onwarn, input: { index: resolve(root, 'src-renderer/index.html') } },
    },
  },
});
