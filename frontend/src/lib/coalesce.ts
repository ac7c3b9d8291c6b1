// Live recompute: a slider fires far more often than the screen redraws. Edits are
// coalesced so that at most one computation is sent per animation frame, holding
// only the latest edit of each field; and answers are numbered, so an answer older
// than the one shown is dropped rather than shown. An answer newer than the one
// shown is shown even while a later request is under way: it is a whole evaluation
// of a later state, and the user sees the drag move instead of waiting for the
// latest round trip.

import type { Edit } from './api';

/** A scheduler of the next frame: requestAnimationFrame in the page, a stub in tests. */
export type Schedule = (fn: () => void) => void;

export interface Request {
  seq: number;
  edits: Edit[];
  /** The highest input id whose edit this request carries (for the redraw timings). */
  inputId: number;
}

/**
 * Coalescer collects edits by key and sends them at most once a frame. The first
 * edit after a quiet frame goes at once (no frame of delay while the user starts to
 * drag); edits within the same frame wait for the next.
 *
 * Each request holds every edit since the last answer that was accepted
 * (`unconfirmed`), because the service is stateless: a request overtaking an
 * earlier one must still carry the earlier one's edits.
 */
export class Coalescer {
  #pending = new Map<string, Edit>();
  #pendingInput = 0;
  /** Edits sent and not yet in a shown answer, with the request that last sent them. */
  #unconfirmed = new Map<string, { edit: Edit; seq: number }>();
  #seq = 0;
  #accepted = 0;
  /** Answers to requests before this one are never shown (undo, another scenario). */
  #barrier = 0;
  #sentThisFrame = false;
  #scheduled = false;
  readonly #schedule: Schedule;
  readonly #send: (r: Request) => void;
  /** Requests sent and not yet settled; at most #maxInFlight at a time. */
  #inFlight = new Set<number>();
  readonly #maxInFlight: number;

  /**
   * maxInFlight bounds the requests under way: edits made meanwhile wait, the
   * latest of each field kept, and go when an answer comes back. A service that
   * takes longer than a frame then works on one state at a time instead of on
   * every frame's at once (which would make each answer later).
   */
  constructor(schedule: Schedule, send: (r: Request) => void, maxInFlight = Infinity) {
    this.#schedule = schedule;
    this.#send = send;
    this.#maxInFlight = maxInFlight;
  }

  /** settled says the answer to request seq came back (shown or not, or failed). */
  settled(seq: number): void {
    if (this.#inFlight.delete(seq) && this.#pending.size > 0 && this.#inFlight.size < this.#maxInFlight) this.flush();
  }

  /** push queues an edit; a later edit with the same key replaces it. */
  push(key: string, edit: Edit, inputId = 0): void {
    this.#pending.delete(key); // keep the order of the latest edits
    this.#pending.set(key, edit);
    this.#pendingInput = Math.max(this.#pendingInput, inputId);
    if (!this.#sentThisFrame) {
      this.flush();
    } else if (!this.#scheduled) {
      this.#scheduled = true;
      this.#schedule(() => {
        this.#scheduled = false;
        this.#sentThisFrame = false;
        if (this.#pending.size > 0) this.flush();
      });
    }
  }

  /** flush sends what is pending now. */
  flush(): void {
    if (this.#pending.size === 0 || this.#inFlight.size >= this.#maxInFlight) return;
    const seq = ++this.#seq;
    this.#inFlight.add(seq);
    for (const [k, e] of this.#pending) {
      this.#unconfirmed.delete(k);
      this.#unconfirmed.set(k, { edit: e, seq });
    }
    this.#pending.clear();
    const inputId = this.#pendingInput;
    this.#sentThisFrame = true;
    if (!this.#scheduled) {
      this.#scheduled = true;
      this.#schedule(() => {
        this.#scheduled = false;
        this.#sentThisFrame = false;
        if (this.#pending.size > 0) this.flush();
      });
    }
    this.#send({ seq, edits: [...this.#unconfirmed.values()].map((u) => u.edit), inputId });
  }

  /** next numbers a request made outside the coalescer (undo, period), so that it supersedes earlier ones. */
  next(): number {
    this.#unconfirmed.clear();
    this.#pending.clear();
    this.#inFlight.clear();
    this.#barrier = ++this.#seq;
    return this.#seq;
  }

  /**
   * accept says whether the answer to request seq must be shown: it is newer than
   * the one shown (and not from before an undo or a reset). Showing it confirms the
   * edits it carried: later requests start from its document.
   */
  accept(seq: number): boolean {
    if (seq <= this.#accepted || seq < this.#barrier) return false;
    this.#accepted = seq;
    for (const [k, u] of this.#unconfirmed) {
      if (u.seq <= seq) this.#unconfirmed.delete(k);
    }
    return true;
  }

  /** fail drops the edits of a failed request, so they are not sent again. */
  fail(seq: number): void {
    for (const [k, u] of this.#unconfirmed) {
      if (u.seq <= seq) this.#unconfirmed.delete(k);
    }
  }

  /** reset forgets everything (another scenario was opened). */
  reset(): void {
    this.#pending.clear();
    this.#unconfirmed.clear();
    this.#inFlight.clear();
    this.#barrier = ++this.#seq;
  }

  /** superseded says edits made since the last request wait to be sent: its answer is already out of date. */
  get superseded(): boolean {
    return this.#pending.size > 0;
  }

  get busy(): boolean {
    return this.#pending.size > 0 || this.#accepted !== this.#seq;
  }

  get latest(): number {
    return this.#seq;
  }
}
