// The bound Go service. In the desktop window Wails supplies window.go; in the
// browser mode the server supplies the same functions. The UI does not know which.
import { Compute, ListScenarios, ReportFirstChart } from '../../wailsjs/go/app/Service';
import type { app, charts } from '../../wailsjs/go/models';

export type ScenarioInfo = app.ScenarioInfo;
export type Computation = app.Computation;
export type Figure = app.Figure;
export type Chart = charts.Chart;
export type Period = 'quarter' | 'year';

export const api = {
  listScenarios: (): Promise<ScenarioInfo[]> => ListScenarios(),
  compute: (stem: string, period: Period): Promise<Computation> => Compute(stem, period),
  reportFirstChart: (ms: number): Promise<void> => ReportFirstChart(ms),
};

/** message turns whatever a failed call rejected with into text for people. */
export function message(err: unknown): string {
  if (err instanceof Error) return err.message;
  if (typeof err === 'string') return err;
  return 'Something went wrong.';
}
