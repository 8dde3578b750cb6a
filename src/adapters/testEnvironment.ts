import { REPO_STEERING_VARIABLES } from './git.js';

/**
 * Variables git sets for hooks (post-commit, pre-commit…) or that steer git at another repository,
 * index or object store. A test command started from a hook must not inherit them: a test that runs
 * git in a temp repository would otherwise write into the user's index (GIT_INDEX_FILE is relative).
 */
const GIT_HOOK_VARIABLES = new Set([
  ...REPO_STEERING_VARIABLES,
  'GIT_EXEC_PATH',
  'GIT_CONFIG_PARAMETERS',
  'GIT_QUARANTINE_PATH',
  'GIT_LITERAL_PATHSPECS',
  'GIT_GLOB_PATHSPECS',
  'GIT_NOGLOB_PATHSPECS',
  'GIT_ICASE_PATHSPECS',
]);

/**
 * The environment of the test command: the user's, minus git's hook and repository variables, with
 * `FORCE_COLOR=1` added only when the output ends on a terminal (the runner sees a pipe, but the person
 * sees what they would see without batch). Off a terminal nothing is added: tests that read
 * `FORCE_COLOR` (colour libraries' own suites) see the user's value or none. `CI` and everything
 * else pass through untouched.
 */
export function testEnvironment(
  base: NodeJS.ProcessEnv,
  options: { color: boolean },
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(base)) {
    if (value === undefined) continue;
    if (GIT_HOOK_VARIABLES.has(key) || key.startsWith('GIT_PUSH_OPTION')) continue;
    env[key] = value;
  }
  if (options.color) env.FORCE_COLOR ??= '1';
  return env;
}
