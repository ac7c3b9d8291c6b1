import type { Theme } from './chartOptions';

const query = '(prefers-color-scheme: dark)';

/** The colour scheme of the system, kept current when the user switches it. */
class SystemTheme {
  current = $state<Theme>('light');

  constructor() {
    if (typeof window === 'undefined' || !window.matchMedia) return;
    const mq = window.matchMedia(query);
    this.current = mq.matches ? 'dark' : 'light';
    mq.addEventListener('change', (e) => {
      this.current = e.matches ? 'dark' : 'light';
    });
  }
}

export const theme = new SystemTheme();
