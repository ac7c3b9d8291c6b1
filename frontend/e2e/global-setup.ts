// Global setup of the end-to-end run: starts the perf record afresh, and at the end
// prints the figures of the whole run on one parseable line.
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { artifacts, perfFile } from './paths';

export default function setup(): () => void {
  mkdirSync(artifacts, { recursive: true });
  rmSync(perfFile, { force: true });
  return () => {
    if (!existsSync(perfFile)) return;
    const figures = readFileSync(perfFile, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { name: string; value: string });
    if (figures.length > 0) {
      console.log(`perf: ${figures.map((f) => `${f.name}=${f.value}`).join(' ')}`);
    }
  };
}
