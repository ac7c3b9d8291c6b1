// echarts, bundled with only the parts the Go options use (nothing from a CDN).
// This chunk has what the charts of the main screen draw with (bars and lines on a
// grid, their legend, tooltips and marks); the uncertainty view's heatmap and
// scatter are a chunk of their own (echartsExtras.ts), loaded when one is drawn, so
// the first charts wait for less.
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import {
  AriaComponent,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  MarkPointComponent,
  TooltipComponent,
} from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([
  BarChart,
  LineChart,
  AriaComponent,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  MarkPointComponent,
  TooltipComponent,
  CanvasRenderer,
]);

export { echarts };
