import { describe, expect, it } from 'vitest';
import { clamp, decimalsOf, parseQuarter, quarterIndex, quarterText, sliderFormat, sliderText, type Kind } from './inputs';

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

describe('sliderFormat', () => {
  // The texts as first written (decimals worked out per value, zeros trimmed by a
  // regular expression): the formatter made once per slider must write the same.
  const suffixes: [number, string][] = [
    [1e12, 'T'],
    [1e9, 'B'],
    [1e6, 'M'],
    [1e3, 'K'],
  ];
  const trim = (s: string): string => (s.includes('.') ? s.replace(/\.?0+$/, '') : s);
  function written(kind: Kind, value: number, step: number): string {
    if (kind === 'amount') {
      if (value === 0) return '0';
      const abs = Math.max(Math.abs(value), step);
      for (const [size, suffix] of suffixes) if (abs >= size) return trim((value / size).toFixed(decimalsOf(step / size))) + suffix;
      return trim(value.toFixed(decimalsOf(step)));
    }
    if (kind === 'rate') return trim((value * 100).toFixed(Math.max(0, decimalsOf(step) - 2))) + '%';
    if (kind === 'integer') return String(Math.round(value));
    return trim(value.toFixed(decimalsOf(step)));
  }

  it.each([
    ['amount', -5e9, 60e9, 0.1e9],
    ['amount', 0, 2e12, 5e9],
    ['amount', -2e3, 2e3, 10],
    ['amount', 0, 5e6, 2.5e3],
    ['rate', -0.1, 0.5, 0.0005],
    ['rate', 0, 1, 0.01],
    ['integer', -3, 40, 1],
    ['number', -2, 2, 0.05],
    ['number', 0, 100, 2.5],
  ] as const)('%s from %s to %s by %s writes each position as before', (kind, min, max, step) => {
    const format = sliderFormat(kind, step);
    const n = Math.round((max - min) / step);
    for (let k = 0; k <= n; k++) {
      const v = min + k * step;
      expect(format(v), `${v}`).toBe(written(kind, v, step));
    }
  });

  it('trims zeros after the point only', () => {
    const f = sliderFormat('number', 0.001);
    expect([f(100), f(10.5), f(-0.25), f(0), f(1000.1)]).toEqual(['100', '10.5', '-0.25', '0', '1000.1']);
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
