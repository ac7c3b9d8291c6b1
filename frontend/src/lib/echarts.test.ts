import { describe, expect, it } from 'vitest';
import { needsExtras } from './echarts';

describe('needsExtras', () => {
  it('is false for the main charts: bars and lines with marks', () => {
    expect(needsExtras({ series: [{ type: 'bar', markLine: {} }, { type: 'line', markPoint: {} }] })).toBe(false);
    expect(needsExtras({ series: { type: 'line' } })).toBe(false);
    expect(needsExtras({})).toBe(false);
  });

  it('is true for a heatmap, a scatter or a visual map', () => {
    expect(needsExtras({ series: [{ type: 'heatmap' }] })).toBe(true);
    expect(needsExtras({ series: [{ type: 'line' }, { type: 'scatter' }] })).toBe(true);
    expect(needsExtras({ series: { type: 'scatter' } })).toBe(true);
    expect(needsExtras({ visualMap: { min: 0, max: 1 }, series: [] })).toBe(true);
  });
});
