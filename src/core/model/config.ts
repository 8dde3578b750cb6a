/** The `.batchrc` keys of DESIGN.md, their defaults, and validation that reports every problem at once. */

export type HookMode = 'background' | 'foreground' | 'off';

export interface ReportConfig {
  /** `junit`, `tap`, `vitest-json`, `jest-json`, `node-test`, `go-json`, or `auto` (sniff the file). */
  format: string;
  /** Where the test command writes its report, relative to the worktree root. */
  path: string;
}

export type CulpritMode = 'auto' | 'off';

/** `culprit` in .batchrc: `auto` or `off`, or an object with the mode, links and setup. */
export interface CulpritConfig {
  /** `auto`: a batch that completes with new failures is searched for its culprit edits at once. */
  mode: CulpritMode;
  /** Globs (worktree-relative) of ignored files or folders linked into the scratch worktree too. */
  link: string[];
  /** A shell command run once in a new scratch worktree (builds, generated files), or null. */
  setup: string | null;
  /** The most probe runs one search may make. */
  maxRuns: number;
}

export interface Config {
  batchSize: number;
  testCommand: string | null;
  /** Milliseconds; the whole test process tree is ended after it. */
  testTimeout: number;
  report: ReportConfig | null;
  slowdownThreshold: number;
  slowdownMinMs: number;
  include: string[];
  exclude: string[];
  hook: { mode: HookMode };
  watch: { quietMs: number };
  culprit: CulpritConfig;
}

export const defaultConfig: Config = {
  batchSize: 5,
  testCommand: null,
  testTimeout: 10 * 60 * 1000,
  report: null,
  slowdownThreshold: 0.5,
  slowdownMinMs: 100,
  include: [],
  exclude: [],
  hook: { mode: 'background' },
  watch: { quietMs: 250 },
  culprit: { mode: 'auto', link: [], setup: null, maxRuns: 30 },
};

/** Upper bound of `watch.quietMs`: a longer quiet period would make saves feel lost. */
export const MAX_QUIET_MS = 5000;

const REPORT_FORMATS = ['auto', 'junit', 'tap', 'vitest-json', 'jest-json', 'node-test', 'go-json'];
const HOOK_MODES: HookMode[] = ['background', 'foreground', 'off'];

type Problems = string[];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Accepts milliseconds as a number, or a duration string such as `90s`, `10m`, `1500ms`. */
export function parseDuration(value: unknown): number | null {
  if (typeof value === 'number' && Number.isFinite(value) && value > 0) return value;
  if (typeof value !== 'string') return null;
  const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h)?\s*$/.exec(value);
  if (!match) return null;
  const factor = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[match[2] ?? 'ms'] ?? 1;
  const ms = Number(match[1]) * factor;
  return ms > 0 ? ms : null;
}

function stringList(value: unknown, key: string, problems: Problems): string[] {
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string' && v.length > 0)) {
    problems.push(`${key}: expected a list of glob strings, got ${JSON.stringify(value)}`);
    return [];
  }
  return value as string[];
}

function unknownKeys(
  object: Record<string, unknown>,
  known: string[],
  prefix: string,
  problems: Problems,
): void {
  for (const key of Object.keys(object)) {
    if (!known.includes(key)) problems.push(`${prefix}${key}: unknown key (known: ${known.join(', ')})`);
  }
}

/**
 * Validates raw config (from any source) over the defaults. Returns the config and the list of
 * problems, each naming its key; the caller reports them all at once with the file's name.
 */
export function validateConfig(raw: unknown): { config: Config; problems: string[] } {
  const problems: Problems = [];
  const config: Config = structuredClone(defaultConfig);
  if (raw === null || raw === undefined) return { config, problems };
  if (!isRecord(raw)) return { config, problems: ['expected an object of settings at the top level'] };
  unknownKeys(raw, Object.keys(defaultConfig), '', problems);

  if ('batchSize' in raw) {
    const v = raw.batchSize;
    if (typeof v === 'number' && Number.isInteger(v) && v >= 1) config.batchSize = v;
    else problems.push(`batchSize: expected a whole number of at least 1, got ${JSON.stringify(v)}`);
  }
  if ('testCommand' in raw) {
    const v = raw.testCommand;
    if (v === null || (typeof v === 'string' && v.trim() !== '')) config.testCommand = v;
    else problems.push(`testCommand: expected a shell command string, got ${JSON.stringify(v)}`);
  }
  if ('testTimeout' in raw) {
    const v = parseDuration(raw.testTimeout);
    if (v !== null) config.testTimeout = v;
    else
      problems.push(
        `testTimeout: expected milliseconds or a duration like "10m", got ${JSON.stringify(raw.testTimeout)}`,
      );
  }
  if ('report' in raw) config.report = validateReport(raw.report, problems);
  for (const key of ['slowdownThreshold', 'slowdownMinMs'] as const) {
    if (!(key in raw)) continue;
    const v = raw[key];
    if (typeof v === 'number' && Number.isFinite(v) && v >= 0) config[key] = v;
    else problems.push(`${key}: expected a number of at least 0, got ${JSON.stringify(v)}`);
  }
  if ('include' in raw) config.include = stringList(raw.include, 'include', problems);
  if ('exclude' in raw) config.exclude = stringList(raw.exclude, 'exclude', problems);
  if ('hook' in raw) config.hook = validateHook(raw.hook, problems);
  if ('watch' in raw) config.watch = validateWatch(raw.watch, problems);
  if ('culprit' in raw) config.culprit = validateCulprit(raw.culprit, problems);
  return { config, problems };
}

