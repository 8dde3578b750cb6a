// Bundles the CLI that tsc compiled (dist/cli/main.js) into dist/bin/: one entry file plus chunks for
// the lazily loaded commands. Node's ESM loader resolves, reads and links every module file on its
// own, so start-up grows with the number of files: execa alone is about 80 ms of it. Bundled, `batch
// --version` starts in about 170 ms instead of 300, and `batch test` adds about 100 ms less to a run.
//
// Every chunk sits in dist/bin/, two levels below the package root like dist/cli/, so the paths the
// code builds from import.meta.url (../../package.json, ../reporters/…) stay right. dist/index.js, the
// library entry, is tsc's output and is not bundled.
import { build } from 'esbuild';
import { copyFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const outdir = `${root}dist/bin`;

rmSync(outdir, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: { batch: 'dist/cli/main.js' },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20.19',
  chunkNames: 'chunk-[hash]',
  sourcemap: 'linked',
  // CommonJS dependencies (saxes, simple-git's helpers) call require() for node's built-ins
  banner: {
    js: "import { createRequire as __batchCreateRequire } from 'node:module'; const require = __batchCreateRequire(import.meta.url);",
  },
  // node-sqlite3-wasm finds its .wasm next to itself; pg and umzug load only with the history store
  external: ['node-sqlite3-wasm', 'pg', 'umzug'],
  // jsonc-parser's main build is UMD, whose require('./impl/format') esbuild cannot follow: take its ES build
  alias: { 'jsonc-parser': './node_modules/jsonc-parser/lib/esm/main.js' },
  logLevel: 'warning',
});

// batch's pytest plugin is Python: tsc does not copy it beside the node:test reporter.
copyFileSync(`${root}src/reporters/batch_pytest.py`, `${root}dist/reporters/batch_pytest.py`);
