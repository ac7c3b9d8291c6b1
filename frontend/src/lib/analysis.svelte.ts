// The uncertainty view's simulation: recomputed whenever the working copy
// changes, progressively (a quick estimate first, then the full run with the
// tornado). A newer job supersedes an older one: the service cancels the older
// simulation, and any result of it that still arrives is dropped here.

import { EventsOn } from '../../wailsjs/runtime/runtime';
import { api, message, type Period, type SimulationView } from './api';
import { isSuperseded } from './uncertainty';

/** How long the working copy must stay still before a simulation starts (a slider drag). */
const settleMs = 40;

interface Progress {
  job: number;
  done: number;
  total: number;
  quick: boolean;
}

declare global {
  interface Window {
    /** Times from a change of the working copy to its full simulation drawn, in ms. */
    __dmUncertainty?: { settled: number[] };
  }
}

export class AnalysisStore {
  /** The simulation shown: the quick estimate until the full run replaces it. */
  view = $state.raw<SimulationView | null>(null);
  /** Which run is under way: the quick estimate, the full run, or none. */
  stage = $state<'quick' | 'full' | null>(null);
  /** Progress of the full run, once it reports any (runs taking over 100 ms). */
  progress = $state.raw<{ done: number; total: number } | null>(null);
  error = $state<string | null>(null);
  /** The histogram's metric; "" is the scenario's default. */
  metric = $state('');

  #job = 0;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #key = '';
  #changedAt = 0;
  #off: (() => void) | null = null;

  /** listen subscribes to the service's progress events; returns the unsubscribe. */
  listen(): () => void {
    try {
      this.#off = EventsOn('simulation:progress', (p: Progress) => {
        if (p && p.job === this.#job && !p.quick) this.progress = { done: p.done, total: p.total };
      });
    } catch {
      // No runtime (a plain Vite page): no progress, results still arrive.
    }
    return () => this.#off?.();
  }

  /**
   * show asks for the simulation of a working copy. The same request as the last
   * one does nothing; a new one starts after the copy has been still for a moment.
   */
  show(doc: string, period: Period): void {
    const key = `${period}\n${this.metric}\n${doc}`;
    if (key === this.#key) return;
    this.#key = key;
    this.#changedAt = performance.now();
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#timer = null;
      void this.#run(doc, period);
    }, settleMs);
  }

  /** setMetric shows another metric in the histogram (and ranks the tornado by it). */
  setMetric(id: string, doc: string, period: Period): void {
    this.metric = id;
    this.show(doc, period);
  }

  /** retry runs the last request again, after an error. */
  retry(doc: string, period: Period): void {
    this.#key = '';
    this.show(doc, period);
  }

  /** stop forgets the running job: whatever it returns is dropped. */
  stop(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    this.#job++;
    this.#key = '';
    this.stage = null;
    this.progress = null;
  }

  /** drawn is called when the charts of a full simulation are on screen. */
  drawn(job: number): void {
    if (job !== this.#job || this.#changedAt === 0) return;
    const ms = performance.now() - this.#changedAt;
    this.#changedAt = 0;
    const rec = (window.__dmUncertainty ??= { settled: [] });
    rec.settled.push(ms);
  }

  async #run(doc: string, period: Period): Promise<void> {
    const job = ++this.#job;
    const req = { document: doc, runs: 0, seed: '', metric: this.metric, period, job };
    this.error = null;
    this.progress = null;
    this.stage = 'quick';
    try {
      const quick = await api.simulate({ ...req, quick: true });
      if (job !== this.#job) return;
      this.view = quick;
      if (quick.noInputs) return;
      this.stage = 'full';
      const full = await api.simulate({ ...req, quick: false });
      if (job !== this.#job) return;
      this.view = full;
    } catch (err) {
      if (job !== this.#job || isSuperseded(err)) return;
      this.error = message(err);
      // A metric the scenario no longer has (it was removed): back to the default.
      if (this.metric && /unknown (metric|series)/.test(this.error)) this.metric = '';
    } finally {
      if (job === this.#job) {
        this.stage = null;
        this.progress = null;
      }
    }
  }
}

export const analysis = new AnalysisStore();
