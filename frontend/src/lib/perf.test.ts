import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

// perf.ts keeps its figures in a module: each test loads it afresh.
async function fresh() {
  vi.resetModules();
  return import('./perf');
}

describe('afterFirstCharts', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.stubGlobal('document', { documentElement: { dataset: {} as Record<string, string> } });
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('waits for the first charts, then runs once', async () => {
    const perf = await fresh();
    const fn = vi.fn();
    perf.afterFirstCharts(fn);
    expect(fn).not.toHaveBeenCalled();
    expect(perf.firstChart()).toBe(true);
    expect(fn).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(5000);
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it('runs at once after the first charts', async () => {
    const perf = await fresh();
    perf.firstChart();
    const fn = vi.fn();
    perf.afterFirstCharts(fn);
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it('waits no longer than its limit when no chart is drawn', async () => {
    const perf = await fresh();
    const fn = vi.fn();
    perf.afterFirstCharts(fn, 1000);
    vi.advanceTimersByTime(999);
    expect(fn).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(fn).toHaveBeenCalledTimes(1);
    perf.firstChart();
    expect(fn).toHaveBeenCalledTimes(1);
  });
});
