/// <reference types="vitest/config" />
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

// The Go programs embed dist/ (frontend/embed.go: //go:embed all:dist), so dist/ must exist in
// a fresh clone for `go vet` and `go test`: a committed dist/.gitkeep keeps it. Vite
// empties dist/ on every build; this puts the placeholder back.
function keepDist(): Plugin {
  return {
    name: 'keep-dist',
    apply: 'build',
    closeBundle() {
      writeFileSync(resolve(__dirname, 'dist/.gitkeep'), '');
    },
  };
}

// The npm packages whose code ends up in the bundle, with their licences, as
// dist/licences.json: the About dialog lists them. Taken from the modules that the
// bundle renders, so it names exactly what is shipped (svelte's runtime, echarts,
// zrender, tslib, ...), not what the build only used.
export interface BundledPackage {
  name: string;
  version: string;
  license: string;
  text: string;
}

function bundledLicences(): Plugin {
  const marker = `${sep}node_modules${sep}`;
  return {
    name: 'bundled-licences',
    apply: 'build',
    generateBundle(_options, bundle) {
      const dirs = new Map<string, string>();
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk') continue;
        for (const [id, m] of Object.entries(chunk.modules)) {
          const at = id.lastIndexOf(marker);
          if (at < 0 || m.renderedLength === 0) continue;
          const parts = id.slice(at + marker.length).split(sep);
          const n = parts[0].startsWith('@') ? 2 : 1;
          dirs.set(parts.slice(0, n).join('/'), id.slice(0, at + marker.length) + parts.slice(0, n).join(sep));
        }
      }
      const out: BundledPackage[] = [...dirs.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([name, dir]) => {
          const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
          // The licence and any notices (Apache's NOTICE must travel with the code).
          const files = readdirSync(dir)
            .filter((f) => /^(licen[cs]e|copying|notice)([-._].*)?$/i.test(f))
            .sort();
          if (!files.some((f) => !/^notice/i.test(f))) {
            this.error(`${name}: no licence file in ${dir}: the About dialog must show it`);
          }
          // Licences of subcomponents, which the main licence refers to (echarts' licenses/).
          for (const sub of ['licenses', 'licences']) {
            try {
              files.push(...readdirSync(join(dir, sub)).sort().map((f) => `${sub}/${f}`));
            } catch {
              // none
            }
          }
          const text = files
            .map((f) => (files.length > 1 ? `== ${f} ==\n` : '') + readFileSync(join(dir, f), 'utf8').trim() + '\n')
            .join('\n');
          const license = typeof pkg.license === 'string' ? pkg.license : (pkg.license?.type ?? 'see text');
          return { name, version: pkg.version, license, text };
        });
      this.emitFile({ type: 'asset', fileName: 'licences.json', source: JSON.stringify(out) });
    },
  };
}

// The echarts chunk is imported by the page's script once it runs (lib/echarts.ts);
// modulepreload links have the browser fetch and compile it, and the chunks it
// imports (echarts' core, which it shares with the extras chunk), from the start,
// beside the page's own script, instead of after it.
function preloadEcharts(): Plugin {
  return {
    name: 'preload-echarts',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        const chunk = Object.values(ctx.bundle ?? {}).find((c) => c.type === 'chunk' && c.name === 'echartsEngine');
        if (!chunk) throw new Error('preload-echarts: no echartsEngine chunk in the bundle');
        const files = [chunk.fileName, ...(chunk.type === 'chunk' ? chunk.imports : [])];
        return files.map((f) => ({ tag: 'link', attrs: { rel: 'modulepreload', crossorigin: true, href: `/${f}` }, injectTo: 'head' as const }));
      },
    },
  };
}

export default defineConfig({
  plugins: [svelte(), keepDist(), bundledLicences(), preloadEcharts()],
  build: {
    target: 'es2020',
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1200,
  },
  // `wails dev` proxies to this server; never expose it beyond this machine.
  server: { host: '127.0.0.1', strictPort: false },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
});
