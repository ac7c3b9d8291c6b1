import { describe, expect, it } from 'vitest';
import { failure, kindOf, ServiceError, withKinds } from './failure';
import { message } from './api';

describe('failed calls', () => {
  it('read the kind the window and the browser both reject with', () => {
    const e = failure({ error: 'The database is busy: try again in a moment.', kind: 'busy' });
    expect(e).toBeInstanceOf(ServiceError);
    expect(e.message).toBe('The database is busy: try again in a moment.');
    expect(e.kind).toBe('busy');
    expect(kindOf({ error: 'No scenario named “x”', kind: 'not_found' })).toBe('not_found');
    expect(message({ error: 'A scenario named “x” exists', kind: 'conflict' })).toBe('A scenario named “x” exists');
  });
  it('read the JSON text the window rejects with like the object the browser rejects with', () => {
    const e = failure(new Error('{"error":"No scenario named \\"x\\"","kind":"not_found"}'));
    expect(e.message).toBe('No scenario named "x"');
    expect(e.kind).toBe('not_found');
    expect(kindOf('{"error":"busy","kind":"busy"}')).toBe('busy');
    expect(message(new Error('{"error": broken'))).toBe('{"error": broken');
  });
  it('count text and unknown kinds as internal', () => {
    expect(kindOf('method not registered')).toBe('internal');
    expect(kindOf(new Error('Call to X timed out'))).toBe('internal');
    expect(kindOf({ error: 'odd', kind: 'weird' })).toBe('internal');
    expect(failure(42).message).toBe('Something went wrong.');
  });
  it('make every call of a service reject with a ServiceError', async () => {
    const s = withKinds({
      Save: (t: string) => (t === 'busy' ? Promise.reject({ error: 'busy now', kind: 'busy' }) : Promise.resolve(t.length)),
      Open: () => Promise.reject('no method'),
    });
    await expect(s.Save('ok')).resolves.toBe(2);
    await expect(s.Save('busy')).rejects.toMatchObject({ message: 'busy now', kind: 'busy' });
    await expect(s.Open()).rejects.toMatchObject({ message: 'no method', kind: 'internal' });
  });
});