function validateReport(v: unknown, problems: Problems): ReportConfig | null {
  if (v === null) return null;
  if (!isRecord(v)) {
    problems.push(`report: expected { "format": …, "path": … }, got ${JSON.stringify(v)}`);
    return null;
  }
  unknownKeys(v, ['format', 'path'], 'report.', problems);
  const format = v.format ?? 'auto';
  if (typeof format !== 'string' || !REPORT_FORMATS.includes(format)) {
    problems.push(
      `report.format: expected one of ${REPORT_FORMATS.join(', ')}, got ${JSON.stringify(v.format)}`,
    );
  }
  if (typeof v.path !== 'string' || v.path.trim() === '') {
    problems.push(
      `report.path: expected the path of the report file the test command writes, got ${JSON.stringify(v.path)}`,
    );
  }
  return {
    format: typeof format === 'string' ? format : 'auto',
    path: typeof v.path === 'string' ? v.path : '',
  };
}

function validateHook(v: unknown, problems: Problems): Config['hook'] {
  if (!isRecord(v)) {
    problems.push(`hook: expected { "mode": "background" | "foreground" | "off" }, got ${JSON.stringify(v)}`);
    return defaultConfig.hook;
  }
  unknownKeys(v, ['mode'], 'hook.', problems);
  if (v.mode === undefined) return defaultConfig.hook;
  if (HOOK_MODES.includes(v.mode as HookMode)) return { mode: v.mode as HookMode };
  problems.push(`hook.mode: expected one of ${HOOK_MODES.join(', ')}, got ${JSON.stringify(v.mode)}`);
  return defaultConfig.hook;
}

function validateWatch(v: unknown, problems: Problems): Config['watch'] {
  if (!isRecord(v)) {
    problems.push(`watch: expected { "quietMs": number }, got ${JSON.stringify(v)}`);
    return defaultConfig.watch;
  }
  unknownKeys(v, ['quietMs'], 'watch.', problems);
  if (v.quietMs === undefined) return defaultConfig.watch;
  if (typeof v.quietMs === 'number' && v.quietMs >= 0 && v.quietMs <= MAX_QUIET_MS)
    return { quietMs: v.quietMs };
  problems.push(
    `watch.quietMs: expected milliseconds between 0 and ${MAX_QUIET_MS}, got ${JSON.stringify(v.quietMs)}`,
  );
  return defaultConfig.watch;
}

const CULPRIT_MODES: CulpritMode[] = ['auto', 'off'];

function validateCulprit(v: unknown, problems: Problems): CulpritConfig {
  const config = structuredClone(defaultConfig.culprit);
  if (typeof v === 'string' && CULPRIT_MODES.includes(v as CulpritMode))
    return { ...config, mode: v as CulpritMode };
  if (!isRecord(v)) {
    problems.push(
      `culprit: expected "auto", "off" or { "mode", "link", "setup", "maxRuns" }, got ${JSON.stringify(v)}`,
    );
    return config;
  }
  unknownKeys(v, ['mode', 'link', 'setup', 'maxRuns'], 'culprit.', problems);
  if (v.mode !== undefined) {
    if (CULPRIT_MODES.includes(v.mode as CulpritMode)) config.mode = v.mode as CulpritMode;
    else problems.push(`culprit.mode: expected one of auto, off, got ${JSON.stringify(v.mode)}`);
  }
  if (v.link !== undefined) config.link = stringList(v.link, 'culprit.link', problems);
  if (v.setup !== undefined) {
    if (v.setup === null || (typeof v.setup === 'string' && v.setup.trim() !== '')) config.setup = v.setup;
    else problems.push(`culprit.setup: expected a shell command string, got ${JSON.stringify(v.setup)}`);
  }
  if (v.maxRuns !== undefined) {
    if (typeof v.maxRuns === 'number' && Number.isInteger(v.maxRuns) && v.maxRuns >= 1)
      config.maxRuns = v.maxRuns;
    else
      problems.push(
        `culprit.maxRuns: expected a whole number of at least 1, got ${JSON.stringify(v.maxRuns)}`,
      );
  }
  return config;
}
