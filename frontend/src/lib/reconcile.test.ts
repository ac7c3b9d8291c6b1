import { describe, expect, it } from 'vitest';
import type { Evaluation, Input } from './api';
import { reconcile } from './reconcile';

function input(path: string, value: string): Input {
  return { path, kind: 'amount', group: 'g', groupLabel: 'G', label: path, value, number: 1, min: 0, max: 2, step: 0.1, sources: [], uncertain: false };
}

function evaluation(cap: string, chartValue: number): Evaluation {
  return {
    document: `cap: ${cap}`,
    name: 'x',
    description: '',
    groups: [{ id: 'g', kind: 'stream', kindLabel: 'Stream', label: 'G', detail: '', sources: [], enabled: true, removable: true, canAddCap: false, canRemoveCap: false, events: [], timeline: true, changeTerms: [], texts: [], sourcesPath: '', placeholders: [], choices: [] }],
    inputs: [input('cap', cap), input('rate', '20%')],
    computation: {
      scenario: 'x',
      period: 'quarter',
      periods: [],
      keyFigures: [],
      summary: [],
      charts: [
        { id: 'a', title: 'A', option: { series: [{ data: [chartValue] }] } },
        { id: 'b', title: 'B', option: { series: [{ data: [1] }] } },
      ],
    },
    problems: [],
    dirty: true,
    facts: [],
    factsAsOf: '',
    placeholders: [],
    state: '',
  };
}

describe('reconcile', () => {
  it('keeps what did not change and replaces what did', () => {
    const a = evaluation('38B', 1);
    const b = reconcile(a, evaluation('40B', 2));
    expect(b.inputs[0]).not.toBe(a.inputs[0]);
    expect(b.inputs[0].value).toBe('40B');
    expect(b.inputs[1]).toBe(a.inputs[1]);
    expect(b.groups).toBe(a.groups);
    expect(b.computation!.charts[0]).not.toBe(a.computation!.charts[0]);
    expect(b.computation!.charts[1]).toBe(a.computation!.charts[1]);
    expect(b.document).toBe('cap: 40B');
  });

  it('keeps whole lists when nothing changed', () => {
    const a = evaluation('38B', 1);
    const b = reconcile(a, evaluation('38B', 1));
    expect(b.inputs).toBe(a.inputs);
    expect(b.computation!.charts).toBe(a.computation!.charts);
  });

  it('replaces a group whose texts or placeholders changed', () => {
    const a = evaluation('38B', 1);
    const text = { path: 'description', key: 'description', label: 'Description', value: 'Old' };
    a.groups[0].texts = [text];
    const n = evaluation('38B', 1);
    n.groups[0].texts = [{ ...text, value: '' }];
    expect(reconcile(a, n).groups[0].texts[0].value).toBe('');
    const m = evaluation('38B', 1);
    m.groups[0].texts = [text];
    m.groups[0].placeholders = ['streams.g.label'];
    expect(reconcile(a, m).groups[0].placeholders).toEqual(['streams.g.label']);
  });

  it('replaces a group whose choice changed', () => {
    const choice = { path: 'contracts.s.valuation.interpolate', label: 'Between marks', value: 'linear', options: [{ value: 'step', label: 'Step' }, { value: 'linear', label: 'Lines' }] };
    const a = evaluation('38B', 1);
    a.groups[0].choices = [choice];
    const n = evaluation('38B', 1);
    n.groups[0].choices = [{ ...choice, value: 'step' }];
    expect(reconcile(a, n).groups[0].choices[0].value).toBe('step');
  });

  it('takes the first evaluation as it is', () => {
    const a = evaluation('38B', 1);
    expect(reconcile(null, a)).toBe(a);
  });
});
