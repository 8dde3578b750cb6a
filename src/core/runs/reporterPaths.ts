import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** batch's node:test reporter, next to this module in dist/ (or the build of it when run from src/). */
export function nodeReporterPath(): string {
  const built = fileURLToPath(new URL('../reporters/nodeTestReporter.js', import.meta.url));
  if (existsSync(built)) return built;
  return fileURLToPath(new URL('../../dist/reporters/nodeTestReporter.js', import.meta.url));
}

/** batch's preload for jest and mocha (see reporters/runnerPreload.cts), beside the node:test reporter. */
export function runnerPreloadPath(): string {
  const built = fileURLToPath(new URL('../reporters/runnerPreload.cjs', import.meta.url));
  if (existsSync(built)) return built;
  return fileURLToPath(new URL('../../dist/reporters/runnerPreload.cjs', import.meta.url));
}

/** The folder of batch's pytest plugin (batch_pytest.py), put on PYTHONPATH for pytest runs. */
export function pytestPluginDir(): string {
  const built = fileURLToPath(new URL('../reporters/', import.meta.url));
  if (existsSync(`${built}batch_pytest.py`)) return built;
  return fileURLToPath(new URL('../../dist/reporters/', import.meta.url));
}

/** What every run plan needs to inject batch's reporters: their paths and the user's own variables they extend. */
export function reporterOptions(env: NodeJS.ProcessEnv): {
  nodeReporter: string;
  runnerPreload: string;
  nodeOptions: string | undefined;
  pytestAddopts: string | undefined;
  pytestPlugin: string;
  pythonPath: string | undefined;
} {
  return {
    nodeReporter: nodeReporterPath(),
    runnerPreload: runnerPreloadPath(),
    nodeOptions: env.NODE_OPTIONS,
    pytestAddopts: env.PYTEST_ADDOPTS,
    pytestPlugin: pytestPluginDir(),
    pythonPath: env.PYTHONPATH,
  };
}
