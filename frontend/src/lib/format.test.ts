import { describe, expect, it } from 'vitest';
import { compactDecimal, formatCompact, formatDecimal, formatExact } from './format';

describe('formatCompact', () => {
  it.each([
    [12_345_000_000, '$12.3B'],
    [38_000_000_000, '$38B'],
    [1_500_000_000_000, '$1.5T'],
    [852_000_000_000, '$852B'],
    [250_000_000, '$250M'],
    [-850_000_000, '-$850M'],
    [-3_450_000_000, '-$3.5B'],
    [12_500, '$12.5K'],
    [500, '$500'],
    [0, '$0'],
    [-0, '$0'],
    [0.004, '$0'],
    [999_960_000, '$1B'],
    [999_499, '$1M'],
    [949_000, '$949K'],
  ])('formats %s', (v, want) => {
    expect(formatCompact(v)).toBe(want);
  });

  it('keeps more digits when asked', () => {
    expect(formatCompact(38_123_000_000, 2)).toBe('$38.12B');
    expect(formatCompact(38_000_000_000, 2)).toBe('$38B');
  });

  it('does not hide non-numbers', () => {
    expect(formatCompact(Number.NaN)).toBe('—');
    expect(formatCompact(Number.POSITIVE_INFINITY)).toBe('—');
  });
});

describe('formatExact', () => {
  it.each([
    [38_000_000_000, '$38,000,000,000.00'],
    [3_250_000_000.5, '$3,250,000,000.50'],
    [-1_234.5, '-$1,234.50'],
    [0, '$0.00'],
    [-0.001, '$0.00'],
  ])('formats %s', (v, want) => {
    expect(formatExact(v)).toBe(want);
  });
});

describe('formatDecimal', () => {
  it.each([
    ['38000000000.00', '$38,000,000,000.00'],
    ['-1234567.5', '-$1,234,567.50'],
    ['999', '$999.00'],
    ['0.00', '$0.00'],
    ['-0.00', '$0.00'],
    ['1000', '$1,000.00'],
    // Beyond what a float holds exactly: the digits survive.
    ['123456789012345678.99', '$123,456,789,012,345,678.99'],
  ])('formats %s', (v, want) => {
    expect(formatDecimal(v)).toBe(want);
  });

  it('returns what it cannot read unchanged', () => {
    expect(formatDecimal('2029Q2')).toBe('2029Q2');
  });
});

describe('compactDecimal', () => {
  it('reads the engine strings', () => {
    expect(compactDecimal('38000000000.00')).toBe('$38B');
    expect(compactDecimal('97400000000.00')).toBe('$97.4B');
    expect(compactDecimal('n/a')).toBe('n/a');
  });
});
