// The bound Go service. In the desktop window Wails supplies window.go; in the
// browser mode the server supplies the same functions. The UI does not know which.
import * as Bound from '../../wailsjs/go/app/Service';
import type { app, charts, sim, version } from '../../wailsjs/go/models';
import { failure, withKinds } from './failure';
export { ServiceError, kindOf, type FailureKind } from './failure';
import { wellFormed } from './wellformed';

// Every call refuses text holding half a surrogate pair (see wellformed.ts), and
// rejects with a ServiceError that says its kind (see failure.ts).
const Service = withKinds(wellFormed(Bound));

export type ScenarioEntry = app.ScenarioEntry;
export type Workspace = app.Workspace;
export type Evaluation = app.Evaluation;
export type Computation = app.Computation;
export type Figure = app.Figure;
export type Fact = app.Fact;
export type Input = app.Input;
export type InputGroup = app.InputGroup;
export type Edit = app.Edit;
export type Problem = app.Problem;
export type InputCheck = app.InputCheck;
export type Template = app.Template;
export type RevisionInfo = app.RevisionInfo;
export type Change = app.Change;
export type Comparison = app.Comparison;
export type ComparisonRow = app.ComparisonRow;
export type SaveResult = app.SaveResult;
export type Settings = app.Settings;
export type FirstScreen = app.FirstScreen;
export type ExportRequest = app.ExportRequest;
export type ExportResult = app.ExportResult;
/**
 * A chart as the page holds it. stale: its option is of an earlier state of the
 * working copy (a step draws only the charts in view); the page asks for the
 * current one (api.charts) before it is drawn.
 */
export type Chart = charts.Chart & { stale?: boolean };
export type SimulationRequest = app.SimulationRequest;
export type SimulationView = app.SimulationView;
export type CapOdds = app.CapOdds;
export type SimulatedFigure = sim.Figure;
export type Choice = app.Choice;
export type AnalysisChoices = app.AnalysisChoices;
export type SolveRequest = app.SolveRequest;
export type SolveResult = app.SolveResult;
export type ImportResult = app.ImportResult;
export type StepResult = app.StepResult;
export type Speculation = app.Speculation;
export type About = app.About;
export type Licence = version.Licence;
export type CorrelationView = sim.Correlation;
export type UncertainInput = app.UncertainInput;
export type ScatterRequest = app.ScatterRequest;
export type ScatterView = app.ScatterView;
export type TableRequest = app.TableRequest;
export type TableView = app.TableView;
export type Period = 'quarter' | 'year';

export const api = {
  about: (): Promise<About> => Service.About(),
  /** firstScreen is the settings, the list and the scenario to open first, evaluated, in one call. */
  firstScreen: (): Promise<FirstScreen> => Service.FirstScreen(),
  listScenarios: (): Promise<ScenarioEntry[]> => Service.ListScenarios(),
  templates: (): Promise<Template[]> => Service.Templates(),
  newScenario: (templateID: string, name: string): Promise<Workspace> => Service.NewScenario(templateID, name),
  duplicateScenario: (name: string, newName: string): Promise<ScenarioEntry> => Service.DuplicateScenario(name, newName),
  renameScenario: (name: string, newName: string): Promise<void> => Service.RenameScenario(name, newName),
  deleteScenario: (name: string): Promise<void> => Service.DeleteScenario(name),
  undeleteScenario: (name: string): Promise<void> => Service.UndeleteScenario(name),
  openScenario: (name: string): Promise<Workspace> => Service.OpenScenario(name),
  apply: (doc: string, edits: Edit[], period: Period): Promise<Evaluation> => Service.Apply(doc, edits, period),
  evaluate: (doc: string, period: Period): Promise<Evaluation> => Service.Evaluate(doc, period),
  /** checkInput reads typed text by the field's kind without applying it (current: the field's value). */
  checkInput: (kind: string, text: string, current: string): Promise<InputCheck> => Service.CheckInput(kind, text, current),
  /**
   * step applies edits to the working copy the service knows as state: the answer
   * carries what changed. charts are the ids of the charts to draw, each held as of
   * state (null: every chart, all held so).
   */
  step: (state: string, edits: Edit[], period: Period, charts: string[] | null): Promise<StepResult> =>
    Service.Step(state, edits, period, charts as string[]),
  /**
   * speculate answers step(state, [set path value], period, charts) for each of
   * values, nearest first, as many as the service's time allows: the steps to a
   * slider's positions, shown while each edit's own step is under way.
   */
  speculate: (state: string, path: string, values: string[], period: Period, charts: string[]): Promise<Speculation[]> =>
    Service.Speculate(state, path, values, period, charts),
  /** charts draws charts of a state the service knows, by id. */
  charts: (state: string, ids: string[]): Promise<Chart[]> => Service.Charts(state, ids),
  resume: (state: string): Promise<Evaluation> => Service.Resume(state),
  saveDraft: (name: string, doc: string): Promise<void> => Service.SaveDraft(name, doc),
  discardDraft: (name: string): Promise<void> => Service.DiscardDraft(name),
  /** base is the revision the working copy was opened from: a later save elsewhere is a conflict. */
  saveScenario: (name: string, doc: string, message: string, base: number): Promise<SaveResult> =>
    Service.SaveScenario(name, doc, message, base),
  /** saveAsNew saves a working copy, unsaved edits and all, as a new scenario, and opens it. */
  saveAsNew: (doc: string, newName: string, message: string): Promise<Workspace> => Service.SaveAsNew(doc, newName, message),
  history: (name: string): Promise<RevisionInfo[]> => Service.History(name),
  diffRevisions: (name: string, a: number, b: number): Promise<Change[]> => Service.DiffRevisions(name, a, b),
  restoreRevision: (name: string, rev: number): Promise<Workspace> => Service.RestoreRevision(name, rev),
  /** previewRevision computes a saved revision as it was, read-only: the working copy is left as it is. */
  previewRevision: (name: string, rev: number, period: Period): Promise<Evaluation> => Service.PreviewRevision(name, rev, period),
  compare: (names: string[], period: Period): Promise<Comparison> => Service.Compare(names, period),
  settings: (): Promise<Settings> => Service.Settings(),
  saveSettings: (s: Settings): Promise<void> => Service.SaveSettings(s),
  export: (req: ExportRequest): Promise<ExportResult> => Service.Export(req),
  reportFirstChart: (ms: number): Promise<void> => Service.ReportFirstChart(ms),
  simulate: (req: SimulationRequest): Promise<SimulationView> => Service.Simulate(req),
  analysisChoices: (doc: string): Promise<AnalysisChoices> => Service.AnalysisChoices(doc),
  solve: (req: SolveRequest): Promise<SolveResult> => Service.Solve(req),
  importScenario: (filename: string, text: string): Promise<ImportResult> => Service.ImportScenario(filename, text),
  scatter: (req: ScatterRequest): Promise<ScatterView> => Service.Scatter(req),
  twoWayTable: (req: TableRequest): Promise<TableView> => Service.TwoWayTable(req),
};

/** message turns whatever a failed call rejected with into text for people. */
export function message(err: unknown): string {
  return failure(err).message;
}
