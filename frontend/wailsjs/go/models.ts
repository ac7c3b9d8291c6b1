export namespace app {
	
	export interface About {
	    build: version.Info;
	    licences: version.Licence[];
	}
	export interface Choice {
	    id: string;
	    label: string;
	    kind: string;
	    value?: string;
	}
	export interface AnalysisChoices {
	    metrics: Choice[];
	    inputs: Choice[];
	    defaultMetric: string;
	    defaultInput: string;
	}
	export interface CapOdds {
	    contract: string;
	    label: string;
	    hasCap: boolean;
	    byYear: sim.YearShare[];
	    p10: string;
	    p50: string;
	    p90: string;
	    written: string;
	}
	export interface Change {
	    path: string;
	    label: string;
	    kind: string;
	    from: string;
	    to: string;
	    sentence?: string;
	}
	export interface ChangeTerm {
	    key: string;
	    example: string;
	}
	
	export interface ChoiceOption {
	    value: string;
	    label: string;
	}
	export interface ChoiceField {
	    path: string;
	    label: string;
	    value: string;
	    options: ChoiceOption[];
	}
	
	export interface ComparedEntry {
	    letter: string;
	    name: string;
	    revision: number;
	    draft: boolean;
	    horizon: string;
	}
	export interface ComparedValue {
	    value: string;
	    null: boolean;
	    note?: string;
	    delta: string;
	    deltaNull: boolean;
	}
	export interface ComparisonGroup {
	    id: string;
	    label: string;
	}
	export interface ComparisonRow {
	    id: string;
	    label: string;
	    group: string;
	    kind: string;
	    unit?: string;
	    key: boolean;
	    cells: ComparedValue[];
	}
	export interface Comparison {
	    period: string;
	    scenarios: ComparedEntry[];
	    charts: charts.Chart[];
	    rows: ComparisonRow[];
	    groups: ComparisonGroup[];
	    warning: string;
	}
	
	
	export interface Figure {
	    id: string;
	    label: string;
	    context?: string;
	    explain?: string;
	    kind: string;
	    value: string;
	    null: boolean;
	    note?: string;
	    moved?: boolean;
	    was?: string;
	    wasNull?: boolean;
	    change?: string;
	    unconfirmed?: string[];
	}
	export interface Computation {
	    scenario: string;
	    period: string;
	    periods: string[];
	    keyFigures: Figure[];
	    summary: Figure[];
	    charts: charts.Chart[];
	}
	export interface DocPatch {
	    at: number;
	    del: number;
	    ins: string[];
	    len: number;
	    sum: number;
	}
	export interface Edit {
	    op: string;
	    path: string;
	    value: string;
	}
	export interface Placeholder {
	    path: string;
	    owner: string;
	    what: string;
	    value: string;
	}
	export interface Fact {
	    owner: string;
	    path: string;
	    text: string;
	    status: string;
	}
	export interface Problem {
	    path: string;
	    message: string;
	}
	export interface Input {
	    path: string;
	    kind: string;
	    group: string;
	    groupLabel: string;
	    label: string;
	    value: string;
	    number: number;
	    min: number;
	    max: number;
	    step: number;
	    sources: string[];
	    uncertain: boolean;
	    range?: string;
	    outside?: string;
	}
	export interface TextField {
	    path: string;
	    key: string;
	    label: string;
	    value: string;
	    multiline?: boolean;
	}
	export interface Event {
	    path: string;
	    quarter: string;
	    kind: string;
	    what: string;
	    note: string;
	    sources: string[];
	    lapsed: boolean;
	}
	export interface InputGroup {
	    id: string;
	    kind: string;
	    kindLabel: string;
	    label: string;
	    detail: string;
	    sources: string[];
	    enabled: boolean;
	    removable: boolean;
	    canAddCap: boolean;
	    canRemoveCap: boolean;
	    events: Event[];
	    timeline: boolean;
	    changeTerms: ChangeTerm[];
	    texts: TextField[];
	    sourcesPath: string;
	    placeholders: string[];
	    choices: ChoiceField[];
	}
	export interface Evaluation {
	    document: string;
	    name: string;
	    description: string;
	    groups: InputGroup[];
	    inputs: Input[];
	    computation?: Computation;
	    problems: Problem[];
	    dirty: boolean;
	    facts: Fact[];
	    factsAsOf: string;
	    placeholders: Placeholder[];
	    state: string;
	}
	
	export interface TableRequest {
	    document: string;
	    x: string;
	    xValues: string;
	    y: string;
	    yValues: string;
	    metric: string;
	}
	export interface ExportRequest {
	    document: string;
	    name: string;
	    revision: string;
	    format: string;
	    period: string;
	    paper: string;
	    landscape: boolean;
	    compare: string[];
	    summaryOnly: boolean;
	    includeUncertainty: boolean;
	    table?: TableRequest;
	    labels: boolean;
	    bom: boolean;
	}
	export interface ExportResult {
	    cancelled: boolean;
	    savedTo?: string;
	    filename: string;
	    mime?: string;
	    data?: string;
	    bytes: number;
	    note?: string;
	}
	
	
	export interface Workspace {
	    name: string;
	    builtin: string;
	    revision: number;
	    document: string;
	    draft: boolean;
	    draftSaved?: string;
	}
	export interface ScenarioEntry {
	    name: string;
	    builtin: string;
	    description: string;
	    modified: string;
	    revisions: number;
	    hasDraft: boolean;
	    updateAvailable: boolean;
	}
	export interface Settings {
	    lastScenario: string;
	    period: string;
	    windowWidth: number;
	    windowHeight: number;
	    exportFolder: string;
	}
	export interface FirstScreen {
	    settings?: Settings;
	    scenarios: ScenarioEntry[];
	    workspace?: Workspace;
	    evaluation?: Evaluation;
	    period: string;
	    openError?: string;
	    name: string;
	}
	export interface ImportResult {
	    workspace?: Workspace;
	    created: boolean;
	    unchanged: boolean;
	}
	
	export interface InputCheck {
	    value: string;
	    error?: string;
	    meant?: string;
	    question?: string;
	}
	
	export interface PatchOp {
	    Path: any[];
	    Value: number[];
	    Delete: boolean;
	}
	
	
	export interface RevisionInfo {
	    number: number;
	    time: string;
	    author: string;
	    message: string;
	    hash: string;
	    size: number;
	}
	export interface SaveResult {
	    name: string;
	    revision: number;
	    unchanged: boolean;
	    conflict?: boolean;
	    message?: string;
	}
	export interface ScatterRequest {
	    document: string;
	    x: string;
	    y: string;
	}
	export interface ScatterView {
	    chart: charts.Chart;
	    xLabel: string;
	    yLabel: string;
	    xKind: string;
	    yKind: string;
	    runs: number;
	    rank: number;
	    columns: Choice[];
	}
	
	
	export interface SimulationRequest {
	    document: string;
	    runs: number;
	    seed: string;
	    metric: string;
	    period: string;
	    quick: boolean;
	    job: number;
	}
	export interface WrittenBand {
	    id: string;
	    values: number[];
	    cap?: number;
	}
	export interface UncertainInput {
	    path: string;
	    label: string;
	    dist: string;
	    base: string;
	    p10: string;
	    p50: string;
	    p90: string;
	    kind: string;
	    p: string;
	    values: string[];
	    probs: string[];
	}
	export interface SimulationView {
	    job: number;
	    quick: boolean;
	    noInputs: boolean;
	    message?: string;
	    runs: number;
	    seed: string;
	    fullRuns: number;
	    bandRuns: number;
	    millis: number;
	    metric: string;
	    metricLabel: string;
	    period: string;
	    periods: string[];
	    stats: sim.Figure[];
	    caps: CapOdds[];
	    inputs: UncertainInput[];
	    correlations: sim.Correlation[];
	    charts: charts.Chart[];
	    metrics: Choice[];
	    written: WrittenBand[];
	}
	export interface SolveRequest {
	    document: string;
	    input: string;
	    metric: string;
	    target: string;
	    low: string;
	    high: string;
	}
	export interface SolveResult {
	    unreachable: boolean;
	    message?: string;
	    input: string;
	    label: string;
	    kind: string;
	    value: string;
	    exact: string;
	    metric: string;
	    metricLabel: string;
	    target: string;
	    reached: string;
	    hit: boolean;
	    side?: string;
	    low: string;
	    high: string;
	}
	export interface StepResult {
	    unknown?: boolean;
	    state: string;
	    doc: DocPatch;
	    patch: Array<[Array<string | number>, unknown?]>;
	    problems: Problem[];
	    dirty: boolean;
	    charts: string[];
	}
	export interface Speculation {
	    value: string;
	    step?: StepResult;
	}
	
	
	export interface TableView {
	    metric: string;
	    label: string;
	    x?: sim.TableAxis;
	    y?: sim.TableAxis;
	    cells: string[][];
	    short: string[][];
	    base: string;
	    chart: charts.Chart;
	    csv: string;
	    millis: number;
	}
	export interface Template {
	    id: string;
	    kind: string;
	    label: string;
	    description: string;
	}
	
	
	

}

export namespace charts {
	
	export interface Chart {
	    id: string;
	    title: string;
	    option: Record<string, unknown>;
	}

}

export namespace sim {
	
	export interface Correlation {
	    inputs: string[];
	    labels: string[];
	    rho: number;
	}
	export interface Figure {
	    id: string;
	    label: string;
	    base: string;
	    mean: string;
	    stdDev: string;
	    min: string;
	    p5: string;
	    p10: string;
	    p25: string;
	    p50: string;
	    p75: string;
	    p90: string;
	    p95: string;
	    max: string;
	    moves: boolean;
	}
	export interface TableAxis {
	    input: string;
	    label: string;
	    kind: string;
	    values: string[];
	    base: string;
	    baseIndex: number;
	}
	export interface YearShare {
	    year: number;
	    p: number;
	}

}

export namespace version {
	
	export interface Info {
	    version: string;
	    commit: string;
	    date: string;
	    goVersion: string;
	    platform: string;
	}
	export interface Licence {
	    name: string;
	    version?: string;
	    license: string;
	    text: string;
	}

}

