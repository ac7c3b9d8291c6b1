// The open scenario: its working copy (canonical YAML text), the evaluation shown,
// undo and redo, autosaved drafts and saving. Every figure and chart on screen comes
// from one Evaluation, replaced whole, so fresh and stale numbers never mix.

import { api, message, type Edit, type Evaluation, type Period, type Workspace } from './api';
import { Coalescer, type Request } from './coalesce';
import { EditStack } from './editStack';
import { applyDocPatch, applyPatch, docSum, type Op } from './patch';
import { answered, edited, speculateBytes, stepBytes } from './perf';
import { reconcile } from './reconcile';
import { nextPositions, Speculations, type Track } from './speculation';
import { fresh, freshAmong, markStale, staleAmong } from './stale';

/**
 * A slider's speculation: the positions of its first request, and at most how
 * many requests (see speculate). The first is short, so that the positions
 * nearest the thumb and the pointer come back within about 0.15 s even at 100
 * contracts; each later one gets about 0.1 s of the service's time, so that a drag
 * finds the positions around it soon: 40 are more than the 160 positions of a
 * cap slider at 100 contracts need (about 1 s).
 */
const firstPositions = 12;
const maxSpeculateRequests = 40;

/**
 * How long after the last answer shown the charts near view are brought up to
 * date: a drag resumed sooner is not slowed by drawing charts it does not show.
 */
const settleMs = 1000;

/** How long after the last change a draft is autosaved, and at most how long it waits. */
const draftDelayMs = 400;
const draftMaxWaitMs = 2000;

function nextFrame(fn: () => void): void {
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => fn());
  else setTimeout(fn, 16);
}

function sameProblems(a: Record<string, string>, b: Record<string, string>): boolean {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => b[k] === a[k]);
}

export class WorkspaceStore {
  /** The stored scenario's name; null before one is opened. */
  name = $state<string | null>(null);
  builtin = $state('');
  revision = $state(0);
  evaluation = $state.raw<Evaluation | null>(null);
  period = $state<Period>('quarter');
  /** Problems of the latest edits, by path: shown beside their inputs. */
  problems = $state.raw<Record<string, string>>({});
  /** A failure of the service, shown in place with what to do. */
  error = $state<string | null>(null);
  loading = $state(false);
  /** Set when the opened copy is the autosaved draft (the time it was saved). */
  restoredDraft = $state<string | null>(null);
  canUndo = $state(false);
  canRedo = $state(false);
  saving = $state(false);
  draftError = $state<string | null>(null);
  /** The input ids the shown evaluation answers (for the redraw timings). */
  inputId = $state(0);
  /** Bumped on every new evaluation; charts report when they have drawn it. */
  generation = $state(0);

  #stack = new EditStack();
  #coalescer: Coalescer;
  /** The document of the last accepted evaluation: requests start from it. */
  #doc = '';
  /** The service's id of the shown evaluation: edits are sent as steps from it. */
  #state = '';
  /**
   * The latest evaluations shown, by state, with their documents: an answer is a
   * patch of the state its request started from, which may be older than the one
   * shown when answers overtake each other.
   */
  #known = new Map<string, { ev: Evaluation; doc: string }>();
  /** The charts in view, by id (ChartPanel reports them): a step draws these. */
  #visible = new Set<string>();
  /** The charts in or near view: those stale are asked for once the edits stop, or as they come near. */
  #near = new Set<string>();
  /** Asks for the stale charts near view once the edits have stopped for settleMs. */
  #settle: ReturnType<typeof setTimeout> | null = null;
  /** Stale charts asked for, as state + id: each is asked for once per state. */
  #asked = new Set<string>();
  #draftTimer: ReturnType<typeof setTimeout> | null = null;
  #draftFirst = 0;
  #draftSaved = '';
  #opening = 0;
  /** The steps to the positions of the slider last reached (see speculation.ts). */
  #speculations = new Speculations();
  /**
   * Whether a slider the pointer reaches asks for its positions: only while the
   * charts are shown (the uncertainty view's simulations need the service's cores
   * more than its figures need speculating).
   */
  speculating = true;
  /** The input id of the speculated evaluation shown; 0 when an answer is shown. */
  #speculated = 0;
  /** The last answer was passed over, not shown (see #send). */
  #passedOver = false;
  /** Called after a save and after a draft is kept or dropped (the list shows both). */
  onstored: (() => void) | null = null;

