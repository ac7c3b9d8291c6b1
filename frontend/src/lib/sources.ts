// The sources toggle of an input or a contract: what its label says.

/**
 * sourcesLabel is the sources toggle's text: "range" when the input has an
 * uncertainty range, then how many sources it has ("3 sources"), or "add a source"
 * when it has none and they can be edited, joined by " · "; "range" alone when
 * there are none to list or add.
 */
export function sourcesLabel(range: boolean, sources: number, editable: boolean): string {
  const parts: string[] = [];
  if (range) parts.push('range');
  if (sources > 0) parts.push(`${sources} source${sources === 1 ? '' : 's'}`);
  else if (editable) parts.push('add a source');
  return parts.join(' · ');
}
