import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeJsonAtomic } from '../../src/adapters/atomicWrite.js';
import { parseJsonBytes, prettyJsonPieces } from '../../src/adapters/jsonText.js';

const run = {
  id: 3,
  batchId: null,
  skippedField: undefined,
  success: false,
  notes: [],
  source: { format: 'junit', files: ['a "quoted"\nname.xml'] },
  empty: {},
  tests: [
    {
      id: 'a::b',
      name: 'b',
      line: null,
      status: 'failed',
      message: 'line one\nline two',
      nested: { deep: [1, [2]] },
    },
    { id: 'ü€😀', name: '\u0000 control', status: 'passed', kind: undefined },
    undefined,
    'text',
    -1.5e-7,
    true,
  ],
  at: new Date(0),
};

describe('prettyJsonPieces', () => {
  it('writes exactly what JSON.stringify(value, null, 2) writes', () => {
    expect([...prettyJsonPieces(run)].join('')).toBe(JSON.stringify(run, null, 2));
    for (const value of [[], {}, null, 'x', 7, [[]], [{}], { a: [] }]) {
      expect([...prettyJsonPieces(value)].join('')).toBe(JSON.stringify(value, null, 2));
    }
  });

  it('never holds more than one item of a top-level list in a piece', () => {
    const tests = Array.from({ length: 1000 }, (_, i) => ({ id: `t${i}`, status: 'passed' }));
    const longest = Math.max(...[...prettyJsonPieces({ tests })].map((piece) => piece.length));
    expect(longest).toBeLessThan(100);
  });
});

describe('parseJsonBytes', () => {
  const text = JSON.stringify(JSON.parse(JSON.stringify(run)), null, 2);
  const compact = JSON.stringify(JSON.parse(JSON.stringify(run)));

  it('reads piecewise, past the limit, what JSON.parse reads', () => {
    for (const json of [text, compact, '[]', '{}', ' [ 1 , {"a" : [ ]} , "x,]" ] ', '"only"', '12']) {
      const bytes = Buffer.from(json, 'utf8');
      expect(parseJsonBytes(bytes, 0)).toEqual(JSON.parse(json));
    }
    const own = parseJsonBytes(Buffer.from('{"__proto__": {"x": 1}}'), 0) as object;
    expect(Object.keys(own)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(own)).toBe(Object.prototype);
  });

  it('refuses what JSON.parse refuses, with a SyntaxError', () => {
    for (const json of [
      text.slice(0, 200),
      '{"a": 1,}',
      '{"a" 1}',
      '[1 2]',
      '{"a": tru}',
      '',
      '[1] x',
      '{1: 2}',
    ]) {
      expect(() => JSON.parse(json) as unknown, json).toThrow(SyntaxError);
      expect(() => parseJsonBytes(Buffer.from(json), 0), json).toThrow(SyntaxError);
    }
  });
});

describe('writeJsonAtomic', () => {
  let dir: string;
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the pretty JSON, read back to the same value', () => {
    dir = mkdtempSync(join(tmpdir(), 'batch-json-'));
    const tests = Array.from({ length: 30_000 }, (_, i) => ({
      id: `t${i}`,
      status: 'passed',
      message: 'é'.repeat(i % 50),
    }));
    const file = join(dir, 'run.json');
    writeJsonAtomic(file, { id: 1, tests });
    const bytes = readFileSync(file);
    expect(bytes.toString('utf8')).toBe(`${JSON.stringify({ id: 1, tests }, null, 2)}\n`);
    expect(parseJsonBytes(bytes, 1000)).toEqual({ id: 1, tests });
  });
});
