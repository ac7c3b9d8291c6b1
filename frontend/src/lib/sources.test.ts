import { describe, expect, it } from 'vitest';
import { sourcesLabel } from './sources';

describe('sourcesLabel', () => {
  it.each([
    [true, 3, true, 'range · 3 sources'],
    [true, 1, false, 'range · 1 source'],
    [false, 2, false, '2 sources'],
    [false, 0, true, 'add a source'],
    [true, 0, true, 'range · add a source'],
    // An uncertain input without sources, read-only: the range alone, with no
    // separator left dangling after it.
    [true, 0, false, 'range'],
    [false, 0, false, ''],
  ] as const)('range %s, %s sources, editable %s → %j', (range, count, editable, want) => {
    expect(sourcesLabel(range, count, editable)).toBe(want);
  });
});
