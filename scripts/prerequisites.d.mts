/** Types for scripts/prerequisites.mjs (plain JavaScript: `npm test` runs it before anything is installed or built). */
export type Tool = 'chromium' | 'redis-server' | 'haproxy' | 'postgres';
export function findTool(name: Tool): string | null;
export function installCommand(missing: Tool[]): string | null;
export function missingTools(): Tool[];
