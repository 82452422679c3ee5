import { describe, expect, it } from 'vitest';
import { emptyTable, getEntry, removeEntry, setEntry, tableOf } from '../../server/rooms/table';

describe('Table', () => {
  it('returns what was set', () => expect(getEntry(setEntry(emptyTable<number>(), 'a', 1), 'a')).toBe(1));
  it('leaves the original untouched when setting', () => {
    const t = emptyTable<number>();
    setEntry(t, 'a', 1);
    expect(getEntry(t, 'a')).toBeUndefined();
  });
  it('removes an entry', () => expect(getEntry(removeEntry(tableOf([['a', 1]]), 'a'), 'a')).toBeUndefined());
  it('does not see inherited properties as entries', () => expect(getEntry(emptyTable<number>(), 'toString')).toBeUndefined());
  it('survives a JSON round trip', () => {
    const t = tableOf([['x', 1], ['y', 2]]);
    expect(getEntry(JSON.parse(JSON.stringify(t)) as typeof t, 'y')).toBe(2);
  });
});
