import { describe, expect, it } from 'vitest';
import { contrast, darkBarOpacity, darkSurface, decorate, markLabel, markTooltip, plainItem, type Option } from './chartOptions';

// A trimmed option as backend/charts writes it.
function goOption(): Option {
  return {
    color: ['#4e79a7'],
    legend: { type: 'scroll' },
    tooltip: { trigger: 'axis' },
    xAxis: [{ type: 'category', data: ['2025Q1', '2025Q2'] }],
    yAxis: [{ type: 'value' }],
    series: [
      { name: 'Paid', type: 'bar', data: [{ value: 4e9 }, { value: 2e9 }] },
      {
        name: 'Cumulative paid',
        type: 'line',
        data: [{ value: 4e9 }, { value: 6e9 }],
        markLine: {
          data: [
            { name: 'Cap', yAxis: 6e9 },
            { name: 'Cap reached', xAxis: '2025Q2', quarter: '2025Q2' },
          ],
        },
        markPoint: { data: [{ name: 'Cap reached', coord: ['2025Q2', 6e9], value: 6e9, quarter: '2025Q2' }] },
      },
    ],
  };
}

type Fn = (...args: unknown[]) => unknown;

describe('decorate', () => {
  it('formats the value axis in short dollars', () => {
    const o = decorate(goOption(), 'light');
    const y = (o.yAxis as Option[])[0];
    const fmt = (y.axisLabel as Option).formatter as Fn;
    expect(fmt(12_300_000_000)).toBe('$12.3B');
    expect(fmt(0)).toBe('$0');
  });

  it('writes a chart in gigawatts in GW, not dollars', () => {
    const o = decorate({ ...goOption(), unit: 'GW' }, 'light');
    expect(o.unit).toBeUndefined();
    const fmt = ((o.yAxis as Option[])[0].axisLabel as Option).formatter as Fn;
    expect(fmt(4.5)).toBe('4.5 GW');
    const tip = (o.tooltip as Option).valueFormatter as Fn;
    expect(tip(0.75)).toBe('0.75 GW');
  });

  it('gives tooltips $B first and the exact amount after it', () => {
    const o = decorate(goOption(), 'dark');
    const fmt = (o.tooltip as Option).valueFormatter as Fn;
    expect(fmt(108_640_000_000)).toBe('$108.64B ($108,640,000,000.00)');
    expect(fmt(38_000_000_000)).toBe('$38B ($38,000,000,000.00)');
    expect(fmt(12_345.6)).toBe('$12,345.60');
    expect((o.tooltip as Option).trigger).toBe('axis');
  });

  it('labels the cap lines', () => {
    const o = decorate(goOption(), 'light');
    const line = (o.series as Option[])[1].markLine as Option;
    const items = line.data as Option[];
    const capFmt = (items[0].label as Option).formatter as Fn;
    expect(capFmt({ name: 'Cap', value: 6e9, data: items[0] })).toBe('Cap $6B');
    const hitFmt = (items[1].label as Option).formatter as Fn;
    expect(hitFmt({ name: 'Cap reached', value: '2025Q2', data: items[1] })).toBe('Cap reached 2025Q2');
    const point = ((o.series as Option[])[1].markPoint as Option).data as Option[];
    const pointFmt = (point[0].label as Option).formatter as Fn;
    expect(pointFmt({ name: 'Cap reached', value: 6e9, data: point[0] })).toBe('Cap reached 2025Q2');
  });

  it('keeps the data, as plain values, and does not change its input', () => {
    const input = goOption();
    const before = JSON.stringify(input);
    const o = decorate(input, 'light');
    expect(JSON.stringify(input)).toBe(before);
    expect((o.series as Option[])[0].data).toEqual([4e9, 2e9]);
    expect((o.series as Option[])[1].data).toEqual([4e9, 6e9]);
    expect(o.backgroundColor).toBe('transparent');
  });

  it('writes an item that holds only its value as that value, and keeps any other', () => {
    expect(plainItem({ value: 655_000_000 })).toBe(655_000_000);
    expect(plainItem({ value: 0 })).toBe(0);
    // "-" is echarts' mark for none: the tooltip shows it as before.
    expect(plainItem({ value: '-' })).toBe('-');
    const styled = { value: 3e9, itemStyle: { color: '#f28e2b' } };
    expect(plainItem(styled)).toBe(styled);
    const text = { value: 'x' };
    expect(plainItem(text)).toBe(text);
    const cell = [1, 2, 3e9];
    expect(plainItem(cell)).toBe(cell);
    expect(plainItem(7)).toBe(7);
    expect(plainItem(null)).toBe(null);
  });

  it('gives equal hatchings one object, so that echarts paints each once', () => {
    const hatched = (color: string): Option => {
      const o = goOption();
      const bar = (o.series as Option[])[0];
      bar.itemStyle = { color: '#4e79a7', decal: { symbol: 'rect', dashArrayX: [1, 0], dashArrayY: [3, 5], rotation: -0.785398, color } };
      return o;
    };
    const decal = (o: Option) => ((o.series as Option[])[0].itemStyle as Option).decal as Option;
    const a = decorate(hatched('rgba(255,255,255,0.55)'), 'light');
    const b = decorate(hatched('rgba(255,255,255,0.55)'), 'dark');
    const c = decorate(hatched('rgba(0,0,0,0.3)'), 'light');
    expect(decal(b)).toBe(decal(a));
    expect(decal(c)).not.toBe(decal(a));
    expect(decal(c).color).toBe('rgba(0,0,0,0.3)');
    expect(decal(a)).toEqual({ symbol: 'rect', dashArrayX: [1, 0], dashArrayY: [3, 5], rotation: -0.785398, color: 'rgba(255,255,255,0.55)' });
    // What echarts writes on a decal it painted does not make it another one.
    decal(a).dirty = false;
    expect(decal(decorate(hatched('rgba(255,255,255,0.55)'), 'light'))).toBe(decal(a));
  });
});

