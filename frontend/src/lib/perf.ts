// The UI measures itself, so the end-to-end tests can read what users feel: the
// time from a slider or text input to the charts redrawn for it, and from the page's
// start to the first chart drawn. window.__dmPerf = {redraw: ms[], firstChart: ms}.

interface DmPerf {
  redraw: number[];
  firstChart: number;
  /** From the service's answer to the charts drawn: the UI's own share of redraw. */
  render: number[];
  /** Bytes of each edit step, request and answer (JSON), on the lean path. */
  stepBytes: number[];
  /** Time of each chart's setOption (drawing one chart), ms. */
  draw: number[];
  /** Edits shown from a speculation, and edits sent. */
  speculated: number;
  edits: number;
  /** Bytes of the speculation requests and answers, all told. */
  speculateBytes: number;
  /** For each redraw, whether its input waited for a step (no speculation held it). */
  missed: boolean[];
}

declare global {
  interface Window {
    __dmPerf?: DmPerf;
  }
}

const record: DmPerf = { redraw: [], firstChart: 0, render: [], stepBytes: [], draw: [], speculated: 0, edits: 0, speculateBytes: 0, missed: [] };
let answeredAt = 0;
if (typeof window !== 'undefined') window.__dmPerf = record;

let nextInput = 0;
// Inputs not yet drawn: their id and when they happened.
const pending: { id: number; at: number }[] = [];
// Inputs whose edit no speculation held: their redraw waited for a step.
const waited = new Set<number>();

/** input marks a slider or text input and returns its id. */
export function markInput(): number {
  const m = performance.mark('dm:input');
  const id = ++nextInput;
  pending.push({ id, at: m.startTime });
  return id;
}

/** answered marks the arrival of an evaluation that will be drawn. */
export function answered(): void {
  answeredAt = performance.mark('dm:answer').startTime;
}

/**
 * redrawn notes that the charts are drawn for every input up to inputId: the time
 * from the oldest of them (the one the user waited longest for) is measured.
 */
export function redrawn(inputId: number): void {
  if (inputId <= 0) return;
  let first: number | null = null;
  let missed = false;
  while (pending.length > 0 && pending[0].id <= inputId) {
    const p = pending.shift()!;
    if (first === null) {
      first = p.at;
      missed = waited.has(p.id);
    }
    waited.delete(p.id);
  }
  if (first === null) return;
  const now = performance.now();
  const m = performance.measure('dm:redraw', { start: first, end: now });
  record.redraw.push(m.duration);
  record.missed.push(missed);
  if (answeredAt > 0) record.render.push(now - answeredAt);
  if (record.redraw.length > 1000) {
    record.redraw.shift();
    record.missed.shift();
  }
  if (record.render.length > 1000) record.render.shift();
}

// What waits for the first charts (afterFirstCharts), and whether they are drawn.
let waiting: (() => void)[] = [];
let firstDrawn = false;

/**
 * afterPaint runs fn once the browser has painted the frame being made now (the
 * next animation frame, then a task), or after 100 ms where frames do not come (a
 * hidden page).
 */
function afterPaint(fn: () => void): void {
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    fn();
  };
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => setTimeout(once, 0));
  setTimeout(once, 100);
}

/**
 * firstChart records the first chart drawn after start, once; it says whether this
 * was it. What waits for the first charts runs once the frame with them is painted:
 * building it in the same frame would hold the charts back from the screen.
 */
export function firstChart(): boolean {
  if (firstDrawn) return false;
  firstDrawn = true;
  record.firstChart = performance.now();
  document.documentElement.dataset.firstChart = String(Math.round(record.firstChart));
  const run = waiting;
  waiting = [];
  afterPaint(() => {
    for (const fn of run) fn();
  });
  return true;
}

/**
 * noFirstCharts says that the first screen has no charts to draw (its scenario
 * has none, or none could be opened): what waits for them runs now, and no
 * first-chart time is recorded.
 */
export function noFirstCharts(): void {
  const run = waiting;
  waiting = [];
  for (const fn of run) fn();
}

/**
 * afterFirstCharts runs fn once the first charts after start are drawn (at once
 * when they are), or once the page says there are none (noFirstCharts): what the
 * first screen can show a moment later waits, so the charts come first. maxWaitMs
 * is only a safety net: on a busy machine the first charts can take well over a
 * second, and what waits must not go before them then.
 */
export function afterFirstCharts(fn: () => void, maxWaitMs = 10_000): void {
  if (firstDrawn) {
    fn();
    return;
  }
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    fn();
  };
  waiting.push(once);
  setTimeout(once, maxWaitMs);
}

export function firstChartMs(): number {
  return record.firstChart;
}

/** stepBytes records the size of one edit step, up and down. */
export function stepBytes(n: number): void {
  record.stepBytes.push(n);
  if (record.stepBytes.length > 1000) record.stepBytes.shift();
}

/** chartDrawn records how long one chart took to draw. */
export function chartDrawn(ms: number): void {
  record.draw.push(ms);
  if (record.draw.length > 1000) record.draw.shift();
}

/** edited counts an edit of input inputId, and whether a speculation showed it at once. */
export function edited(speculated: boolean, inputId = 0): void {
  record.edits++;
  if (speculated) record.speculated++;
  else if (inputId > 0) {
    if (waited.size > 1000) waited.clear();
    waited.add(inputId);
  }
}

/**
 * speculateBytes counts the size of one speculation request and its answer, told
 * by size. It is measured when the page is idle: writing a few hundred steps out
 * again takes milliseconds, which a drag under way must not wait for.
 */
export function speculateBytes(size: () => number): void {
  const count = (): void => {
    record.speculateBytes += size();
  };
  if (typeof requestIdleCallback === 'function') requestIdleCallback(count, { timeout: 1000 });
  else setTimeout(count, 0);
}
