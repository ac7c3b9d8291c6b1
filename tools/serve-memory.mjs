// Peak memory of `dealmodel serve` with the generated scenario of 100 contracts over
// 40 years, driven through its API as the page drives it: import and open it, 40
// steps of a cap, one slider's speculation (200 positions asked), then a 10,000-run
// simulation. Prints the process's peak resident memory (VmHWM) after each part.
//
//   node tools/serve-memory.mjs build/bin/dealmodel-full
//
// Linux only (/proc). The full program serves directly; the lean `dealmodel` hands
// serve to it, so its own peak would not count the work.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const bin = process.argv[2];
if (!bin) {
  console.error('usage: node tools/serve-memory.mjs PATH/TO/dealmodel-full');
  process.exit(2);
}
const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
const dir = mkdtempSync(join(tmpdir(), 'dealmodel-memory-'));
const srv = spawn(bin, ['serve', '--addr', '127.0.0.1:0', '--db', join(dir, 'db.sqlite')], { stdio: ['ignore', 'pipe', 'inherit'] });
try {
  const url = await new Promise((ok, fail) => {
    let out = '';
    srv.once('exit', (code) => fail(new Error(`serve exited (${code}) before it printed its address`)));
    srv.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/http:\/\/\S+token=\S+/);
      if (m) ok(m[0]);
    });
  });
  const u = new URL(url);
  const token = u.searchParams.get('token');
  const call = async (method, ...args) => {
    const res = await fetch(`${u.origin}/api/call/app.Service.${method}`, {
      method: 'POST',
      headers: { 'X-Dealmodel-Token': token, 'Content-Type': 'application/json' },
      body: JSON.stringify(args),
    });
    const j = await res.json();
    if (j.error) throw new Error(`${method}: ${JSON.stringify(j.error)}`);
    return j.result;
  };
  const peak = () => Number(readFileSync(`/proc/${srv.pid}/status`, 'utf8').match(/VmHWM:\s+(\d+)/)[1]) / 1024;

  const text = readFileSync(join(repo, 'frontend/e2e/fixtures/generated-100.yaml'), 'utf8');
  await call('ImportScenario', 'generated-100.yaml', text);
  const listed = (await call('ListScenarios')).find((s) => s.name.startsWith('Generated 100'));
  const w = await call('OpenScenario', listed.name);
  const ev = await call('Evaluate', w.document, 'quarter');
  const cap = ev.inputs.find((i) => /\.cap$/.test(i.path));
  const charts = ev.computation.charts.slice(0, 2).map((c) => c.id);
  let state = ev.state;
  for (let i = 0; i < 40; i++) {
    state = (await call('Step', state, [{ op: 'set', path: cap.path, value: `${20 + (i % 10)}B` }], 'quarter', charts)).state;
  }
  const afterSteps = peak();
  const values = Array.from({ length: 200 }, (_, k) => `${(cap.min + k * cap.step) / 1e9}B`);
  // The service answers as many positions as its time allows a call; ask again for the rest.
  let done = 0;
  for (let r = 0; r < 5 && done < values.length; r++) done += (await call('Speculate', state, cap.path, values.slice(done), 'quarter', charts)).length;
  const afterSpeculation = peak();
  await call('Simulate', { document: w.document, runs: 10000, seed: '', metric: '' });
  console.log(
    `peak resident memory: ${afterSteps.toFixed(0)} MiB after 40 steps, ${afterSpeculation.toFixed(0)} MiB after speculating ${done} positions, ${peak().toFixed(0)} MiB after a 10,000-run simulation`,
  );
} finally {
  srv.kill();
  rmSync(dir, { recursive: true, force: true });
}
