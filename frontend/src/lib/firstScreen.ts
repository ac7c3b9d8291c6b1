// The first screen (settings, list, the scenario to open first and its evaluation)
// in one call, asked for as soon as the page's script runs: the service answers
// while the page builds itself, and the first chart waits for one round trip.
import { api, type FirstScreen } from './api';

let asked: Promise<FirstScreen | null> | null = null;

/**
 * firstScreen asks for the first screen once and returns the answer; null when the
 * call failed, and the page then asks for each part on its own (which reports
 * each failure where it shows).
 */
export function firstScreen(): Promise<FirstScreen | null> {
  asked ??= api.firstScreen().catch(() => null);
  return asked;
}
