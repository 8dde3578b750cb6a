// Parsing a 100,000-testcase JUnit file: batch's parseReportFile against a bare saxes parse of the
// same file (counting <testcase> elements), time and peak memory, and against the floor of keeping the
// run model at all: saxes plus a bare result object per test case. Targets: ≤ 1.3× that floor, peak
// RSS < 300 MB. Every measurement is one parse in a fresh child process, as batch
// does it (one report per run): wall time of the parse itself, and the process's peak RSS. Runs
// alternate.
import { spawnSync } from 'node:child_process';
import { createReadStream, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SaxesParser } from 'saxes';
import { printTable } from './lib.js';

const TESTCASES = 100_000;
const RUNS = 9;
const self = fileURLToPath(import.meta.url);

/** A report shaped like real ones: suites per file, nested describes, failures with stacks, output. */
function generate(path) {
  const parts = ['<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="bench" tests="100000">\n'];
  const perSuite = 100;
  for (let s = 0; s < TESTCASES / perSuite; s++) {
    const file = `test/area${s % 40}/module${s}.test.ts`;
    parts.push(`  <testsuite name="${file}" tests="${perSuite}" time="1,234">\n`);
    parts.push(`    <properties><property name="seed" value="${s}"/></properties>\n`);
    parts.push(`    <testsuite name="describe ${s}">\n`);
    for (let t = 0; t < perSuite; t++) {
      const n = s * perSuite + t;
      const attrs = `classname="${file}" name="case ${n} &gt; does &amp; checks &quot;thing&quot; ${t}" time="0.00${n % 9}${n % 7}"`;
      if (n % 20 === 0) {
        const stack = Array.from(
          { length: 12 },
          (_, i) => `    at fn${i} (/home/ci/project/${file}:${i + 10}:5)`,
        ).join('\n');
        parts.push(
          `      <testcase ${attrs}>\n        <failure message="expected ${n} to be ${n + 1}" type="AssertionError"><![CDATA[AssertionError: expected ${n} to be ${n + 1}\n${stack}]]></failure>\n        <system-out><![CDATA[${'log line\n'.repeat(20)}]]></system-out>\n      </testcase>\n`,
        );
      } else if (n % 50 === 1) {
        parts.push(`      <testcase ${attrs}><skipped message="not on this platform"/></testcase>\n`);
      } else {
        parts.push(`      <testcase ${attrs}/>\n`);
      }
    }
    parts.push('    </testsuite>\n  </testsuite>\n');
  }
  parts.push('</testsuites>\n');
  writeFileSync(path, parts.join(''));
}

/** Streams the file through a saxes parser whose handler is `onOpenTag`, as batch reads a report. */
function saxesPass(path, onOpenTag) {
  return new Promise((resolve, reject) => {
    const parser = new SaxesParser();
    parser.on('opentag', onOpenTag);
    const stream = createReadStream(path, { encoding: 'utf8', highWaterMark: 256 * 1024 });
    stream.on('data', (chunk) => parser.write(chunk));
    stream.on('end', () => {
      parser.close();
      resolve();
    });
    stream.on('error', reject);
  });
}

/** The reference: saxes alone, streaming the same file, counting testcase elements. */
async function bareParse(path) {
  let count = 0;
  await saxesPass(path, (tag) => {
    if (tag.name === 'testcase') count++;
  });
  return count;
}

/**
 * The floor of any reader that keeps the run model: saxes, plus one result object per test case with
 * an id built from its suite and name and its duration read, and nothing else (no failure texts, no
 * locations, no escaping or duplicate checks). What batch takes beyond it is its own work.
 */
async function floorParse(path) {
  const tests = [];
  let suite = '';
  await saxesPass(path, (tag) => {
    const a = tag.attributes;
    if (tag.name === 'testsuite') suite = a.name ?? '';
    if (tag.name !== 'testcase') return;
    const id = [a.classname ?? '', '::', suite, ' > ', a.name ?? ''].join('');
    tests.push({
      id,
      name: id.slice(id.length - (a.name ?? '').length),
      suite,
      file: null,
      line: null,
      status: 'passed',
      durationMs: Math.round(Number(a.time) * 1e6) / 1e3,
      message: null,
      stack: null,
    });
  });
  return tests.length;
}

async function batchParse(path) {
  const { parseReportFile } = await import('../dist/core/reports/index.js');
  const start = performance.now();
  const report = await parseReportFile(path, { root: '/home/ci/project' });
  return { count: report.tests.length, ms: performance.now() - start };
}

async function timed(parse, path) {
  const start = performance.now();
  const count = await parse(path);
  return { count, ms: performance.now() - start };
}

/** One parse in a fresh process: its wall time and the process's peak RSS. */
function measure(which, path) {
  const out = spawnSync(process.execPath, [self, '--child', which, path], { encoding: 'utf8' });
  if (out.status !== 0) throw new Error(out.stderr);
  const result = JSON.parse(out.stdout);
  if (result.count !== TESTCASES)
    throw new Error(`${which}: expected ${TESTCASES} test cases, got ${result.count}`);
  return result;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

if (process.argv[2] === '--child') {
  const [, , , which, path] = process.argv;
  const { count, ms } =
    which === 'bare'
      ? await timed(bareParse, path)
      : which === 'floor'
        ? await timed(floorParse, path)
        : await batchParse(path);
  // maxRSS: the peak resident set of this process, in kilobytes
  process.stdout.write(JSON.stringify({ count, ms, peakMb: process.resourceUsage().maxRSS / 1024 }));
} else {
  const dir = mkdtempSync(join(tmpdir(), 'batch-bench-junit-'));
  try {
    const path = join(dir, 'junit.xml');
    generate(path);
    const sizeMb = statSync(path).size / 1024 / 1024;
    const bare = [];
    const batch = [];
    const floor = [];
    measure('bare', path);
    measure('batch', path);
    for (let i = 0; i < RUNS; i++) {
      bare.push(measure('bare', path));
      batch.push(measure('batch', path));
      floor.push(measure('floor', path));
    }
    const bareMs = median(bare.map((r) => r.ms));
    const batchMs = median(batch.map((r) => r.ms));
    const floorMs = median(floor.map((r) => r.ms));
    const bareMb = Math.max(...bare.map((r) => r.peakMb));
    const batchMb = Math.max(...batch.map((r) => r.peakMb));
    printTable(
      `JUnit parse of ${TESTCASES.toLocaleString('en-US')} test cases (${sizeMb.toFixed(1)} MB file)`,
      [
        { name: 'parseReportFile', ms: batchMs, refName: 'floor', refMs: floorMs, target: '≤ 1.3x' },
        { name: 'parseReportFile', ms: batchMs, refName: 'bare saxes', refMs: bareMs },
        { name: 'saxes + result objects (floor)', ms: floorMs, refName: 'bare saxes', refMs: bareMs },
      ],
    );
    console.log(
      `peak memory (RSS, whole process, highest of ${RUNS}): parseReportFile ${batchMb.toFixed(0)} MB, bare saxes ${bareMb.toFixed(0)} MB (target < 300 MB)`,
    );
    const ok = batchMs / floorMs <= 1.3 && batchMb < 300;
    console.log(ok ? 'within targets' : 'OUTSIDE TARGETS');
    process.exitCode = ok ? 0 : 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
