import { describe, expect, it } from 'vitest';
import {
  binEdges,
  decorateUncertainty,
  fanTooltip,
  formatPercent,
  formatSigned,
  histogramMids,
  histogramTooltip,
  isSuperseded,
  keyFan,
  movingRows,
  tornadoHeight,
  tornadoTooltip,
} from './uncertainty';

describe('uncertainty formatting', () => {
  it('recognises a superseded simulation', () => {
    expect(isSuperseded(new Error('superseded by a newer simulation'))).toBe(true);
    expect(isSuperseded('superseded by a newer simulation')).toBe(true);
    expect(isSuperseded(new Error('internal error'))).toBe(false);
    expect(isSuperseded(undefined)).toBe(false);
  });

  it('leads with cumulative payments, stakes and compute spend', () => {
    expect(keyFan('fan.contract.msft_revshare.cumulative')).toBe(true);
    expect(keyFan('fan.contract.msft_stake.value')).toBe(true);
    expect(keyFan('fan.total.commitments.paid')).toBe(true);
    expect(keyFan('fan.stream.openai_revenue')).toBe(false);
    expect(keyFan('fan.contract.msft_revshare.paid')).toBe(false);
  });

  it('writes shares as percents', () => {
    expect(formatPercent(0.0431)).toBe('4.3%');
    expect(formatPercent(0.5, 0)).toBe('50%');
    expect(formatPercent(0)).toBe('0%');
    expect(formatPercent(1)).toBe('100%');
    expect(formatPercent(0.00001)).toBe('<0.1%');
    expect(formatPercent(0.99999)).toBe('>99.9%');
  });

  it('writes changes with their sign', () => {
    expect(formatSigned(2.1e9)).toBe('+$2.1B');
    expect(formatSigned(-3.5e8)).toBe('-$350M');
    expect(formatSigned(0)).toBe('$0');
  });

  it('lists a fan period exactly, P90 as P10 plus the band', () => {
    const html = fanTooltip([
      { seriesName: 'P10', axisValue: '2028Q4', value: 1e9 },
      { seriesName: 'P10–P90', axisValue: '2028Q4', value: 2.5e9 },
      { seriesName: 'Median', axisValue: '2028Q4', value: 2e9 },
      { seriesName: 'Mean', axisValue: '2028Q4', value: 2.1e9 },
    ]);
    expect(html).toContain('2028Q4');
    expect(html).toContain('$3,500,000,000.00');
    expect(html).toContain('$2,000,000,000.00');
    expect(html).toContain('$1,000,000,000.00');
    expect(html.indexOf('P90')).toBeLessThan(html.indexOf('P10<'));
  });

  it('names a histogram bar by its bounds and share', () => {
    const mids = [1e9, 3e9, 5e9];
    expect(binEdges(mids, 1)).toEqual([2e9, 4e9]);
    expect(binEdges([1e9], 0)).toBeNull();
    const html = histogramTooltip([{ axisValue: 3e9, value: 0.125 }], binEdges(mids, 1));
    expect(html).toContain('$2B to $4B');
    expect(html).toContain('12.5%');
    // A bar of the value axis: [middle, share].
    const pair = histogramTooltip([{ axisValue: 3.2e9, value: [3e9, 0.25] }], binEdges(mids, 1));
    expect(pair).toContain('$2B to $4B');
    expect(pair).toContain('25%');
  });

  it('gives a tornado bar each end exactly, signed, named by its end', () => {
    // Series 0 holds the farther change and series 1 the nearer: here the P90
    // end is the farther, so it comes in the series named for P10.
    const html = tornadoTooltip([
      { axisValue: 'Cap', seriesName: 'Input at its P10', data: { value: 1.3e10, end: 'P90' }, value: 1.3e10 },
      { axisValue: 'Cap', seriesName: 'Input at its P90', data: { value: -5.6e9, end: 'P10' }, value: -5.6e9 },
    ]);
    expect(html).toContain('<b>Cap</b>');
    expect(html).toMatch(/Input at its P10<\/td><td[^>]*>-\$5,600,000,000\.00</);
    expect(html).toMatch(/Input at its P90<\/td><td[^>]*>\+\$13,000,000,000\.00</);
    // The P10 end is listed first, whichever series it is in.
    expect(html.indexOf('Input at its P10')).toBeLessThan(html.indexOf('Input at its P90'));
  });

  it('names both ends when they move the metric the same way', () => {
    const html = tornadoTooltip([
      { axisValue: 'Rate', seriesName: 'Input at its P10', data: { value: 4e9, end: 'P10' } },
      { axisValue: 'Rate', seriesName: 'Input at its P90', data: { value: 1e9, end: 'P90' } },
    ]);
    expect(html).toMatch(/Input at its P10<\/td><td[^>]*>\+\$4,000,000,000\.00</);
    expect(html).toMatch(/Input at its P90<\/td><td[^>]*>\+\$1,000,000,000\.00</);
  });

  it('falls back to the series name for an item without an end', () => {
    const html = tornadoTooltip([{ axisValue: 'Cap', seriesName: 'Input at its P90', value: 2e9 }]);
    expect(html).toContain('Input at its P90');
    expect(html).toContain('+$2,000,000,000.00');
    expect(tornadoTooltip([])).toBe('');
  });

  it('decorates each kind of chart without changing the Go option', () => {
    const hist = {
      xAxis: [{ type: 'value', min: 0, max: 4e9, interval: 1e9 }],
      yAxis: [{ type: 'value' }],
      series: [{ name: 'Share of runs', type: 'bar', data: [{ value: [1e9, 0.4] }, { value: [3e9, 0.6] }] }],
    };
    const copy = structuredClone(hist);
    const o = decorateUncertainty('histogram', hist, 'light');
    expect(hist).toEqual(copy);
    const y = (o.yAxis as { axisLabel: { formatter: (v: number) => string } }[])[0];
    expect(y.axisLabel.formatter(0.05)).toBe('5%');
    const x = (o.xAxis as { axisLabel: { formatter: (v: unknown) => string } }[])[0];
    expect(x.axisLabel.formatter(3e9)).toBe('$3B');
    expect(x.axisLabel.formatter(2.5e9)).toBe('$2.5B');
    expect(histogramMids(hist)).toEqual([1e9, 3e9]);
    const fan = decorateUncertainty('fan.x.cumulative', { legend: { top: '0' }, series: [], yAxis: [{ type: 'value' }] }, 'dark');
    expect((fan.legend as { data: string[] }).data).toEqual(['P10–P90', 'Median', 'Mean']);
    const tor = decorateUncertainty('tornado', { xAxis: [{ type: 'value' }], yAxis: [{ type: 'category', data: ['a', 'b'] }] }, 'light');
    expect((tor.xAxis as { axisLabel: { formatter: (v: number) => string } }[])[0].axisLabel.formatter(1e9)).toBe('+$1B');
  });

  it('sizes a tornado by its bars', () => {
    expect(tornadoHeight({ yAxis: [{ data: ['a'] }] })).toBe(160);
    expect(tornadoHeight({ yAxis: [{ data: Array(10).fill('x') }] })).toBe(410);
    expect(tornadoHeight({ yAxis: [{ data: Array(100).fill('x') }] })).toBe(720);
  });

  it('keeps the tornado rows that move the metric, in order, both series alike', () => {
    // Bottom to top, as echarts lists categories: "Rate" and "Revenue 2027" do
    // not move it (the second only by float noise).
    const tor = {
      yAxis: [{ type: 'category', data: ['Rate', 'Revenue 2027', 'Growth', 'Cap'] }],
      series: [
        { name: 'Input at its P10', data: [{ value: 0, end: 'P10' }, { value: 1e-3, end: 'P90' }, { value: 2e9, end: 'P90' }, { value: 1.3e10, end: 'P90' }] },
        { name: 'Input at its P90', data: [{ value: 0, end: 'P90' }, { value: 0, end: 'P10' }, { value: 0, end: 'P10' }, { value: -5.6e9, end: 'P10' }] },
      ],
    };
    const copy = structuredClone(tor);
    const { option, still } = movingRows(tor);
    expect(tor).toEqual(copy);
    expect((option.yAxis as { data: string[] }[])[0].data).toEqual(['Growth', 'Cap']);
    const series = option.series as { data: { value: number; end: string }[] }[];
    expect(series[0].data).toEqual([{ value: 2e9, end: 'P90' }, { value: 1.3e10, end: 'P90' }]);
    expect(series[1].data).toEqual([{ value: 0, end: 'P10' }, { value: -5.6e9, end: 'P10' }]);
    expect(still).toEqual(['Revenue 2027', 'Rate']);
    expect(movingRows({ yAxis: [{ data: ['a'] }], series: [{ data: [0] }, { data: [0] }] }).still).toEqual(['a']);
  });
});
