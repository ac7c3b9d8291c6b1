// The parts of echarts only the uncertainty view draws with: the two-way table's
// heatmap (with its visual map) and the samples' scatter. Registered when the
// first option needing them is drawn (see echarts.ts: needsExtras).
import * as echarts from 'echarts/core';
import { HeatmapChart, ScatterChart } from 'echarts/charts';
import { VisualMapComponent } from 'echarts/components';

echarts.use([HeatmapChart, ScatterChart, VisualMapComponent]);
