import { api, message, type Computation, type Period } from './api';

/** The open scenario and its computed figures and charts. */
class Current {
  stem = $state<string | null>(null);
  period = $state<Period>('quarter');
  result = $state.raw<Computation | null>(null);
  loading = $state(false);
  error = $state<string | null>(null);

  // Only the answer to the latest request is shown.
  #seq = 0;

  select(stem: string): Promise<void> {
    this.stem = stem;
    return this.#compute();
  }

  setPeriod(period: Period): Promise<void> {
    this.period = period;
    return this.#compute();
  }

  async #compute(): Promise<void> {
    const stem = this.stem;
    if (stem === null) return;
    const seq = ++this.#seq;
    this.loading = true;
    try {
      const result = await api.compute(stem, this.period);
      if (seq !== this.#seq) return;
      this.result = result;
      this.error = null;
    } catch (err) {
      if (seq !== this.#seq) return;
      this.result = null;
      this.error = message(err);
    } finally {
      if (seq === this.#seq) this.loading = false;
    }
  }
}

export const current = new Current();