describe('mark texts', () => {
  it('names the cap and its amount', () => {
    expect(markLabel({ name: 'Cap', value: 38e9 })).toBe('Cap $38B');
    expect(markLabel({ name: 'Cap', value: 38.25e9 })).toBe('Cap $38.25B');
    expect(markTooltip({ name: 'Cap', value: 38e9 })).toBe('Cap: $38,000,000,000.00');
  });

  it('names the quarter the cap binds, even on a yearly axis', () => {
    expect(markLabel({ name: 'Cap reached', value: '2029', data: { quarter: '2029Q2' } })).toBe(
      'Cap reached 2029Q2',
    );
    expect(markTooltip({ name: 'Cap reached', value: 38e9, data: { quarter: '2029Q2' } })).toBe(
      'Cap reached in 2029Q2: $38,000,000,000.00',
    );
  });
});

describe('quarterly axes', () => {
  it('tick and label at the years backend/charts marks', () => {
    const periods = ['2025Q3', '2025Q4', '2026Q1', '2026Q2', '2026Q3', '2026Q4', '2027Q1'];
    const o = decorate({ ...goOption(), xAxis: [{ type: 'category', data: periods }], yearStarts: [0, 2, 6] }, 'light');
    expect(o.yearStarts).toBeUndefined();
    const x = (o.xAxis as Option[])[0];
    const tick = x.axisTick as Option;
    const label = x.axisLabel as Option;
    const shown = periods.map((_, i) => (label.interval as Fn)(i, periods[i]));
    expect(shown).toEqual([true, false, true, false, false, false, true]);
    expect(periods.map((_, i) => (tick.interval as Fn)(i, periods[i]))).toEqual(shown);
    expect(tick.alignWithLabel).toBe(false);
    expect((label.formatter as Fn)('2026Q1')).toBe('2026');
  });
  it('leave a yearly axis as it is', () => {
    const o = decorate({ ...goOption(), xAxis: [{ type: 'category', data: ['2025', '2026'] }] }, 'light');
    const x = (o.xAxis as Option[])[0];
    expect((x.axisTick as Option).alignWithLabel).toBe(true);
    expect((x.axisLabel as Option | undefined)?.interval).toBeUndefined();
  });
});

describe('dark theme', () => {
  it('keeps light bars at 3:1 against the card', () => {
    const light = { ...goOption() };
    (light.series as Option[])[0].itemStyle = { color: '#4e79a7', opacity: 0.45 };
    const dark = decorate(light, 'dark');
    const style = (dark.series as Option[])[0].itemStyle as Option;
    expect(style.opacity).toBe(darkBarOpacity);
    // The revenue bars' colour (backend/plot's palette, first).
    expect(contrast('#4e79a7', style.opacity as number, darkSurface)).toBeGreaterThanOrEqual(3);
    // At the light theme's faded opacity it would not be.
    expect(contrast('#4e79a7', 0.45, darkSurface)).toBeLessThan(3);
    // The light theme keeps its fade.
    const kept = decorate(light, 'light');
    expect(((kept.series as Option[])[0].itemStyle as Option).opacity).toBe(0.45);
  });
});
