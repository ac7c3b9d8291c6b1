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
    // Once the frame with the charts is painted, not in it.
    expect(fn).not.toHaveBeenCalled();
    vi.advanceTimersByTime(100);
    expect(fn).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(5000);
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it('runs after the next animation frame where there are frames', async () => {
    const frames: (() => void)[] = [];
    vi.stubGlobal('requestAnimationFrame', (cb: () => void) => frames.push(cb));
    const perf = await fresh();
    const fn = vi.fn();
    perf.afterFirstCharts(fn);
    perf.firstChart();
    vi.advanceTimersByTime(0);
    expect(fn).not.toHaveBeenCalled();
    expect(frames).toHaveLength(1);
    frames[0]();
    vi.advanceTimersByTime(0);
    expect(fn).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(200);
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it('runs at once after the first charts', async () => {
    const perf = await fresh();
    perf.firstChart();
    const fn = vi.fn();
    perf.afterFirstCharts(fn);
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it('runs at once when the page says there are no first charts', async () => {
    const perf = await fresh();
    const fn = vi.fn();
    perf.afterFirstCharts(fn);
    vi.advanceTimersByTime(5000);
    expect(fn).not.toHaveBeenCalled();
    perf.noFirstCharts();
    expect(fn).toHaveBeenCalledTimes(1);
    expect(perf.firstChartMs()).toBe(0);
    vi.advanceTimersByTime(10_000);
    perf.firstChart();
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

describe('redrawn', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('says of each redraw whether its oldest input waited for a step', async () => {
    vi.stubGlobal('window', {});
    const perf = await fresh();
    const record = (window as unknown as { __dmPerf: { redraw: number[]; missed: boolean[]; edits: number; speculated: number } }).__dmPerf;
    // A drag whose first input no speculation held, then two that one did.
    const a = perf.markInput();
    perf.edited(false, a);
    const b = perf.markInput();
    perf.edited(true, b);
    perf.redrawn(b); // one redraw for both, measured from a: it waited
    const c = perf.markInput();
    perf.edited(true, c);
    perf.redrawn(c);
    expect(record.redraw).toHaveLength(2);
    expect(record.missed).toEqual([true, false]);
    expect(record.edits).toBe(3);
    expect(record.speculated).toBe(2);
    // An input drawn already is not measured again.
    perf.redrawn(c);
    expect(record.missed).toHaveLength(2);
  });
});
