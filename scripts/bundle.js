// Bundles the CLI that tsc compiled (dist/cli/main.js) into dist/bin/: one entry file plus chunks for
// the lazily loaded commands. Node's ESM loader resolves, reads and links every module file on its
// own, so start-up grows with the number of files: execa alone is about 80 ms of it. Bundled, `batch
// --version` starts in about 170 ms instead of 300, and `batch test` adds about 100 ms less to a run.
//
// Every chunk sits in dist/bin/, two levels below the package root like dist/cli/, so the paths the
// code builds from import.meta.url (../../package.json, ../reporters/…) stay right. dist/index.js, the
// library entry, is tsc's output and is not bundled.
import { build } from 'esbuild';
import { copyFileSync, readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const outdir = `${root}dist/bin`;

/**
 * string-width (in yargs' help layout) builds an Intl.Segmenter and Unicode-property regexes when its
 * module loads: about 40 ms of every command's start-up, though only help text ever measures a width.
 * Its body is moved into a function run on the first call. The module must still be what this expects
 * (imports, then one default-exported function): if a new version is not, the build fails here.
 */
const lazyStringWidth = {
  name: 'lazy-string-width',
  setup(build) {
    build.onLoad({ filter: /[\\/]string-width[\\/]index\.js$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      const lines = source.split('\n');
      const imports = lines.filter((line) => line.startsWith('import '));
      const body = lines.filter((line) => !line.startsWith('import ')).join('\n');
      const exported = /^export default function stringWidth\(/m;
      if (!exported.test(body) || body.replace(exported, '').includes('export ')) {
        throw new Error(
          `${args.path}: not the string-width shape scripts/bundle.js expects; update lazyStringWidth`,
        );
      }
      const contents = [
        ...imports,
        'let stringWidthImpl;',
        'export default function stringWidth(...args) {',
        '  stringWidthImpl ??= (() => {',
        body.replace(exported, 'function stringWidth('),
        '    return stringWidth;',
        '  })();',
        '  return stringWidthImpl(...args);',
        '}',
      ].join('\n');
      return { contents, loader: 'js' };
    });
  },
};

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
  // node-sqlite3-wasm finds its .wasm next to itself and libsql its platform's binary package; pg and
  // umzug load only with the history store
  external: ['libsql', 'node-sqlite3-wasm', 'pg', 'umzug'],
  // jsonc-parser's main build is UMD, whose require('./impl/format') esbuild cannot follow: take its ES build
  alias: { 'jsonc-parser': './node_modules/jsonc-parser/lib/esm/main.js' },
  plugins: [lazyStringWidth],
  minifyWhitespace: true,
  minifySyntax: true,
  logLevel: 'warning',
});

// batch's pytest plugin is Python: tsc does not copy it beside the node:test reporter.
copyFileSync(`${root}src/reporters/batch_pytest.py`, `${root}dist/reporters/batch_pytest.py`);
