export namespace app {
	
	export interface Figure {
	    id: string;
	    label: string;
	    context?: string;
	    kind: string;
	    value: string;
	    null: boolean;
	    note?: string;
	}
	export interface Computation {
	    stem: string;
	    scenario: string;
	    period: string;
	    periods: string[];
	    keyFigures: Figure[];
	    summary: Figure[];
	    charts: charts.Chart[];
	}
	
	export interface ScenarioInfo {
	    stem: string;
	    name: string;
	    description: string;
	    error?: string;
	}

}

export namespace charts {
	
	export interface Chart {
	    id: string;
	    title: string;
	    option: Record<string, unknown>;
	}

}

