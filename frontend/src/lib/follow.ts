// Whether an edit of an input with an uncertainty range moves the range with it,
// chosen once per scenario and remembered on this machine.

export type FollowChoice = 'follow' | 'keep';

const key = (scenario: string) => `dealmodel:follow-ranges:${scenario}`;

/** followChoice is the choice made for the scenario, or null when none was made yet. */
export function followChoice(scenario: string | null): FollowChoice | null {
  if (!scenario) return null;
  try {
    const v = localStorage.getItem(key(scenario));
    return v === 'follow' || v === 'keep' ? v : null;
  } catch {
    return null;
  }
}

/** rememberFollow keeps the choice for the scenario. */
export function rememberFollow(scenario: string | null, choice: FollowChoice): void {
  if (!scenario) return;
  try {
    localStorage.setItem(key(scenario), choice);
  } catch {
    // No storage (a private window): the question comes back next time.
  }
}
