import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lilconfig, type Loader } from 'lilconfig';

/** The config files batch reads, in the order it looks for them. */
export const CONFIG_FILES = ['.batchrc', '.batchrc.json', '.batchrc.yaml', '.batchrc.yml', 'package.json'];

export class ConfigSyntaxError extends Error {
  readonly file: string;
  constructor(file: string, reason: string) {
    super(reason);
    this.name = 'ConfigSyntaxError';
    this.file = file;
  }
}

/**
 * `.batchrc` may hold JSON or YAML. JSON is tried first (the common case, and no YAML parser to load);
 * YAML parses JSON too, and its errors give line and column.
 */
const yamlLoader: Loader = async (filepath, content) => {
  if (content.trim() === '') return {};
  let jsonError: Error;
  try {
    return JSON.parse(content) as unknown;
  } catch (error) {
    jsonError = error as Error;
  }
  // yaml is CommonJS: its exports are the default export's properties, in node and in the bundle alike
  const { parse } = (await import('yaml')).default;
  try {
    return parse(content) as unknown;
  } catch (error) {
    // a file that opens like JSON was meant as JSON: its error says more than YAML's would
    const reason = /^\s*\{/.test(content)
      ? jsonProblem(content, jsonError)
      : ((error as Error).message.split('\n')[0] ?? 'invalid YAML');
    throw new ConfigSyntaxError(filepath, reason);
  }
};

/** JSON.parse's message with `at position N` turned into the line and column a person looks for. */
function jsonProblem(content: string, error: Error): string {
  const match = / in JSON at position (\d+)/.exec(error.message);
  const reason = error.message.replace(/ in JSON at position \d+.*$/, '');
  const offset = match ? Number(match[1]) : error.message.includes('end of JSON') ? content.length : null;
  if (offset === null) return `invalid JSON: ${reason}`;
  const before = content.slice(0, offset).split('\n');
  return `invalid JSON at line ${before.length}, column ${(before.at(-1)?.length ?? 0) + 1}: ${reason}`;
}

const jsonLoader: Loader = (filepath, content) => {
  try {
    return JSON.parse(content) as unknown;
  } catch (error) {
    throw new ConfigSyntaxError(filepath, jsonProblem(content, error as Error));
  }
};

/** Finds and reads the config in the worktree root only (never above it). */
export async function readConfigFile(root: string): Promise<{ file: string | null; raw: unknown }> {
  const explorer = lilconfig('batch', {
    searchPlaces: CONFIG_FILES,
    stopDir: root,
    loaders: { noExt: yamlLoader, '.json': jsonLoader, '.yaml': yamlLoader, '.yml': yamlLoader },
  });
  try {
    const result = await explorer.search(root);
    if (!result) return { file: null, raw: null };
    return { file: result.filepath, raw: result.config };
  } catch (error) {
    if (error instanceof ConfigSyntaxError) throw error;
    // lilconfig's own JSON parse of package.json
    throw new ConfigSyntaxError(join(root, 'package.json'), (error as Error).message);
  }
}

/** The `scripts.test` of the worktree's package.json, proposed by `batch init` as the test command. */
export function packageTestScript(root: string): string | null {
  try {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      scripts?: Record<string, unknown>;
    };
    const test = pkg.scripts?.test;
    if (typeof test !== 'string' || /no test specified/.test(test)) return null;
    return test;
  } catch {
    return null;
  }
}