  constructor() {
    // One edit step under way at a time: see Coalescer.
    this.#coalescer = new Coalescer(nextFrame, (r) => void this.#send(r), 1);
  }

  get document(): string {
    return this.#doc;
  }

  get dirty(): boolean {
    return this.evaluation?.dirty ?? false;
  }

  /** open opens a scenario by name, its draft when it has one. */
  async open(name: string): Promise<void> {
    await this.flushDraft();
    const token = ++this.#opening;
    this.loading = true;
    this.error = null;
    this.#coalescer.reset();
    try {
      const w = await api.openScenario(name);
      if (token !== this.#opening) return;
      await this.#load(w, token);
    } catch (err) {
      if (token !== this.#opening) return;
      this.error = `Cannot open “${name}”: ${message(err)}`;
    } finally {
      if (token === this.#opening) this.loading = false;
    }
  }

  /**
   * show shows a workspace the service returned (new scenario, restore, the first
   * screen); ev is its evaluation in the current period when the service gave it too.
   */
  async show(w: Workspace, keepUndo = false, ev?: Evaluation): Promise<void> {
    const token = ++this.#opening;
    this.#coalescer.reset();
    const before = this.#doc;
    await this.#load(w, token, ev);
    if (keepUndo && before && before !== this.#doc) {
      // Restoring an old revision can be undone: back to the working copy.
      this.#stack.record(before, null);
      this.#syncStack();
    }
  }

  async #load(w: Workspace, token: number, given?: Evaluation): Promise<void> {
    const seq = this.#coalescer.next();
    this.#speculations.clear();
    const ev = given ?? (await api.evaluate(w.document, this.period));
    if (token !== this.#opening || !this.#coalescer.accept(seq)) return;
    this.name = w.name;
    this.builtin = w.builtin;
    this.revision = w.revision;
    this.restoredDraft = w.draft ? (w.draftSaved ?? '') : null;
    this.#stack.clear();
    this.#syncStack();
    this.#draftSaved = w.document;
    this.#set(ev, 0);
    this.problems = {};
    this.error = null;
  }

  /**
   * edit applies one edit: coalesced with other edits of the same field in the
   * same frame (a slider), recorded for undo as one step per field per gesture.
   */
  edit(edit: Edit, inputId = 0): void {
    // While another scenario opens, the inputs shown are those of the one being
    // left: an edit of them would overtake the opening and be applied to it.
    if (!this.evaluation || this.loading) return;
    this.#speculations.edited(edit);
    const ahead = this.#speculations.lookup(edit, this.period);
    edited(ahead !== null, inputId);
    if (ahead) {
      // Shown now; the edit's own step follows and takes its place.
      answered();
      this.evaluation = ahead;
      this.inputId = inputId;
      this.#speculated = inputId;
      this.generation++;
    }
    this.#coalescer.push(`${edit.op}:${edit.path}`, edit, inputId);
  }

  /**
   * speculate asks for the steps to a slider's positions, once per slider while
   * only its field changes: a drag then shows each position without a round trip.
   */
  speculate(path: string, track: Track): void {
    const state = this.#state;
    const known = this.#known.get(state);
    if (!this.speculating || !this.evaluation || this.loading || !state || !known) return;
    // Asked only from a state with no edit under way: the steps must start from the
    // working copy as it is, not from one an edit of another field is changing.
    if (this.#coalescer.busy || !this.#speculations.wanted(path, this.period)) return;
    const first = nextPositions(track, new Set(), firstPositions);
    if (first.length === 0) return;
    const period = this.period;
    const family = this.#speculations.asking(state, path, period, known.ev, known.doc);
    const build = freshAmong(known.ev, this.#visible);
    // The positions nearest the thumb and the pointer come first, in a short
    // request, so that the start of a drag finds them soon. The service answers as
    // many as its time allows (about 0.1 s); the others are asked for in turn,
    // nearest where the slider is by then, up to a bounded number of requests: a
    // large scenario, whose steps are slow, may get the positions nearest only. The
    // service pauses them while a step is under way.
    const done = new Set<string>();
    let requests = 0;
    const ask = (now: string[]): void => {
      if (now.length === 0 || requests++ >= maxSpeculateRequests) return;
      api.speculate(state, path, now, period, build).then(
        (steps) => {
          speculateBytes(() => JSON.stringify([state, path, now, period, build]).length + JSON.stringify(steps).length);
          if (!this.#speculations.answered(family, steps)) return;
          for (const s of steps) done.add(s.value);
          ask(nextPositions(track, done));
        },
        () => this.#speculations.failed(family),
      );
    };
    ask(first);
  }

  /** endGesture ends a slider drag: the next move of it is a new undo step. */
  endGesture(): void {
    this.#stack.seal();
  }

  /**
   * #step sends edits as a step from the shown state and rebuilds the evaluation
   * from the answer; null when the service does not know that state (it then
   * needs the whole document).
   */
  async #step(edits: Edit[]): Promise<Evaluation | null> {
    const state = this.#state;
    const known = this.#known.get(state);
    if (!state || !known) return null;
    const period = this.period;
    // Only the charts in view are drawn, of those the page holds as of state (a
    // stale one in view is asked for on its own); the others go stale.
    const build = freshAmong(known.ev, this.#visible);
    const st = await api.step(state, edits, period, build);
    stepBytes(JSON.stringify([state, edits, period, build]).length + JSON.stringify(st).length);
    if (st.unknown) return null;
    const doc = applyDocPatch(known.doc, st.doc);
    if (doc.length !== st.doc.len || docSum(doc) !== st.doc.sum) {
      // The copy no longer matches the service's: take the service's whole.
      return api.resume(st.state);
    }
    let ev = applyPatch(known.ev, st.patch as Op[]);
    if (st.state !== state) ev = markStale(ev, st.charts);
    return { ...ev, document: doc, problems: st.problems, dirty: st.dirty, state: st.state };
  }

  /**
   * near records whether a chart is in or near view (ChartPanel's observer): a
   * stale one coming near is asked for.
   */
  near(id: string, isNear: boolean): void {
    if (isNear) this.#near.add(id);
    else this.#near.delete(id);
    if (isNear) this.#fetchStale(this.#near);
  }

  /** visible records whether a chart is in view (ChartPanel's observer): steps draw those. */
  visible(id: string, isVisible: boolean): void {
    if (isVisible) this.#visible.add(id);
    else this.#visible.delete(id);
    if (isVisible) this.#fetchStale(this.#visible);
  }

  /**
   * #fetchStale asks for the current option of the stale charts among ids (those
   * in view, or near it).
   */
  #fetchStale(among: ReadonlySet<string>): void {
    // A speculated evaluation's charts are asked for with the step that follows it.
    if (this.#speculated > 0) return;
    const ev = this.evaluation;
    const state = this.#state;
    if (!ev || !state) return;
    const ids = staleAmong(ev, among).filter((id) => !this.#asked.has(`${state} ${id}`));
    if (ids.length === 0) return;
    for (const id of ids) this.#asked.add(`${state} ${id}`);
    api.charts(state, ids).then(
      (drawn) => {
        // Kept for the state's later steps, and shown while it is the state shown.
        const known = this.#known.get(state);
        if (known) known.ev = fresh(known.ev, drawn);
        if (this.#state === state && this.evaluation) this.evaluation = fresh(this.evaluation, drawn);
      },
      () => {
        // The service no longer knows the state: evaluate the document shown.
        if (this.#state === state && this.#doc) void this.#evaluate(this.#doc, false);
      },
    );
  }

  async #send(r: Request): Promise<void> {
    const base = this.#doc;
    try {
      const stepped = await this.#step(r.edits);
      const ev = stepped ?? (await api.apply(base, r.edits, this.period));
      if (!this.#coalescer.accept(r.seq)) return;
      const problems: Record<string, string> = {};
      for (const p of ev.problems) problems[p.path] = p.message;
      // Edits that did apply clear their field's old problem.
      for (const e of r.edits) if (!(e.path in problems)) delete problems[e.path];
      // The same problems keep their object: every field reads it, and a slider step
      // should not update them all.
      if (!sameProblems(this.problems, problems)) this.problems = problems;
      // Undo goes back to what was shown before this answer (an earlier answer to
      // the same drag may have been shown since the request left).
      const before = this.#doc;
      if (ev.document !== before) {
        const key = r.edits.length === 1 && (r.edits[0].op === 'set' || r.edits[0].op === 'quarter') ? r.edits[0].path : null;
        this.#stack.record(before, key);
        this.#syncStack();
        this.#scheduleDraft();
      }
      if (this.#speculated > r.inputId && ev.problems.length === 0) {
        // A later position is shown already (speculated): this answer is the base
        // of the next step only.
        this.#keep(ev, ev);
        return;
      }
      // An answer the user has already moved past (edits made since wait to be
      // sent) is not drawn: it becomes the base of the next step, whose answer is
      // drawn instead. At most one answer in a row is passed over, so that a long
      // drag still moves the charts; one with problems is always shown.
      if (this.#coalescer.superseded && !this.#passedOver && ev.problems.length === 0) {
        this.#passedOver = true;
        this.#keep(ev, stepped !== null ? ev : reconcile(this.evaluation, ev));
        return;
      }
      this.#passedOver = false;
      // A step's answer shares what did not change already; one that follows a
      // speculated evaluation is compared with it, which it mostly repeats.
      this.#set(ev, r.inputId, stepped !== null && this.#speculated === 0);
      this.error = null;
    } catch (err) {
      this.#coalescer.fail(r.seq);
      if (r.seq === this.#coalescer.latest) this.error = `The change was not applied: ${message(err)}`;
    } finally {
      this.#coalescer.settled(r.seq);
    }
  }

  #set(ev: Evaluation, inputId: number, shared = false): void {
    answered();
    this.#speculated = 0;
    this.evaluation = shared ? ev : reconcile(this.evaluation, ev);
    this.#keep(ev, this.evaluation);
    this.inputId = inputId;
    this.generation++;
    if (this.#asked.size > 64) this.#asked.clear();
    this.#fetchStale(this.#visible);
    // The charts just out of view are brought up to date once a drag stops, not
    // at each of its steps: drawing them would slow every step for charts unseen.
    if (this.#settle !== null) clearTimeout(this.#settle);
    this.#settle = setTimeout(() => {
      this.#settle = null;
      if (!this.#coalescer.busy) this.#fetchStale(this.#near);
    }, settleMs);
  }

  /** #keep makes an evaluation the base of the next edits; shown is the copy the page keeps of it. */
  #keep(ev: Evaluation, shown: Evaluation): void {
    this.#doc = ev.document;
    this.#state = ev.state;
    if (ev.state) {
      this.#known.delete(ev.state);
      this.#known.set(ev.state, { ev: shown, doc: ev.document });
      // Answers overtake each other by a few steps at most.
      while (this.#known.size > 8) this.#known.delete(this.#known.keys().next().value as string);
    }
  }

  #syncStack(): void {
    this.canUndo = this.#stack.canUndo;
    this.canRedo = this.#stack.canRedo;
  }

  async undo(): Promise<void> {
    const doc = this.#stack.undo(this.#doc);
    this.#syncStack();
    if (doc !== null) await this.#evaluate(doc);
  }

  async redo(): Promise<void> {
    const doc = this.#stack.redo(this.#doc);
    this.#syncStack();
    if (doc !== null) await this.#evaluate(doc);
  }

  async setPeriod(p: Period): Promise<void> {
    this.period = p;
    if (this.#doc) await this.#evaluate(this.#doc, false);
  }

  /** #evaluate shows another document (undo, redo) or the same by another period. */
  async #evaluate(doc: string, changed = true): Promise<void> {
    const seq = this.#coalescer.next();
    this.#speculations.clear();
    try {
      const ev = await api.evaluate(doc, this.period);
      if (!this.#coalescer.accept(seq)) return;
      this.problems = {};
      this.#set(ev, 0);
      this.error = null;
      if (changed) this.#scheduleDraft();
    } catch (err) {
      if (seq === this.#coalescer.latest) this.error = `Cannot show the scenario: ${message(err)}`;
    }
  }

  /** retry evaluates the working copy again after a failure. */
  async retry(): Promise<void> {
    if (this.#doc) await this.#evaluate(this.#doc, false);
    else if (this.name) await this.open(this.name);
  }

  #scheduleDraft(): void {
    if (!this.name) return;
    const now = Date.now();
    if (this.#draftTimer === null) this.#draftFirst = now;
    else clearTimeout(this.#draftTimer);
    const wait = Math.max(0, Math.min(draftDelayMs, this.#draftFirst + draftMaxWaitMs - now));
    this.#draftTimer = setTimeout(() => void this.flushDraft(), wait);
  }

  /** flushDraft autosaves the working copy now, if it changed since the last autosave. */
  async flushDraft(): Promise<void> {
    if (this.#draftTimer !== null) {
      clearTimeout(this.#draftTimer);
      this.#draftTimer = null;
    }
    const name = this.name;
    const doc = this.#doc;
    if (!name || !doc || doc === this.#draftSaved) return;
    this.#draftSaved = doc;
    try {
      await api.saveDraft(name, doc);
      this.draftError = null;
      this.onstored?.();
    } catch (err) {
      this.#draftSaved = '';
      this.draftError = `Your changes are not autosaved: ${message(err)}. Save to keep them.`;
    }
  }

  /** discardDraft drops the autosaved changes and reopens the latest revision. */
  async discardDraft(): Promise<void> {
    const name = this.name;
    if (!name) return;
    try {
      await api.discardDraft(name);
      this.onstored?.();
      await this.open(name);
    } catch (err) {
      this.error = `Cannot discard the changes: ${message(err)}`;
    }
  }

  /** save saves the working copy as a new revision. It returns an error message, or null. */
  async save(msg: string): Promise<string | null> {
    const name = this.name;
    if (!name || !this.evaluation) return 'Nothing is open.';
    this.saving = true;
    try {
      const doc = this.#doc;
      const res = await api.saveScenario(name, doc, msg, this.revision);
      if (res.conflict) {
        // Someone saved since this copy was opened: nothing was written. Taking
        // their revision as the base lets a second save make this copy the latest.
        this.revision = res.revision;
        return res.message ?? 'This scenario was saved elsewhere since you opened it.';
      }
      this.name = res.name;
      this.revision = res.revision;
      this.restoredDraft = null;
      this.#draftSaved = doc;
      if (this.#doc === doc && this.evaluation) {
        this.evaluation = { ...this.evaluation, dirty: false };
        // The key figures compare with the saved revision, which this now is.
        void this.#evaluate(doc, false);
      }
      this.onstored?.();
      return null;
    } catch (err) {
      return message(err);
    } finally {
      this.saving = false;
    }
  }

  /**
   * saveAsNew saves the working copy, unsaved edits and all, as a new scenario
   * (newName, or a free name after this one when empty) and opens it. With
   * moveEdits the edits move: the scenario they came from drops its draft and is
   * left at its saved revision; without, it keeps them too (Duplicate). It returns
   * the new name, or throws.
   */
  async saveAsNew(newName: string, msg: string, moveEdits: boolean): Promise<string> {
    const from = this.name;
    if (!from || !this.evaluation) throw new Error('Nothing is open.');
    this.saving = true;
    try {
      await this.flushDraft();
      const w = await api.saveAsNew(this.#doc, newName, msg);
      if (moveEdits) await api.discardDraft(from).catch(() => {});
      await this.show(w);
      this.onstored?.();
      return w.name;
    } finally {
      this.saving = false;
    }
  }

  /** renamed follows a rename made from the list. */
  renamed(oldName: string, newName: string): void {
    if (this.name === oldName) {
      this.name = newName;
      void this.open(newName);
    }
  }

  /** close forgets the open scenario (it was deleted). */
  close(): void {
    this.#opening++;
    this.#coalescer.reset();
    this.#speculations.clear();
    this.name = null;
    this.evaluation = null;
    this.#doc = '';
    this.#state = '';
    this.#known.clear();
    this.#stack.clear();
    this.#syncStack();
  }
}

export const workspace = new WorkspaceStore();
