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
