import { describe, expect, it } from 'vitest';
import type { Edit } from './api';
import { Coalescer, type Request } from './coalesce';

function frames() {
  let queue: (() => void)[] = [];
  return {
    schedule: (fn: () => void) => queue.push(fn),
    tick: () => {
      const q = queue;
      queue = [];
      q.forEach((fn) => fn());
    },
    pending: () => queue.length,
  };
}

const set = (path: string, value: string): Edit => ({ op: 'set', path, value });

describe('Coalescer', () => {
  it('sends the first edit at once, then at most one request a frame with the latest edit of each field', () => {
    const f = frames();
    const sent: Request[] = [];
    const c = new Coalescer(f.schedule, (r) => sent.push(r));
    c.push('cap', set('cap', '40B'), 1);
    expect(sent).toHaveLength(1);
    expect(sent[0].edits).toEqual([set('cap', '40B')]);
    c.push('cap', set('cap', '41B'), 2);
    c.push('cap', set('cap', '42B'), 3);
    c.push('rate', set('rate', '19%'), 4);
    expect(sent).toHaveLength(1);
    f.tick();
    expect(sent).toHaveLength(2);
    // The unanswered first request's edit is carried too: the service is stateless.
    expect(sent[1].edits).toEqual([set('cap', '42B'), set('rate', '19%')]);
    expect(sent[1].inputId).toBe(4);
    expect(sent[1].seq).toBe(2);
  });

  it('shows an answer newer than the one shown, and drops older ones', () => {
    const f = frames();
    const sent: Request[] = [];
    const c = new Coalescer(f.schedule, (r) => sent.push(r));
    c.push('cap', set('cap', '40B'));
    c.push('cap', set('cap', '41B'));
    f.tick();
    c.push('cap', set('cap', '42B'));
    f.tick();
    expect(sent.map((r) => r.seq)).toEqual([1, 2, 3]);
    // 2 answers first: shown, although 3 is under way.
    expect(c.accept(2)).toBe(true);
    expect(c.busy).toBe(true);
    // 1 answers late: older than what is shown, dropped.
    expect(c.accept(1)).toBe(false);
    expect(c.accept(3)).toBe(true);
    expect(c.busy).toBe(false);
  });

  it('says an answer is superseded while edits made after its request wait', () => {
    const f = frames();
    const sent: Request[] = [];
    const c = new Coalescer(f.schedule, (r) => sent.push(r), 1);
    c.push('cap', set('cap', '40B'));
    expect(c.superseded).toBe(false);
    // The drag goes on while the first request is under way: those edits wait.
    c.push('cap', set('cap', '41B'));
    c.push('rate', set('rate', '15%'));
    expect(sent).toHaveLength(1);
    expect(c.superseded).toBe(true);
    expect(c.accept(1)).toBe(true);
    c.settled(1);
    // Settling sends what waited: nothing is superseded any more.
    expect(sent).toHaveLength(2);
    expect(sent[1].edits.map((e) => e.value)).toEqual(['41B', '15%']);
    expect(c.superseded).toBe(false);
  });

  it('keeps the edits a shown answer did not carry', () => {
    const f = frames();
    const sent: Request[] = [];
    const c = new Coalescer(f.schedule, (r) => sent.push(r));
    c.push('cap', set('cap', '40B'));
    c.push('rate', set('rate', '10%'));
    f.tick();
    expect(sent[1].edits).toEqual([set('cap', '40B'), set('rate', '10%')]);
    // The answer to 1 (cap only) is shown; rate, sent in 2, is still unconfirmed.
    expect(c.accept(1)).toBe(true);
    f.tick();
    c.push('years', set('years', '5'));
    expect(sent[2].edits).toEqual([set('rate', '10%'), set('years', '5')]);
  });

  it('starts from the accepted answer: confirmed edits are not sent again', () => {
    const f = frames();
    const sent: Request[] = [];
    const c = new Coalescer(f.schedule, (r) => sent.push(r));
    c.push('cap', set('cap', '40B'));
    expect(c.accept(1)).toBe(true);
    f.tick();
    c.push('rate', set('rate', '10%'));
    expect(sent[1].edits).toEqual([set('rate', '10%')]);
  });

  it('a request made outside (undo, period) supersedes pending edits', () => {
    const f = frames();
    const sent: Request[] = [];
    const c = new Coalescer(f.schedule, (r) => sent.push(r));
    c.push('cap', set('cap', '40B'));
    c.push('cap', set('cap', '41B'));
    const seq = c.next();
    f.tick();
    expect(sent).toHaveLength(1);
    expect(c.accept(1)).toBe(false);
    expect(c.accept(seq)).toBe(true);
  });

  it('forgets the edits of a failed request', () => {
    const f = frames();
    const sent: Request[] = [];
    const c = new Coalescer(f.schedule, (r) => sent.push(r));
    c.push('cap', set('cap', 'x'));
    c.fail(1);
    f.tick();
    c.push('rate', set('rate', '1%'));
    expect(sent[1].edits).toEqual([set('rate', '1%')]);
  });

  it('reset drops everything in flight', () => {
    const f = frames();
    const sent: Request[] = [];
    const c = new Coalescer(f.schedule, (r) => sent.push(r));
    c.push('cap', set('cap', '40B'));
    c.push('cap', set('cap', '41B'));
    c.reset();
    f.tick();
    expect(sent).toHaveLength(1);
    expect(c.accept(1)).toBe(false);
  });

  it('keeps at most maxInFlight requests under way; edits made meanwhile go when one settles', () => {
    const f = frames();
    const sent: Request[] = [];
    const c = new Coalescer(f.schedule, (r) => sent.push(r), 1);
    c.push('cap', set('cap', '40B'), 1);
    expect(sent).toHaveLength(1);
    c.push('cap', set('cap', '41B'), 2);
    f.tick();
    c.push('cap', set('cap', '42B'), 3);
    f.tick();
    f.tick();
    // Frames pass, but nothing goes while the first request is under way.
    expect(sent).toHaveLength(1);
    expect(c.accept(1)).toBe(true);
    c.settled(1);
    expect(sent).toHaveLength(2);
    expect(sent[1].edits).toEqual([set('cap', '42B')]);
    expect(sent[1].inputId).toBe(3);
    // An answer that settles with nothing pending sends nothing.
    expect(c.accept(sent[1].seq)).toBe(true);
    c.settled(sent[1].seq);
    expect(sent).toHaveLength(2);
    // A failed request frees its place too.
    c.push('cap', set('cap', '43B'), 4);
    f.tick();
    expect(sent).toHaveLength(3);
    c.push('rate', set('rate', '18%'), 5);
    f.tick();
    expect(sent).toHaveLength(3);
    c.fail(sent[2].seq);
    c.settled(sent[2].seq);
    expect(sent).toHaveLength(4);
    expect(sent[3].edits).toEqual([set('rate', '18%')]);
  });
});
