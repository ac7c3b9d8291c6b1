import { describe, expect, it } from 'vitest';
import { applyDocPatch, applyPatch, docSum, type Op } from './patch';

describe('applyPatch', () => {
  it('sets and deletes along paths, copying only what it changes', () => {
    const root = {
      a: { x: 1, y: [1, 2, 3] },
      b: { untouched: true },
      list: [{ id: 'p', v: 1 }, { id: 'q', v: 2 }],
    };
    const ops: Op[] = [[['a', 'y', 1], 20], [['list', 1, 'v'], 3], [['a', 'x']], [['c'], 'new']];
    const out = applyPatch(root, ops);
    expect(out).toEqual({ a: { y: [1, 20, 3] }, b: { untouched: true }, list: [{ id: 'p', v: 1 }, { id: 'q', v: 3 }], c: 'new' });
    // The original is unchanged; untouched parts are shared, touched ones copied.
    expect(root.a).toEqual({ x: 1, y: [1, 2, 3] });
    expect(root.list[1].v).toBe(2);
    expect(out.b).toBe(root.b);
    expect(out.list[0]).toBe(root.list[0]);
    expect(out.list[1]).not.toBe(root.list[1]);
    expect(out.a.y).not.toBe(root.a.y);
  });

  it('replaces the root with an empty path and returns the same object without ops', () => {
    const root = { a: 1 };
    expect(applyPatch(root, [])).toBe(root);
    expect(applyPatch(root, [[[], { b: 2 }]])).toEqual({ b: 2 });
  });

  it('refuses a path through a value that is not a container', () => {
    expect(() => applyPatch({ a: 1 }, [[['a', 'b'], 2]])).toThrow();
  });
});

describe('applyDocPatch', () => {
  it('replaces a run of lines', () => {
    expect(applyDocPatch('a\nb\nc', { at: 1, del: 1, ins: ['x', 'y'], len: 0, sum: 0 })).toBe('a\nx\ny\nc');
    expect(applyDocPatch('a\nc', { at: 1, del: 0, ins: ['b'], len: 0, sum: 0 })).toBe('a\nb\nc');
    expect(applyDocPatch('a\nb\nc', { at: 0, del: 3, ins: [''], len: 0, sum: 0 })).toBe('');
  });
});

describe('docSum', () => {
  it('hashes UTF-16 code units as the service does', () => {
    // The service's test hashes the same units: 'a', a surrogate pair, 'é'.
    expect(docSum('')).toBe(2166136261);
    expect(docSum('a🚀é')).toBe(docSum('a\ud83d\ude80\u00e9'));
    expect(docSum('a')).toBe(0xe40c292c); // FNV-1a of "a"
    // The service's TestDiffLines checks the same string to the same number.
    expect(docSum('a🚀é')).toBe(59639984);
  });
});
