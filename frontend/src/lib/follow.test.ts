import { beforeEach, describe, expect, it } from 'vitest';
import { followChoice, rememberFollow } from './follow';

describe('follow choice', () => {
  beforeEach(() => {
    const store = new Map<string, string>();
    globalThis.localStorage = {
      getItem: (k: string) => store.get(k) ?? null,
      setItem: (k: string, v: string) => void store.set(k, v),
      removeItem: (k: string) => void store.delete(k),
      clear: () => store.clear(),
      key: () => null,
      length: 0,
    } as Storage;
  });

  it('is asked once per scenario', () => {
    expect(followChoice('A')).toBeNull();
    rememberFollow('A', 'follow');
    expect(followChoice('A')).toBe('follow');
    expect(followChoice('B')).toBeNull();
    rememberFollow('B', 'keep');
    expect(followChoice('B')).toBe('keep');
    expect(followChoice(null)).toBeNull();
  });
});
