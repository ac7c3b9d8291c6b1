// Speculation: when the pointer reaches a slider, the page asks the service for the
// steps to the slider's positions at once (api.speculate), and a drag shows the
// position it reaches from them at once, without waiting for its round trip. Each
// edit is still sent as a step: its answer keeps the working copy, undo and drafts,
// and replaces what was shown (the same figures, so nothing is drawn again).
//
// The steps hold while the working copy differs from the state they were computed
// from only in that slider's field: any other edit, an undo, another period or
// scenario ends them.

import type { Edit, Evaluation, Period, StepResult } from './api';
import { applyDocPatch, applyPatch, docSum, type Op } from './patch';
import { markStale } from './stale';

/** The most positions asked for at once (the service takes at most 512). */
export const maxPositions = 512;

interface Family {
  state: string;
  path: string;
  period: Period;
  base: Evaluation;
  doc: string;
  steps: Map<string, StepResult> | null;
}

export class Speculations {
  #family: Family | null = null;

  /** wanted says whether to ask for path's positions from state: none are held or asked for. */
  wanted(path: string, period: Period): boolean {
    const f = this.#family;
    return !f || f.path !== path || f.period !== period;
  }

  /** asking notes that path's steps from state are asked for; base and doc are that state's. */
  asking(state: string, path: string, period: Period, base: Evaluation, doc: string): Family {
    this.#family = { state, path, period, base, doc, steps: null };
    return this.#family;
  }

  /**
   * answered keeps the steps answered for family, if it still holds, and says
   * whether to ask for more positions: not when the steps ended, nor when the
   * service answered none (a value that does not apply, an unknown state). The
   * service answers as many as its time allows, in order.
   */
  answered(family: Family, steps: { value: string; step?: StepResult }[]): boolean {
    if (this.#family !== family) return false;
    family.steps ??= new Map();
    for (const s of steps) if (s.step && !s.step.unknown && s.step.problems.length === 0) family.steps.set(s.value, s.step);
    return steps.length > 0;
  }

  /** failed forgets family's request: the next touch of the slider asks again. */
  failed(family: Family): void {
    if (this.#family === family) this.#family = null;
  }

  /** edited notes an edit about to be sent: one not of the slider's field ends the steps held. */
  edited(edit: Edit): void {
    const f = this.#family;
    if (f && (edit.op !== 'set' || edit.path !== f.path)) this.#family = null;
  }

  /** clear ends the steps held (undo, another period or scenario, a save). */
  clear(): void {
    this.#family = null;
  }

  /** lookup is the evaluation an edit reaches, when its step is held; null otherwise. */
  lookup(edit: Edit, period: Period): Evaluation | null {
    const f = this.#family;
    if (!f || !f.steps || edit.op !== 'set' || edit.path !== f.path || period !== f.period) return null;
    const st = f.steps.get(edit.value);
    if (!st) return null;
    const doc = applyDocPatch(f.doc, st.doc);
    if (doc.length !== st.doc.len || docSum(doc) !== st.doc.sum) return null;
    let ev = applyPatch(f.base, st.patch as Op[]);
    if (st.state !== f.state) ev = markStale(ev, st.charts);
    return { ...ev, document: doc, problems: [], dirty: st.dirty, state: st.state };
  }
}

/**
 * positions are the texts of a slider's positions (min to max by step, written as
 * the slider writes them), nearest to value first, at most maxPositions of them:
 * without value's own, unless own.
 */
export function positions(min: number, max: number, step: number, value: number, text: (v: number) => string, own = false): string[] {
  if (!(step > 0) || !(max > min)) return [];
  const n = Math.round((max - min) / step);
  const at = Math.round((value - min) / step);
  const out: string[] = [];
  const seen = new Set<string>(own ? [] : [text(value)]);
  for (let d = 0; out.length < maxPositions && (at - d >= 0 || at + d <= n); d++) {
    for (const k of d === 0 ? [at] : [at - d, at + d]) {
      if (k < 0 || k > n) continue;
      const t = text(min + k * step);
      if (!seen.has(t)) {
        seen.add(t);
        out.push(t);
        if (out.length === maxPositions) break;
      }
    }
  }
  return out;
}

/** A slider's track, as a speculation asks for its positions. */
export interface Track {
  /** near lists the texts of the positions nearest value first (see positions). */
  near(value: number, own: boolean): string[];
  /** value is where the slider is now: a drag moves it. */
  value(): number;
  /** pointer is the value under the pointer when it reached the slider, if known: a press there jumps to it. */
  pointer?: () => number | undefined;
}

/**
 * nextPositions are the positions to ask for next, without those done: nearest to
 * where the slider is now first, so that a drag past the positions held is
 * followed rather than left behind. A first request (first: how many) takes the
 * positions nearest the thumb and those nearest the pointer in turn, since a press
 * on the track jumps to the pointer.
 */
export function nextPositions(track: Track, done: ReadonlySet<string>, first: number | null = null): string[] {
  const thumb = track.near(track.value(), false).filter((t) => !done.has(t));
  if (first === null) return thumb;
  const at = track.pointer?.();
  if (at === undefined) return thumb.slice(0, first);
  const pointer = track.near(at, true).filter((t) => !done.has(t));
  const out: string[] = [];
  const seen = new Set<string>();
  for (let i = 0; out.length < first && (i < pointer.length || i < thumb.length); i++) {
    for (const t of [pointer[i], thumb[i]]) {
      if (t === undefined || seen.has(t) || out.length === first) continue;
      seen.add(t);
      out.push(t);
    }
  }
  return out;
}
