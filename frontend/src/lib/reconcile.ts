// A new evaluation replaces the old one whole, but most of its inputs, groups and
// charts are unchanged by one slider step. Keeping the old objects where nothing
// changed lets the page redraw only what did.

import type { Chart, Evaluation, Input, InputGroup } from './api';

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

export function sameInput(a: Input, b: Input): boolean {
  return (
    a.path === b.path &&
    a.kind === b.kind &&
    a.value === b.value &&
    a.number === b.number &&
    a.min === b.min &&
    a.max === b.max &&
    a.step === b.step &&
    a.label === b.label &&
    a.group === b.group &&
    a.groupLabel === b.groupLabel &&
    a.uncertain === b.uncertain &&
    a.range === b.range &&
    sameList(a.sources, b.sources)
  );
}

export function sameGroup(a: InputGroup, b: InputGroup): boolean {
  return (
    a.id === b.id &&
    a.kind === b.kind &&
    a.label === b.label &&
    a.detail === b.detail &&
    a.enabled === b.enabled &&
    a.removable === b.removable &&
    a.canAddCap === b.canAddCap &&
    a.canRemoveCap === b.canRemoveCap &&
    a.timeline === b.timeline &&
    JSON.stringify(a.changeTerms ?? []) === JSON.stringify(b.changeTerms ?? []) &&
    sameList(a.sources, b.sources) &&
    a.sourcesPath === b.sourcesPath &&
    sameList(a.placeholders ?? [], b.placeholders ?? []) &&
    JSON.stringify(a.texts ?? []) === JSON.stringify(b.texts ?? []) &&
    JSON.stringify(a.events ?? []) === JSON.stringify(b.events ?? []) &&
    JSON.stringify(a.choices ?? []) === JSON.stringify(b.choices ?? [])
  );
}

function keep<T>(prev: T[] | undefined, next: T[], key: (x: T) => string, same: (a: T, b: T) => boolean): T[] {
  if (!prev) return next;
  const old = new Map(prev.map((x) => [key(x), x]));
  let changed = prev.length !== next.length;
  const out = next.map((x, i) => {
    const o = old.get(key(x));
    if (o !== undefined && same(o, x)) {
      if (prev[i] !== o) changed = true;
      return o;
    }
    changed = true;
    return x;
  });
  return changed ? out : prev;
}

// Chart options are compared as the JSON they came as: a few kilobytes each.
const optionText = new WeakMap<Chart, string>();
function chartText(c: Chart): string {
  let t = optionText.get(c);
  if (t === undefined) {
    t = c.title + '\n' + JSON.stringify(c.option);
    optionText.set(c, t);
  }
  return t;
}

/**
 * reconcile returns next with the inputs, groups and charts of prev that are
 * unchanged put in place of their equals (and whole lists kept when nothing in them
 * changed).
 */
export function reconcile(prev: Evaluation | null, next: Evaluation): Evaluation {
  if (!prev) return next;
  const out: Evaluation = {
    ...next,
    inputs: keep(prev.inputs, next.inputs, (i) => i.path, sameInput),
    groups: keep(prev.groups, next.groups, (g) => g.id, sameGroup),
  };
  if (prev.computation && next.computation) {
    out.computation = {
      ...next.computation,
      // A stale chart is never kept: its option is of an earlier state.
      charts: keep(prev.computation.charts, next.computation.charts, (c) => c.id, (a, b) => !(a as Chart).stale && chartText(a) === chartText(b)),
    };
  }
  return out;
}
