import type { Fact } from './api';

/** How firm a source line is, as backend/view classifies it. */
export type FactStatus = 'unconfirmed' | 'assumed' | 'reported';

/** The order the assumptions panel lists them in: what a reader must not take as firm first. */
export const statusOrder: FactStatus[] = ['unconfirmed', 'assumed', 'reported'];

export const statusTitle: Record<FactStatus, string> = {
  unconfirmed: 'Reported but not confirmed',
  assumed: 'Assumed by the scenario',
  reported: 'Reported',
};

/** FactGroup is the lines of one stream or contract with one status. */
export interface FactGroup {
  owner: string;
  path: string;
  lines: string[];
}

/**
 * groupFacts sorts the source lines by status, then keeps each stream's or
 * contract's lines together in the order the scenario gives them.
 */
export function groupFacts(facts: Fact[]): Record<FactStatus, FactGroup[]> {
  const out: Record<FactStatus, FactGroup[]> = { unconfirmed: [], assumed: [], reported: [] };
  for (const f of facts) {
    const status = (statusOrder as string[]).includes(f.status) ? (f.status as FactStatus) : 'reported';
    const list = out[status];
    let g = list.find((x) => x.path === f.path);
    if (!g) {
      g = { owner: f.owner, path: f.path, lines: [] };
      list.push(g);
    }
    g.lines.push(f.text);
  }
  return out;
}

/** factCounts is how many lines each status has, for the panel's summary line. */
export function factCounts(facts: Fact[]): Record<FactStatus, number> {
  const n: Record<FactStatus, number> = { unconfirmed: 0, assumed: 0, reported: 0 };
  for (const f of facts) {
    const s = (statusOrder as string[]).includes(f.status) ? (f.status as FactStatus) : 'reported';
    n[s]++;
  }
  return n;
}

/** countText writes "3 unconfirmed · 7 assumed · 12 reported", leaving out the zeros. */
export function countText(n: Record<FactStatus, number>): string {
  return statusOrder
    .filter((s) => n[s] > 0)
    .map((s) => `${n[s]} ${s}`)
    .join(' · ');
}
