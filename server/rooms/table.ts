/**
 * An immutable string-keyed table with cheap updates: the keys are spread over fixed shards, so setting one
 * entry copies one small shard instead of the whole table (spreading a 2,000-key object costs ~1.5 ms, which a
 * lecture hall answering within two seconds cannot afford). Plain JSON: an array of plain objects.
 */
export type Table<V> = ReadonlyArray<Readonly<Record<string, V>>>;

export const SHARDS = 64;

function shardOf(key: string): number {
  let h = 2166136261;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 16777619);
  return (h >>> 0) % SHARDS;
}

export function emptyTable<V>(): Table<V> {
  return Array.from({ length: SHARDS }, () => ({}));
}

export function getEntry<V>(table: Table<V>, key: string): V | undefined {
  const shard = table[shardOf(key)];
  return shard && Object.hasOwn(shard, key) ? shard[key] : undefined;
}

export function setEntry<V>(table: Table<V>, key: string, value: V): Table<V> {
  const i = shardOf(key);
  const out = table.slice();
  out[i] = { ...table[i], [key]: value };
  return out;
}

export function removeEntry<V>(table: Table<V>, key: string): Table<V> {
  const i = shardOf(key);
  const shard = table[i];
  if (!shard || !Object.hasOwn(shard, key)) return table;
  const copy = { ...shard };
  delete copy[key];
  const out = table.slice();
  out[i] = copy;
  return out;
}

/** Builds a table from entries in one pass (for bulk updates such as scoring a round). */
export function tableOf<V>(entries: Iterable<[string, V]>): Table<V> {
  const shards: Array<Record<string, V>> = Array.from({ length: SHARDS }, () => ({}));
  for (const [key, value] of entries) (shards[shardOf(key)] as Record<string, V>)[key] = value;
  return shards;
}
