// echarts, bundled with only the parts the Go options use (nothing from a CDN).
import * as echarts from 'echarts/core';
import { BarChart, HeatmapChart, LineChart, ScatterChart } from 'echarts/charts';
import {
  AriaComponent,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  MarkPointComponent,
  TooltipComponent,
  VisualMapComponent,
} from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([
  BarChart,
  HeatmapChart,
  LineChart,
  ScatterChart,
  VisualMapComponent,
  AriaComponent,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  MarkPointComponent,
  TooltipComponent,
  CanvasRenderer,
]);

export { echarts };

/**
 * ChartHost owns the one echarts instance drawn on an element: made for the colour
 * theme (and made again when it changes, since echarts themes are fixed at init),
 * resized with the element, disposed with it.
 */
export class ChartHost {
  readonly #el: HTMLElement;
  #instance: echarts.ECharts | null = null;
  #theme: 'light' | 'dark' | null = null;
  #resize: ResizeObserver | null = null;

  constructor(el: HTMLElement) {
    this.#el = el;
  }

  /** drawn says whether a chart has been drawn here yet. */
  get drawn(): boolean {
    return this.#instance !== null;
  }

  /**
   * draw sets the option (already decorated for the theme) with echarts' setOption
   * settings, and calls onfinished once that option is on screen.
   */
  draw(
    option: Record<string, unknown>,
    theme: 'light' | 'dark',
    settings: { notMerge?: boolean; replaceMerge?: string[] },
    onfinished?: () => void,
  ): void {
    if (this.#instance && this.#theme !== theme) {
      this.#instance.dispose();
      this.#instance = null;
    }
    if (!this.#instance) {
      this.#instance = echarts.init(this.#el, theme === 'dark' ? 'dark' : undefined, { renderer: 'canvas' });
      this.#theme = theme;
      this.#resize ??= new ResizeObserver(() => this.#instance?.resize());
      this.#resize.observe(this.#el);
    }
    const inst = this.#instance;
    inst.off('finished');
    inst.on('finished', () => {
      inst.off('finished');
      onfinished?.();
    });
    inst.setOption(option, { ...settings, lazyUpdate: false });
  }

  resize(): void {
    this.#instance?.resize();
  }

  dispose(): void {
    this.#resize?.disconnect();
    this.#instance?.dispose();
    this.#instance = null;
  }
}
