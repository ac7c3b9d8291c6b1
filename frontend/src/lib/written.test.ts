import { describe, expect, it } from 'vitest';
import { among, seriesWritten, withWritten, withWrittenMark } from './written';

const fan = { id: 'fan.contract.m.cumulative', title: 'Cumulative', option: { xAxis: [{ data: ['2025Q1', '2025Q2'] }], yAxis: [{}], series: [{ name: 'P10' }] } };

describe('the scenario as written on the uncertainty charts', () => {
  it('draws the as-written line over a fan, and the cap within the axis', () => {
    const c = withWritten(fan, [{ id: 'contract.m.cumulative', values: [1, 2], cap: 40e9 }]);
    const series = (c.option as { series: Record<string, unknown>[] }).series;
    expect(series).toHaveLength(3);
    expect(series[1].name).toBe(seriesWritten);
    expect(series[1].data).toEqual([1, 2]);
    const mark = series[1].markLine as { data: { yAxis: number; name: string }[] };
    expect(mark.data[0]).toEqual({ yAxis: 40e9, name: 'Cap binds at' });
    // An invisible point at the cap keeps it inside the axis; the option stays
    // data (the chart host clones it).
    expect(series[2]).toMatchObject({ name: 'Cap level', data: [40e9], lineStyle: { opacity: 0 } });
    expect(() => structuredClone(c.option)).not.toThrow();
    // The chart it came from is not changed.
    expect(fan.option.series).toHaveLength(1);
  });

  it('leaves a fan with nothing written for it as it is', () => {
    expect(withWritten(fan, [{ id: 'other', values: [1, 2] }])).toBe(fan);
  });

  it('marks the histogram at the bin holding the value, or says it lies beyond the runs', () => {
    const hist = {
      id: 'histogram',
      title: 'H',
      option: { xAxis: [{ type: 'value', min: 0, max: 40, interval: 10 }], series: [{ data: [{ value: [10, 0.2] }, { value: [20, 0.5] }, { value: [30, 0.3] }] }] },
    };
    const mark = (base: number) => {
      const s = (withWrittenMark(hist, base).option as { series: { markLine: { data: { xAxis: number; name: string }[] } }[] }).series[0].markLine;
      return [s.data[0].xAxis, s.data[0].name];
    };
    // At the value itself on the value axis; at the end of the runs when beyond them.
    expect(mark(21)).toEqual([21, 'As written $21']);
    expect(mark(26)).toEqual([26, 'As written $26']);
    expect(mark(99)).toEqual([35, 'As written $99, above every run']);
    expect(mark(1)).toEqual([5, 'As written $1, below every run']);
  });

  it('says where the value lies among the runs', () => {
    expect(among(70.64e9, 20e9, 47.88e9)).toBe('above');
    expect(among(30e9, 20e9, 47.88e9)).toBe('inside');
    expect(among(20e9, 20e9, 47.88e9)).toBe('inside');
    expect(among(10e9, 20e9, 47.88e9)).toBe('below');
  });
});
