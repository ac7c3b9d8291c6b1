// Undo and redo of a working copy. The working copy is a document (canonical YAML
// text), so the stacks hold documents: undo goes back to the document before an
// edit, whatever the edit was.

/** How long edits of one field merge into one undo step (a slider drag). */
export const mergeWindowMs = 1500;

export class EditStack {
  #undo: string[] = [];
  #redo: string[] = [];
  #lastKey: string | null = null;
  #lastAt = -Infinity;
  readonly #limit: number;
  readonly #now: () => number;

  constructor(limit = 200, now: () => number = () => Date.now()) {
    this.#limit = limit;
    this.#now = now;
  }

  /**
   * record notes that the document `before` was replaced by an edit. Edits with the
   * same key (the field's path) in quick succession are one step: undoing a slider
   * drag goes back to before the drag, not one pixel. A null key never merges.
   */
  record(before: string, key: string | null): void {
    const now = this.#now();
    const merge = key !== null && key === this.#lastKey && now - this.#lastAt <= mergeWindowMs && this.#undo.length > 0;
    if (!merge) {
      this.#undo.push(before);
      if (this.#undo.length > this.#limit) this.#undo.shift();
    }
    this.#redo = [];
    this.#lastKey = key;
    this.#lastAt = now;
  }

  /** undo returns the document to go back to from `current`, or null. */
  undo(current: string): string | null {
    const doc = this.#undo.pop();
    if (doc === undefined) return null;
    this.#redo.push(current);
    this.#lastKey = null;
    return doc;
  }

  /** redo returns the document to go forward to from `current`, or null. */
  redo(current: string): string | null {
    const doc = this.#redo.pop();
    if (doc === undefined) return null;
    this.#undo.push(current);
    this.#lastKey = null;
    return doc;
  }

  /** seal ends the merging of the current step (the drag ended). */
  seal(): void {
    this.#lastKey = null;
  }

  clear(): void {
    this.#undo = [];
    this.#redo = [];
    this.#lastKey = null;
  }

  get canUndo(): boolean {
    return this.#undo.length > 0;
  }

  get canRedo(): boolean {
    return this.#redo.length > 0;
  }
}
