// echarts is a chunk of its own (lib/echartsEngine.ts), fetched as soon as this
// module runs and evaluated while the page waits for its first answers: the page
// and its first requests do not wait for the largest part of the bundle. The parts
// only the uncertainty view draws with (lib/echartsExtras.ts) come when first needed.
import { chartDrawn } from './perf';

type Engine = typeof import('./echartsEngine');
let engine: Engine | null = null;
const loading: Promise<Engine> = import('./echartsEngine').then((m) => (engine = m));
type ECharts = ReturnType<Engine['echarts']['init']>;

// The heatmap, scatter and visual map (echartsExtras.ts): loaded on first need.
let extras = false;
let loadingExtras: Promise<unknown> | null = null;
function withExtras(): Promise<unknown> {
  loadingExtras ??= Promise.all([loading, import('./echartsExtras')]).then(() => (extras = true));
  return loadingExtras;
}

/** needsExtras says whether an option draws with a part of echarts that echartsExtras.ts registers. */
export function needsExtras(option: Record<string, unknown>): boolean {
  if (option.visualMap !== undefined) return true;
  const series = Array.isArray(option.series) ? option.series : option.series ? [option.series] : [];
  return series.some((s) => {
    const type = (s as { type?: unknown } | null)?.type;
    return type === 'heatmap' || type === 'scatter';
  });
}

/**
 * whenIdle runs fn once the page has nothing else to do (requestIdleCallback), or
 * after a short wait where there is no such call (WebKit).
 */
export function whenIdle(fn: () => void): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(() => fn(), { timeout: 2000 });
  else setTimeout(fn, 100);
}

/**
 * whenLoadedAndIdle runs fn once echarts is loaded and then the page is idle. A
 * chart drawn when idle (one off screen) so never goes before the charts on
 * screen, which draw as soon as echarts is loaded: an idle moment while the page
 * waits for echarts is not one to draw in.
 */
export function whenLoadedAndIdle(fn: () => void): void {
  void loading.then(() => whenIdle(fn));
}

/** How many more idle redraws of a first option warm up echarts' update path (see ChartHost). */
let warmUpsLeft = 6;
const warmUpPauseMs = 300;

/** The size of a chart's element (its content box), in whole CSS pixels. */
export interface Size {
  width: number;
  height: number;
}

/**
 * ChartHost owns the one echarts instance drawn on an element: made for the colour
 * theme (and made again when it changes, since echarts themes are fixed at init),
 * resized with the element, disposed with it.
 *
 * Reading an element's size makes the browser lay out the page first; a page that
 * has just built its inputs and charts pays for that layout once per chart. So a
 * size the caller already knows (an IntersectionObserver's report) is passed to
 * echarts' init, and later sizes come from a ResizeObserver's reports, which come
 * after the browser's own layout; a report of the size already drawn redraws nothing.
 */
export class ChartHost {
  readonly #el: HTMLElement;
  #instance: ECharts | null = null;
  #theme: 'light' | 'dark' | null = null;
  #resize: ResizeObserver | null = null;
  /** The size the instance is drawn at. */
  #size: Size | null = null;
  /** A draw asked for before the parts of echarts it needs were loaded: the latest, drawn once they are. */
  #waiting: Parameters<ChartHost['draw']> | null = null;
  #disposed = false;
  /** Options drawn on this host. */
  #drawn = 0;

  constructor(el: HTMLElement) {
    this.#el = el;
  }

  /** drawn says whether a chart has been drawn here yet. */
  get drawn(): boolean {
    return this.#instance !== null;
  }

  /**
   * draw sets the option (already decorated for the theme) with echarts' setOption
   * settings, and calls onfinished once that option is on screen. size, when
   * given, is the element's size now, so that a first draw reads no layout.
   */
  draw(
    option: Record<string, unknown>,
    theme: 'light' | 'dark',
    settings: { notMerge?: boolean; replaceMerge?: string[] },
    onfinished?: () => void,
    size?: Size,
  ): void {
    const extra = !extras && needsExtras(option);
    if (!engine || extra) {
      const first = this.#waiting === null;
      this.#waiting = [option, theme, settings, onfinished, size];
      if (first) {
        void (extra ? withExtras() : loading).then(() => {
          const args = this.#waiting;
          this.#waiting = null;
          if (args && !this.#disposed) this.draw(...args);
        });
      }
      return;
    }
    const { echarts } = engine;
    if (this.#instance && this.#theme !== theme) {
      this.#instance.dispose();
      this.#instance = null;
    }
    if (!this.#instance) {
      const known = size && size.width > 0 && size.height > 0 ? size : undefined;
      const inst = echarts.init(this.#el, theme === 'dark' ? 'dark' : undefined, { renderer: 'canvas', ...known });
      this.#instance = inst;
      this.#theme = theme;
      this.#size = { width: inst.getWidth(), height: inst.getHeight() };
      this.#resize ??= new ResizeObserver((entries) => {
        const box = entries[entries.length - 1]?.contentRect;
        if (box) this.#fit({ width: Math.floor(box.width), height: Math.floor(box.height) });
      });
      this.#resize.observe(this.#el);
    }
    const inst = this.#instance;
    inst.off('finished');
    inst.on('finished', () => {
      inst.off('finished');
      onfinished?.();
    });
    const started = performance.now();
    inst.setOption(option, { ...settings, lazyUpdate: false });
    chartDrawn(performance.now() - started);
    this.#drawn++;
    if (this.#drawn === 1) this.#warmUp(inst, option, settings);
  }

  /**
   * #warmUp draws a chart's first option again, once the page is idle, while
   * warm-ups are left: echarts' update path runs cold the first few times (the
   * script engine has not compiled it yet), which made the first slider moves
   * after opening a scenario take 60–160 ms to draw instead of 10–25. The same
   * option draws the same pixels. Each of the first charts is drawn again twice, at
   * most six in all; a chart drawn anew meanwhile needs none.
   */
  #warmUp(inst: ECharts, option: Record<string, unknown>, settings: { notMerge?: boolean; replaceMerge?: string[] }, times = 2): void {
    if (warmUpsLeft <= 0 || times <= 0) return;
    // After a pause, so that what the first screen fills in once its charts are
    // drawn (the inputs panel, at idle) comes first.
    setTimeout(
      () =>
        whenIdle(() => {
          if (warmUpsLeft <= 0 || this.#disposed || this.#instance !== inst || this.#drawn !== 1) return;
          warmUpsLeft--;
          inst.setOption(option, { ...settings, lazyUpdate: false });
          this.#warmUp(inst, option, settings, times - 1);
        }),
      warmUpPauseMs,
    );
  }

  #fit(size: Size): void {
    if (!this.#instance || size.width <= 0 || size.height <= 0) return;
    if (this.#size && this.#size.width === size.width && this.#size.height === size.height) return;
    this.#size = size;
    this.#instance.resize(size);
  }

  /** resize fits the chart to its element again, measured now. */
  resize(): void {
    if (!this.#instance) return;
    this.#instance.resize({ width: 'auto', height: 'auto' });
    this.#size = { width: this.#instance.getWidth(), height: this.#instance.getHeight() };
  }

  dispose(): void {
    this.#disposed = true;
    this.#waiting = null;
    this.#resize?.disconnect();
    this.#instance?.dispose();
    this.#instance = null;
  }
}
