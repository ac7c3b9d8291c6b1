import { describe, expect, it } from 'vitest';
import type { Chart, Evaluation, StepResult } from './api';
import { docSum } from './patch';
import { maxPositions, nextPositions, positions, Speculations, type Track } from './speculation';

function chart(id: string, v: number): Chart {
  return { id, title: id, option: { series: [{ data: [v] }] } };
}

const base: Evaluation = {
  document: 'name: x\ncap: 38B\n',
  name: 'x',
  description: '',
  groups: [],
  inputs: [],
  computation: { scenario: 'x', period: 'quarter', periods: [], keyFigures: [], summary: [], charts: [chart('a', 1), chart('b', 1)] },
  problems: [],
  dirty: false,
  facts: [],
  factsAsOf: '',
  placeholders: [],
  state: 's0',
};

/** stepTo is the service's step from base setting cap to value, drawing chart a as v. */
function stepTo(value: string, v: number): StepResult {
  const doc = `name: x\ncap: ${value}\n`;
  return {
    state: `s-${value}`,
    doc: { at: 1, del: 1, ins: [`cap: ${value}`], len: doc.length, sum: docSum(doc) },
    patch: [[['computation', 'charts', 0, 'option'], { series: [{ data: [v] }] }]],
    problems: [],
    dirty: true,
    charts: ['a'],
  };
}

const set = (path: string, value: string) => ({ op: 'set', path, value });

describe('speculation', () => {
  it('shows a position from its step: the figures, the document and the charts not drawn marked stale', () => {
    const s = new Speculations();
    expect(s.wanted('cap', 'quarter')).toBe(true);
    const f = s.asking('s0', 'cap', 'quarter', base, base.document);
    // Asked for: not asked again, and nothing to show until it answers.
    expect(s.wanted('cap', 'quarter')).toBe(false);
    expect(s.lookup(set('cap', '40B'), 'quarter')).toBeNull();
    expect(s.answered(f, [{ value: '40B', step: stepTo('40B', 40) }, { value: '41B', step: stepTo('41B', 41) }])).toBe(true);
    const ev = s.lookup(set('cap', '41B'), 'quarter')!;
    expect(ev.document).toBe('name: x\ncap: 41B\n');
    expect(ev.state).toBe('s-41B');
    expect(ev.dirty).toBe(true);
    const [a, b] = ev.computation!.charts as Chart[];
    expect(a.option).toEqual({ series: [{ data: [41] }] });
    expect(a.stale).toBeFalsy();
    expect(b.stale).toBe(true);
    // The base is left as it was.
    expect(base.computation!.charts[0].option).toEqual({ series: [{ data: [1] }] });
    // A position not answered, another field, another period: nothing.
    expect(s.lookup(set('cap', '42B'), 'quarter')).toBeNull();
    // The rest, answered next, joins them.
    expect(s.answered(f, [{ value: '42B', step: stepTo('42B', 42) }, { value: '43B', step: stepTo('43B', 43) }])).toBe(true);
    expect(s.lookup(set('cap', '42B'), 'quarter')).not.toBeNull();
    expect(s.lookup(set('cap', '41B'), 'quarter')).not.toBeNull();
    // An answer of none ends the asking.
    expect(s.answered(f, [])).toBe(false);
    expect(s.lookup(set('rate', '41B'), 'quarter')).toBeNull();
    expect(s.lookup(set('cap', '41B'), 'year')).toBeNull();
  });

  it('holds while only the slider field changes, and ends with any other edit', () => {
    const s = new Speculations();
    const f = s.asking('s0', 'cap', 'quarter', base, base.document);
    s.answered(f, [{ value: '40B', step: stepTo('40B', 40) }]);
    s.edited(set('cap', '39B'));
    expect(s.lookup(set('cap', '40B'), 'quarter')).not.toBeNull();
    s.edited({ op: 'follow', path: 'cap', value: '38B' });
    expect(s.lookup(set('cap', '40B'), 'quarter')).toBeNull();
    expect(s.wanted('cap', 'quarter')).toBe(true);
  });

  it('drops an answer that comes after its steps ended, and a step whose document does not check', () => {
    const s = new Speculations();
    const f = s.asking('s0', 'cap', 'quarter', base, base.document);
    s.clear();
    expect(s.answered(f, [{ value: '40B', step: stepTo('40B', 40) }])).toBe(false);
    expect(s.lookup(set('cap', '40B'), 'quarter')).toBeNull();
    const g = s.asking('s0', 'cap', 'quarter', base, base.document);
    const bad = stepTo('40B', 40);
    bad.doc = { ...bad.doc, sum: bad.doc.sum ^ 1 };
    s.answered(g, [{ value: '40B', step: bad }]);
    expect(s.lookup(set('cap', '40B'), 'quarter')).toBeNull();
    s.failed(g);
    expect(s.wanted('cap', 'quarter')).toBe(true);
  });

  it('lists a slider positions nearest first, as the slider writes them, without its own', () => {
    const text = (v: number) => `${v.toFixed(1)}B`;
    expect(positions(0, 1, 0.2, 0.4, text)).toEqual(['0.2B', '0.6B', '0.0B', '0.8B', '1.0B']);
    // Float steps that do not add up exactly still give the slider's texts.
    expect(positions(0.1, 0.4, 0.1, 0.1, text)).toEqual(['0.2B', '0.3B', '0.4B']);
    expect(positions(0, 1e6, 1, 500, (v) => String(Math.round(v)))).toHaveLength(maxPositions);
    expect(positions(0, 0, 1, 0, text)).toEqual([]);
    expect(positions(0, 1, 0, 0, text)).toEqual([]);
  });

  it('lists the value’s own position first when asked to', () => {
    const text = (v: number) => `${v.toFixed(1)}B`;
    expect(positions(0, 1, 0.2, 0.4, text, true)).toEqual(['0.4B', '0.2B', '0.6B', '0.0B', '0.8B', '1.0B']);
  });

  // A track of 0 to 100 by 1, its thumb wherever `at` is.
  function track(at: { value: number }, pointer?: number): Track {
    return { near: (v, own) => positions(0, 100, 1, v, String, own), value: () => at.value, pointer: pointer === undefined ? undefined : () => pointer };
  }

  it('asks first for the positions nearest the thumb and the pointer in turn', () => {
    const at = { value: 50 };
    expect(nextPositions(track(at), new Set(), 4)).toEqual(['49', '51', '48', '52']);
    // The pointer's own position first: a press there jumps to it.
    expect(nextPositions(track(at, 20), new Set(), 6)).toEqual(['20', '49', '19', '51', '21', '48']);
    // Near each other, a position is asked for once.
    expect(nextPositions(track(at, 51), new Set(), 5)).toEqual(['51', '49', '50', '52', '48']);
  });

  it('asks next for the positions nearest where the slider is by then, without those done', () => {
    const at = { value: 50 };
    const t = track(at, 20);
    const done = new Set(['49', '51', '48', '52']);
    expect(nextPositions(t, done).slice(0, 4)).toEqual(['47', '53', '46', '54']);
    // A drag moved the thumb past them: the positions around it come first.
    at.value = 80;
    expect(nextPositions(t, done).slice(0, 3)).toEqual(['79', '81', '78']);
    expect(nextPositions(t, done)).toHaveLength(100 - done.size);
    expect(nextPositions(t, new Set(positions(0, 100, 1, 80, String)))).toEqual([]);
  });
});
