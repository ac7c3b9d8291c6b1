import { describe, expect, it } from 'vitest';
import type { Input } from './api';
import { addActual, addChange, addMark, addRampStep, addTranche, eventPaths, eventProblem, inTimeline, quarterNumber, strip, type TimelineEvent } from './timeline';

function ev(kind: string, path: string, quarter: string, what = ''): TimelineEvent {
  return { kind, path, quarter, what, note: '', sources: [], lapsed: false };
}

describe('eventPaths', () => {
  it('edits a change by its quarter: move, note, source, remove, its terms', () => {
    const p = eventPaths(ev('change', 'contracts.s.changes.2026Q2', '2026Q2'));
    expect(p).toEqual({
      quarter: 'contracts.s.changes.2026Q2',
      note: 'contracts.s.changes.2026Q2.note',
      source: 'contracts.s.changes.2026Q2.source',
      remove: 'contracts.s.changes.2026Q2',
      inputs: 'contracts.s.changes.2026Q2.',
    });
  });

  it('edits a tranche at its at, condition and amount, and its deadline apart', () => {
    const t = eventPaths(ev('tranche', 'contracts.p.tranches.contingent', '2027Q4'));
    expect(t.quarter).toBe('contracts.p.tranches.contingent.at');
    expect(t.note).toBe('contracts.p.tranches.contingent.condition');
    expect(t.inputs).toBe('contracts.p.tranches.contingent.');
    const d = eventPaths(ev('deadline', 'contracts.p.tranches.contingent.expires', '2028Q4'));
    expect(d.quarter).toBe('contracts.p.tranches.contingent.expires');
    expect(d.note).toBe('contracts.p.tranches.contingent.condition');
    expect(d.remove).toBe('contracts.p.tranches.contingent.expires');
  });

  it('moves and removes a valuation mark and a reported quarter at their own paths', () => {
    expect(eventPaths(ev('mark', 'contracts.e.valuation.marks.2025Q1', '2025Q1'))).toEqual({
      quarter: 'contracts.e.valuation.marks.2025Q1',
      remove: 'contracts.e.valuation.marks.2025Q1',
    });
    const a = eventPaths(ev('actual', 'streams.r.actuals.2026Q1', '2026Q1'));
    expect(a.quarter).toBe('streams.r.actuals.2026Q1');
    expect(a.remove).toBe('streams.r.actuals.2026Q1');
    expect(a.note).toBeUndefined();
  });
});

describe('the add edits', () => {
  it('names the path the service adds at', () => {
    expect(addChange('contracts.s', ' 2028q1 ', 'rate', '15%')).toEqual({ op: 'set', path: 'contracts.s.changes.2028Q1.rate', value: '15%' });
    expect(addTranche('contracts.p', 'bonus', '5B').path).toBe('contracts.p.tranches.bonus.amount');
    expect(addActual('streams.r', '2026q2', '7B').path).toBe('streams.r.actuals.2026Q2');
    expect(addRampStep('contracts.c', '2029Q1', '750MW').path).toBe('contracts.c.gw.2029Q1');
    expect(addMark('contracts.e', ' 2027q2', '1.2T')).toEqual({ op: 'set', path: 'contracts.e.valuation.marks.2027Q2', value: '1.2T' });
  });
});

describe('strip', () => {
  it('places quarters from the first to the last and joins the events of one quarter', () => {
    const points = strip([
      ev('tranche', 'a', '2026Q1', 'tranche upfront pays $15B'),
      ev('deadline', 'b', '2028Q4', 'deadline'),
      ev('change', 'c', '2026Q1', 'rate 20%'),
      ev('tranche', 'd', '2027Q2', 'later'),
    ]);
    expect(points.map((p) => p.quarter)).toEqual(['2026Q1', '2027Q2', '2028Q4']);
    expect(points[0].x).toBe(0);
    expect(points[2].x).toBe(1);
    expect(points[1].x).toBeCloseTo(5 / 11);
    expect(points[0].kinds).toEqual(['tranche', 'change']);
    expect(points[0].label).toBe('2026Q1: tranche upfront pays $15B; rate 20%');
  });

  it('puts a single quarter in the middle and skips what is not a quarter', () => {
    expect(strip([ev('change', 'a', '2026Q2'), ev('change', 'b', 'soon')])).toEqual([
      { x: 0.5, quarter: '2026Q2', kinds: ['change'], label: '2026Q2: ' },
    ]);
    expect(strip([])).toEqual([]);
  });
});

describe('helpers', () => {
  it('reads quarters and bare years', () => {
    expect(quarterNumber('2026Q2')).toBe(2026 * 4 + 1);
    expect(quarterNumber('2026')).toBe(2026 * 4);
    expect(quarterNumber('2026Q5')).toBeNaN();
  });

  it('draws the values of changes and tranches in the timeline, not in the list', () => {
    const input = (path: string) => ({ path }) as Input;
    expect(inTimeline(input('contracts.s.changes.2026Q2.rate'))).toBe(true);
    expect(inTimeline(input('contracts.p.tranches.a.amount'))).toBe(true);
    expect(inTimeline(input('contracts.c.gw.2027Q1'))).toBe(false);
    expect(inTimeline(input('contracts.s.cap'))).toBe(false);
  });

  it('finds the problem of an event at any of its paths', () => {
    const e = ev('tranche', 'contracts.p.tranches.t', '2027Q4');
    expect(eventProblem(e, { 'contracts.p.tranches.t.at': 'after its deadline' })).toBe('after its deadline');
    expect(eventProblem(e, { 'contracts.x.cap': 'no' })).toBeUndefined();
  });
});
