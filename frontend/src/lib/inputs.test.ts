import { describe, expect, it } from 'vitest';
import { clamp, decimalsOf, parseQuarter, quarterIndex, quarterText, sliderText } from './inputs';

describe('sliderText', () => {
  it.each([
    ['amount', 41.2e9, 0.2e9, '41.2B'],
    ['amount', 41e9, 0.2e9, '41B'],
    ['amount', 26.000000000000004e9, 0.1e9, '26B'],
    ['amount', 1.5e12, 5e9, '1.5T'],
    ['amount', 1.25e12, 5e9, '1.25T'],
    ['amount', 0, 0.1e9, '0'],
    ['amount', 250e6, 5e6, '250M'],
    ['amount', 0.2e9, 0.2e9, '200M'],
    ['amount', 950, 10, '950'],
    ['rate', 0.185, 0.0005, '18.5%'],
    ['rate', 0.2, 0.001, '20%'],
    ['rate', -0.05, 0.005, '-5%'],
    ['rate', 0.12345, 0.0001, '12.35%'],
    ['integer', 7.0000001, 1, '7'],
    ['number', 1.5, 0.05, '1.5'],
    ['number', 2, 0.5, '2'],
  ] as const)('%s %s step %s → %s', (kind, v, step, want) => {
    expect(sliderText(kind, v, step)).toBe(want);
  });
});

describe('decimalsOf', () => {
  it.each([
    [1, 0],
    [5, 0],
    [0.5, 1],
    [0.05, 2],
    [0.0001, 4],
    [2e8, 0],
  ])('%s → %s', (step, want) => {
    expect(decimalsOf(step)).toBe(want);
  });
});

describe('quarters', () => {
  it('round-trips the service numbering', () => {
    expect(quarterIndex(2026, 3)).toBe(2026 * 4 + 2);
    expect(quarterText(quarterIndex(2026, 3))).toBe('2026Q3');
    expect(quarterText(quarterIndex(2030, 4))).toBe('2030Q4');
    expect(parseQuarter('2026Q3')).toBe(quarterIndex(2026, 3));
    expect(parseQuarter('2026')).toBeNull();
  });
});

describe('clamp', () => {
  it('keeps a value in range', () => {
    expect(clamp(5, 0, 3)).toBe(3);
    expect(clamp(-1, 0, 3)).toBe(0);
    expect(clamp(2, 0, 3)).toBe(2);
  });
});
