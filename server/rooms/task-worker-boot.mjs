// Worker entry: TypeScript sources need tsx's loader inside the worker too (workers do not inherit it).
import { register } from 'tsx/esm/api';
import { workerData } from 'node:worker_threads';

register();
await import(workerData.entry);
