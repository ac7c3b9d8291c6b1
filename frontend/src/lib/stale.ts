// Charts of an earlier state. A step draws only the charts in view; the others
// keep the option they had, marked stale, and the page asks for the current one
// (api.charts) when such a chart comes near, or once the edits stop for one that
// is near already. A stale option is never drawn.

import type { Chart, Evaluation } from './api';

/** charts is the evaluation's list of charts (empty without a computation). */
function charts(ev: Evaluation): Chart[] {
  return ev.computation?.charts ?? [];
}

/** withCharts returns ev with its charts replaced by fn's, or ev itself when fn changed none. */
function withCharts(ev: Evaluation, fn: (c: Chart) => Chart): Evaluation {
  const list = charts(ev);
  const next = list.map(fn);
  if (!ev.computation || next.every((c, i) => c === list[i])) return ev;
  return { ...ev, computation: { ...ev.computation, charts: next } };
}

/** markStale marks every chart that drawn does not name as stale. */
export function markStale(ev: Evaluation, drawn: readonly string[]): Evaluation {
  const fresh = new Set(drawn);
  return withCharts(ev, (c) => (fresh.has(c.id) || c.stale ? c : { ...c, stale: true }));
}

/** fresh puts the charts drawn for ev's state in place of its stale ones. */
export function fresh(ev: Evaluation, drawn: readonly Chart[]): Evaluation {
  const byId = new Map(drawn.map((c) => [c.id, c]));
  return withCharts(ev, (c) => {
    const d = byId.get(c.id);
    return d && c.stale ? d : c;
  });
}

/** staleAmong are the ids of ev's stale charts that ids names, in ev's order. */
export function staleAmong(ev: Evaluation, ids: ReadonlySet<string>): string[] {
  return charts(ev)
    .filter((c) => c.stale && ids.has(c.id))
    .map((c) => c.id);
}

/** freshAmong are the ids of ev's charts that ids names and that are not stale. */
export function freshAmong(ev: Evaluation, ids: ReadonlySet<string>): string[] {
  return charts(ev)
    .filter((c) => !c.stale && ids.has(c.id))
    .map((c) => c.id);
}
