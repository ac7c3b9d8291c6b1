import { describe, expect, it } from 'vitest';
import { EditStack, mergeWindowMs } from './editStack';

function clock() {
  let t = 0;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe('EditStack', () => {
  it('undoes and redoes documents in order', () => {
    const s = new EditStack();
    expect(s.canUndo).toBe(false);
    s.record('a', null);
    s.record('b', null);
    expect(s.undo('c')).toBe('b');
    expect(s.undo('b')).toBe('a');
    expect(s.undo('a')).toBeNull();
    expect(s.redo('a')).toBe('b');
    expect(s.redo('b')).toBe('c');
    expect(s.redo('c')).toBeNull();
    expect(s.canUndo).toBe(true);
    expect(s.canRedo).toBe(false);
  });

  it('merges quick edits of one field into one step (a slider drag)', () => {
    const c = clock();
    const s = new EditStack(200, c.now);
    s.record('start', 'cap');
    c.advance(100);
    s.record('cap 40', 'cap');
    c.advance(100);
    s.record('cap 41', 'cap');
    expect(s.undo('cap 42')).toBe('start');
    expect(s.canUndo).toBe(false);
  });

  it('does not merge other fields, slow edits or sealed gestures', () => {
    const c = clock();
    const s = new EditStack(200, c.now);
    s.record('d0', 'cap');
    s.record('d1', 'rate');
    c.advance(mergeWindowMs + 1);
    s.record('d2', 'rate');
    s.seal();
    s.record('d3', 'rate');
    s.record('d4', null);
    s.record('d5', null);
    const seen: (string | null)[] = [];
    let cur = 'd6';
    for (;;) {
      const d = s.undo(cur);
      if (d === null) break;
      seen.push(d);
      cur = d;
    }
    expect(seen).toEqual(['d5', 'd4', 'd3', 'd2', 'd1', 'd0']);
  });

  it('drops the redo stack on a new edit', () => {
    const s = new EditStack();
    s.record('a', null);
    expect(s.undo('b')).toBe('a');
    expect(s.canRedo).toBe(true);
    s.record('a', null);
    expect(s.canRedo).toBe(false);
  });

  it('does not merge an edit into an undo step that was undone', () => {
    const c = clock();
    const s = new EditStack(200, c.now);
    s.record('a', 'cap');
    expect(s.undo('b')).toBe('a');
    s.record('a', 'cap');
    expect(s.canUndo).toBe(true);
  });

  it('keeps at most the limit', () => {
    const s = new EditStack(3);
    for (const d of ['a', 'b', 'c', 'd']) s.record(d, null);
    expect(s.undo('e')).toBe('d');
    expect(s.undo('d')).toBe('c');
    expect(s.undo('c')).toBe('b');
    expect(s.undo('b')).toBeNull();
  });

  it('clears', () => {
    const s = new EditStack();
    s.record('a', null);
    s.clear();
    expect(s.canUndo).toBe(false);
    expect(s.undo('x')).toBeNull();
  });
});
