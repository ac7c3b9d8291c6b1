import { api, message, type ScenarioInfo } from './api';

/** The scenarios the user can open. */
class Scenarios {
  items = $state.raw<ScenarioInfo[]>([]);
  loading = $state(false);
  error = $state<string | null>(null);

  async load(): Promise<void> {
    this.loading = true;
    this.error = null;
    try {
      this.items = await api.listScenarios();
    } catch (err) {
      this.error = message(err);
    } finally {
      this.loading = false;
    }
  }
}

export const scenarios = new Scenarios();
