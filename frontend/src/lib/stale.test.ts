import { describe, expect, it } from 'vitest';
import type { Chart, Evaluation } from './api';
import { reconcile } from './reconcile';
import { fresh, freshAmong, markStale, staleAmong } from './stale';

function chart(id: string, v: number): Chart {
  return { id, title: id.toUpperCase(), option: { series: [{ data: [v] }] } };
}

function evaluation(...charts: Chart[]): Evaluation {
  return {
    document: '',
    name: 'x',
    description: '',
    groups: [],
    inputs: [],
    computation: { scenario: 'x', period: 'quarter', periods: [], keyFigures: [], summary: [], charts },
    problems: [],
    dirty: false,
    facts: [],
    factsAsOf: '',
    placeholders: [],
    state: 's1',
  };
}

describe('stale charts', () => {
  it('marks the charts a step did not draw, keeping the drawn ones and those already stale', () => {
    const ev = evaluation(chart('a', 1), chart('b', 1), { ...chart('c', 1), stale: true });
    const next = markStale(ev, ['a']);
    const [a, b, c] = next.computation!.charts as Chart[];
    expect(a).toBe(ev.computation!.charts[0]);
    expect(a.stale).toBeFalsy();
    expect(b.stale).toBe(true);
    expect(b.option).toEqual(ev.computation!.charts[1].option);
    expect(c).toBe(ev.computation!.charts[2]);
    // The original is left as it was.
    expect((ev.computation!.charts[1] as Chart).stale).toBeFalsy();
    // Nothing to mark: the same evaluation.
    expect(markStale(next, ['a'])).toBe(next);
  });

  it('puts the charts drawn for the state in place of the stale ones only', () => {
    const ev = markStale(evaluation(chart('a', 1), chart('b', 1), chart('c', 1)), ['a']);
    const got = fresh(ev, [chart('a', 9), chart('b', 2)]);
    const [a, b, c] = got.computation!.charts as Chart[];
    // a was not stale: the step's own option stays.
    expect(a).toBe(ev.computation!.charts[0]);
    expect(b).toEqual(chart('b', 2));
    expect(b.stale).toBeFalsy();
    expect(c.stale).toBe(true);
    expect(fresh(got, [])).toBe(got);
  });

  it('names the stale and the fresh charts near the view, in order', () => {
    const ev = markStale(evaluation(chart('a', 1), chart('b', 1), chart('c', 1), chart('d', 1)), ['a', 'c']);
    const near = new Set(['d', 'c', 'b', 'x']);
    expect(staleAmong(ev, near)).toEqual(['b', 'd']);
    expect(freshAmong(ev, near)).toEqual(['c']);
    expect(freshAmong(ev, new Set())).toEqual([]);
  });

  it('is not kept by reconcile, even when the new option is the same', () => {
    const stale = markStale(evaluation(chart('a', 1), chart('b', 1)), ['a']);
    const whole = evaluation(chart('a', 1), chart('b', 1));
    const got = reconcile(stale, whole);
    expect(got.computation!.charts[0]).toBe(stale.computation!.charts[0]);
    expect((got.computation!.charts[1] as Chart).stale).toBeFalsy();
    expect(got.computation!.charts[1]).toBe(whole.computation!.charts[1]);
  });
});
