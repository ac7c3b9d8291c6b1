import { describe, expect, it } from 'vitest';
import { loneSurrogate, wellFormed } from './wellformed';

describe('lone surrogates', () => {
  it('finds half a pair anywhere in the arguments, and says where', () => {
    expect(loneSurrogate(['name: "Deal \uD800"'])).toBe(
      'the text holds U+D800 at character 13: half of a UTF-16 surrogate pair without its other half, which names no character; type or paste the character again',
    );
    expect(loneSurrogate([{ edits: [{ value: '🚀x\uDC00' }] }])).toContain('U+DC00 at character 3');
    expect(loneSurrogate(['\uDBFFa'])).toContain('U+DBFF at character 1');
  });
  it('lets whole pairs and plain text through', () => {
    expect(loneSurrogate(['Deal 🚀 \uD83D\uDE80', { a: ['é', 3, null] }])).toBeNull();
  });
  it('refuses the call before it reaches the service', async () => {
    const calls: string[] = [];
    const s = wellFormed({ Save: (t: string) => (calls.push(t), Promise.resolve(t.length)) });
    await expect(s.Save('ok 🚀')).resolves.toBe(5);
    await expect(s.Save('bad \uD800')).rejects.toThrow(/^The text holds U\+D800 at character 5/);
    expect(calls).toEqual(['ok 🚀']);
  });
});
