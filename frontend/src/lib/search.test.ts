import { describe, expect, it } from 'vitest';
import { matches, search } from './search';

describe('matches', () => {
  const e = { name: 'Microsoft revenue share: high cap', description: 'OpenAI pays 20%' };
  it('finds every word in the name or description', () => {
    expect(matches(e, '')).toBe(true);
    expect(matches(e, 'micro CAP')).toBe(true);
    expect(matches(e, 'openai high')).toBe(true);
    expect(matches(e, 'oracle')).toBe(false);
  });
});

describe('search', () => {
  it('puts matches by name before matches by description', () => {
    const items = [
      { name: 'Briefing', description: 'no cap is known' },
      { name: 'No cap', description: '' },
      { name: 'Other', description: '' },
    ];
    expect(search(items, 'no cap').map((e) => e.name)).toEqual(['No cap', 'Briefing']);
    expect(search(items, '')).toHaveLength(3);
  });
});
