// Search of the scenario list.

/** matches says whether an entry matches a search: every word, in the name or description. */
export function matches(e: { name: string; description: string }, query: string): boolean {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const hay = `${e.name}\n${e.description}`.toLowerCase();
  return words.every((w) => hay.includes(w));
}

/** search filters entries by the query, those matching by name first. */
export function search<T extends { name: string; description: string }>(items: T[], query: string): T[] {
  const byName: T[] = [];
  const byText: T[] = [];
  for (const e of items) {
    if (matches({ name: e.name, description: '' }, query)) byName.push(e);
    else if (matches(e, query)) byText.push(e);
  }
  return [...byName, ...byText];
}
