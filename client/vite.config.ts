import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

/**
 * The client build. Root is client/; the server serves dist/client. Host, player, solo, Phaser and KaTeX are
 * reached only through dynamic import(), so the phone's first load (home + join form) stays small. mathjs is a
 * server-only dependency: no chunk may contain it (test/client/bundle.test.ts).
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  build: {
    outDir: fileURLToPath(new URL('../dist/client', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 2000,
    modulePreload: { polyfill: false },
    // bench/size.ts reads the manifest to tell the first load from the host-only and solo-only chunks.
    manifest: true,
    rolldownOptions: {
      treeshake: {
        // shared/protocol.ts re-exports the zod schemas; the client uses none of them (it takes only constants and
        // types from there), but zod calls at module top level look like side effects and kept all of zod in
        // the phone's join chunk. Declaring the schemas module pure drops it when unused.
        moduleSideEffects: [{ test: /[\\/]shared[\\/]protocol[\\/]schemas\.ts$/, sideEffects: false }],
      },
    },
  },
  server: { host: '127.0.0.1' },
  logLevel: 'warn',
});
