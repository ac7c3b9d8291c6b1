import { describe, expect, it } from 'vitest';
import { countText, factCounts, groupFacts } from './facts';

const facts = [
  { owner: 'Revenue share to Microsoft', path: 'contracts.msft', text: 'Rate 20%: CNBC (not confirmed)', status: 'unconfirmed' },
  { owner: 'Revenue share to Microsoft', path: 'contracts.msft', text: 'Term through 2030: joint statement', status: 'reported' },
  { owner: 'Revenue share to Microsoft', path: 'contracts.msft', text: 'Cap $38B (not confirmed)', status: 'unconfirmed' },
  { owner: 'OpenAI revenue', path: 'streams.rev', text: 'Growth 25%: assumption', status: 'assumed' },
  { owner: 'OpenAI revenue', path: 'streams.rev', text: '2025 actual: CNBC', status: 'reported' },
];

describe('the assumptions panel', () => {
  it('groups lines by status, then by what they support, in the scenario order', () => {
    const g = groupFacts(facts);
    expect(g.unconfirmed).toEqual([
      { owner: 'Revenue share to Microsoft', path: 'contracts.msft', lines: ['Rate 20%: CNBC (not confirmed)', 'Cap $38B (not confirmed)'] },
    ]);
    expect(g.assumed.map((x) => x.owner)).toEqual(['OpenAI revenue']);
    expect(g.reported.map((x) => x.owner)).toEqual(['Revenue share to Microsoft', 'OpenAI revenue']);
  });

  it('counts each status and leaves zeros out of the summary line', () => {
    expect(countText(factCounts(facts))).toBe('2 unconfirmed · 1 assumed · 2 reported');
    expect(countText(factCounts(facts.filter((f) => f.status === 'reported')))).toBe('2 reported');
    expect(countText(factCounts([]))).toBe('');
  });

  it('reads a status it does not know as reported', () => {
    expect(groupFacts([{ owner: 'A', path: 'streams.a', text: 'x', status: 'other' }]).reported).toHaveLength(1);
  });
});
