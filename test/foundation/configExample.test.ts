import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { defaultConfig, validateConfig } from '../../src/core/model/config.js';
import { PROJECT_ROOT } from '../support/repo.js';

describe('.batchrc.example', () => {
  const raw = parse(readFileSync(`${PROJECT_ROOT}.batchrc.example`, 'utf8')) as Record<string, unknown>;

  it('is a valid config whose values are the defaults', () => {
    const { config, problems } = validateConfig(raw);
    expect(problems).toEqual([]);
    expect(config).toEqual(defaultConfig);
  });

  it('documents every key', () => {
    expect(Object.keys(raw).sort()).toEqual(Object.keys(defaultConfig).sort());
  });
});

describe('culprit in .batchrc', () => {
  it('takes the auto/off shorthand and the object form, and names each wrong key', () => {
    expect(validateConfig({ culprit: 'off' }).config.culprit.mode).toBe('off');
    const full = validateConfig({
      culprit: { mode: 'auto', link: ['.env.test'], setup: 'make', maxRuns: 9 },
    });
    expect(full.problems).toEqual([]);
    expect(full.config.culprit).toEqual({ mode: 'auto', link: ['.env.test'], setup: 'make', maxRuns: 9 });
    const bad = validateConfig({ culprit: { mode: 'sometimes', link: 'x', maxRuns: 0, extra: 1 } });
    expect(bad.problems.map((p) => p.split(':')[0])).toEqual([
      'culprit.extra',
      'culprit.mode',
      'culprit.link',
      'culprit.maxRuns',
    ]);
  });
});
