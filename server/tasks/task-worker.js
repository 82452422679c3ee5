// The task worker as the TypeScript sources start it (npm run dev, the tests): tsx's loader first (a worker does
// not inherit the main thread's), then worker-main.ts. The bundle has its own task-worker.js in dist/server, built
// from worker-main.ts by scripts/build.mjs: the pool reaches either as `./task-worker.js` beside itself.
import { register } from 'tsx/esm/api';

register();
await import('./worker-main.ts');
