// `npm run demo`: batch's main job on a throwaway repository made from templates/demo-project —
// five edits and a green run, a baseline, a batch that breaks a test (caught and named, and the edit
// that broke it named too), compare exiting 2, then `batch revert` of that one edit and the tests green
// again with the batch's other edits kept. Exits 0 when every step did what it should.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../bin/batch.js', import.meta.url));
const template = fileURLToPath(new URL('../templates/demo-project', import.meta.url));
const keep = process.argv.includes('--keep');
const base = mkdtempSync(join(tmpdir(), 'batch-demo-'));
const dir = join(base, 'shop');
const env = {
  ...process.env,
  // The demo must work on a machine without a git identity, and never touch the user's config.
  GIT_AUTHOR_NAME: 'batch demo',
  GIT_AUTHOR_EMAIL: 'demo@example.com',
  GIT_COMMITTER_NAME: 'batch demo',
  GIT_COMMITTER_EMAIL: 'demo@example.com',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_CONFIG_NOSYSTEM: '1',
};
const bold = (text) => (process.stdout.isTTY && !process.env.NO_COLOR ? `\x1b[1m${text}\x1b[22m` : text);
const problems = [];

function say(text) {
  process.stdout.write(`\n${bold(`# ${text}`)}\n`);
}

function git(...args) {
  const result = spawnSync('git', args, { cwd: dir, env, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr}`);
}

/** Runs `batch …` in the demo repository, showing the command and its output as a user would see them. */
function batch(args, expected) {
  process.stdout.write(`${bold(`$ batch ${args.join(' ')}`)}\n`);
  const result = spawnSync(process.execPath, [bin, ...args], { cwd: dir, env, stdio: 'inherit' });
  if (expected !== undefined && result.status !== expected) {
    problems.push(`batch ${args.join(' ')} exited ${result.status}, expected ${expected}`);
  }
  return result.status;
}

/** Changes a file in the demo project, then records it, like an agent making one edit. */
function edit(path, change, description, expected = 0) {
  const file = join(dir, path);
  let text = '';
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    // a new file
  }
  writeFileSync(file, change(text));
  return batch(['record', path, '-d', description], expected);
}

try {
  cpSync(template, dir, { recursive: true });
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('commit', '-q', '-m', 'A small shop');
  say(`A throwaway repository with a small shop and its tests: ${dir}`);
  batch(['init', '--test-command', 'node --test', '--batch-size', '5'], 0);
  // as init advises: committed, the settings are the team's and CI's too
  process.stdout.write(`${bold('$ git add .batchrc && git commit -m "batch settings"')}\n`);
  git('add', '.batchrc');
  git('commit', '-q', '-m', 'batch settings');

  say('Batch 1: five harmless edits. The fifth completes the batch and the tests run by themselves.');
  edit(
    'src/cart.js',
    (t) => `/** Cart arithmetic. Prices are in euros. */\n${t}`,
    'document the cart module',
  );
  edit(
    'src/format.js',
    (t) => t.replace("currency = 'EUR'", "currency = 'EUR' /* ISO 4217 */"),
    'note the currency code',
  );
  edit('README.md', () => '# Shop\n\nA tiny shop used by the batch demo.\n', 'add a README');
  edit(
    'src/cart.js',
    (t) =>
      t
        .replace('(sum, item)', '(sum, line)')
        .replace('item.price * item.quantity', 'line.price * line.quantity'),
    'rename item to line',
  );
  edit(
    'test/format.test.js',
    (t) =>
      `${t}\ntest('formatPrice takes another currency', () => {\n  assert.equal(formatPrice(1, 'USD'), '1.00 USD');\n});\n`,
    'test another currency',
  );

  say('Those results become the baseline: what later batches are compared with.');
  batch(['baseline'], 0);

  say(
    'Batch 2: five more edits. The first one gets the discount wrong; the batch catches it and names the test.',
  );
  edit(
    'src/cart.js',
    (t) => t.replace('return amount - (amount * percent) / 100;', 'return (amount * percent) / 100;'),
    'simplify applyDiscount',
  );
  edit('src/format.js', (t) => `${t}\nexport const ZERO = formatPrice(0);\n`, 'add a ZERO constant');
  edit('README.md', (t) => `${t}\nRun the tests with \`npm test\`.\n`, 'document the tests');
  edit(
    'src/cart.js',
    (t) => t.replace('const discounted', 'const afterDiscount').replace('discounted *', 'afterDiscount *'),
    'rename discounted',
  );
  edit(
    'test/cart.test.js',
    (t) => `${t}\ntest('an empty cart costs nothing', () => {\n  assert.equal(total([]), 0);\n});\n`,
    'test an empty cart',
    2,
  );

  say('In CI, compare gives one exit code: 2 means a regression against the baseline.');
  batch(['compare'], 2);

  say(
    'The culprit search already named the edit that broke it: edit 6. Take back that edit alone; the other four stay.',
  );
  batch(['revert', '6', '--yes'], 0);
  const cart = readFileSync(join(dir, 'src/cart.js'), 'utf8');
  if (!cart.includes('amount - (amount * percent) / 100') || !cart.includes('afterDiscount'))
    problems.push('src/cart.js should have the discount fixed and the rename of edit 9 kept');
  batch(['log']);
  say(
    problems.length
      ? 'The demo did not go as expected:'
      : 'Done: a regression caught, its edit named and taken back alone. `batch undo` would bring it back.',
  );
  for (const problem of problems) process.stdout.write(`  - ${problem}\n`);
} catch (error) {
  problems.push(String(error));
  process.stderr.write(`demo failed: ${String(error)}\n`);
} finally {
  if (keep) process.stdout.write(`\nThe demo repository is kept at ${dir}\n`);
  else rmSync(base, { recursive: true, force: true });
}
process.exitCode = problems.length ? 1 : 0;
