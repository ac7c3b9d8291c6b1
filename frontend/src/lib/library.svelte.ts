// The user's scenarios, as the list shows them, and what the list can do to them.

import { api, message, type ScenarioEntry, type Template } from './api';
import { search } from './search';

/** A deletion that can still be undone. */
export interface Deleted {
  name: string;
  at: number;
}

class Library {
  items = $state.raw<ScenarioEntry[]>([]);
  templates = $state.raw<Template[]>([]);
  loading = $state(false);
  error = $state<string | null>(null);
  query = $state('');
  deleted = $state<Deleted | null>(null);

  filtered = $derived(search(this.items, this.query));

  async load(): Promise<void> {
    this.loading = true;
    try {
      this.items = await api.listScenarios();
      this.error = null;
    } catch (err) {
      this.error = `Cannot list the scenarios: ${message(err)}`;
    } finally {
      this.loading = false;
    }
  }

  async loadTemplates(): Promise<void> {
    if (this.templates.length > 0) return;
    try {
      this.templates = await api.templates();
    } catch (err) {
      this.error = `Cannot list the templates: ${message(err)}`;
    }
  }

  /** duplicate copies a scenario and returns the copy's name, or throws. */
  async duplicate(name: string): Promise<string> {
    const e = await api.duplicateScenario(name, '');
    await this.load();
    return e.name;
  }

  async rename(name: string, newName: string): Promise<void> {
    await api.renameScenario(name, newName);
    await this.load();
  }

  async remove(name: string): Promise<void> {
    await api.deleteScenario(name);
    this.deleted = { name, at: Date.now() };
    await this.load();
  }

  async undoDelete(): Promise<string | null> {
    const d = this.deleted;
    if (!d) return null;
    await api.undeleteScenario(d.name);
    this.deleted = null;
    await this.load();
    return d.name;
  }
}

export const library = new Library();
