/**
 * Loaded into the test command's node processes through `NODE_OPTIONS=--require <this file>`, so that
 * jest and mocha write the report batch reads without a word added to the command line their tests
 * see in `process.argv`, and without replacing the reporter the user chose:
 *
 * - jest: `run()` of jest-cli is called with the user's own arguments plus `--json --outputFile=…
 *   --testLocationInResults`; `process.argv` is left as it was.
 * - mocha: `Mocha#run` builds the user's reporter as usual and mocha's JSON reporter beside it,
 *   writing to batch's file instead of stdout.
 *
 * The process that starts the run puts `NODE_OPTIONS` back as the user had it and removes
 * `BATCH_REPORT` before any test runs, so the tests (and the processes they start) see the
 * environment they would see without batch. Processes that are not jest or mocha (npm, sh, tsc in a
 * `jest && tsc` chain) only load this small file.
 */

// eslint-disable-next-line @typescript-eslint/no-require-imports
import Module = require('node:module');

/** What the run plan passes in `BATCH_REPORT`. */
interface Request {
  runner: 'jest' | 'mocha';
  path: string;
  /** The user's own NODE_OPTIONS (null: there was none). */
  nodeOptions: string | null;
}

type Loader = (request: string, parent: unknown, isMain: boolean) => unknown;
type Resolver = (request: string, parent: unknown, isMain: boolean) => string;

function readRequest(): Request | null {
  const raw = process.env.BATCH_REPORT;
  if (raw === undefined) return null;
  try {
    const parsed = JSON.parse(raw) as Partial<Request>;
    if ((parsed.runner !== 'jest' && parsed.runner !== 'mocha') || typeof parsed.path !== 'string')
      return null;
    return { runner: parsed.runner, path: parsed.path, nodeOptions: parsed.nodeOptions ?? null };
  } catch {
    return null;
  }
}

/** Gives the tests the environment they would have had without batch. */
function restoreEnvironment(request: Request): void {
  delete process.env.BATCH_REPORT;
  if (request.nodeOptions === null) delete process.env.NODE_OPTIONS;
  else process.env.NODE_OPTIONS = request.nodeOptions;
}

type JestRun = (argv?: string[], project?: string) => Promise<void>;

/** jest-cli's exports with `run` given batch's report arguments. */
function wrapJest(exports: object, request: Request): object {
  let wrapped: JestRun | null = null;
  return new Proxy(exports, {
    get(target, key, receiver) {
      const value: unknown = Reflect.get(target, key, receiver);
      if (key !== 'run' || typeof value !== 'function') return value;
      const run = value as JestRun;
      wrapped ??= (argv, project) => {
        restoreEnvironment(request);
        const own = argv ?? process.argv.slice(2);
        return run([...own, '--json', `--outputFile=${request.path}`, '--testLocationInResults'], project);
      };
      return wrapped;
    },
  });
}

type ReporterClass = new (runner: unknown, options: Record<string, unknown>) => object;
interface MochaLike {
  prototype: { run: (this: { _reporter: ReporterClass }, ...args: unknown[]) => unknown };
  reporters: { JSON: ReporterClass };
}

/** Mocha#run builds mocha's JSON reporter (writing batch's file) beside the user's own. */
function wrapMocha(exports: MochaLike, request: Request): void {
  const proto = exports.prototype;
  const run = proto.run;
  proto.run = function (this: { _reporter: ReporterClass }, ...args: unknown[]) {
    restoreEnvironment(request);
    proto.run = run;
    const UserReporter = this._reporter;
    const JsonReporter = exports.reporters.JSON;
    const output = request.path;
    function Both(runner: unknown, options: Record<string, unknown>): object {
      const reporterOption = { ...(options.reporterOption as object | undefined), output };
      new JsonReporter(runner, { ...options, reporterOption, reporterOptions: reporterOption });
      return new UserReporter(runner, options);
    }
    this._reporter = Both as unknown as ReporterClass;
    try {
      return run.apply(this, args);
    } finally {
      this._reporter = UserReporter;
    }
  };
}

const JEST_CLI = /[\\/]jest-cli[\\/]build[\\/]index\.js$/;
const MOCHA = /[\\/]mocha[\\/]lib[\\/]mocha\.js$/;

function install(request: Request): void {
  const internals = Module as unknown as { _load: Loader; _resolveFilename: Resolver };
  const load = internals._load;
  const seen = new WeakSet<object>();
  const packageName = request.runner === 'jest' ? 'jest-cli' : 'mocha';
  internals._load = function (requested, parent, isMain) {
    const exports = load.call(this, requested, parent, isMain);
    if (typeof exports !== 'object' && typeof exports !== 'function') return exports;
    if (exports === null || seen.has(exports)) return exports;
    // Resolving again costs: only requests from or to the runner's own package are looked at.
    const from = (parent as { filename?: unknown } | null)?.filename;
    if (!requested.includes(packageName) && !(typeof from === 'string' && from.includes(packageName))) {
      return exports;
    }
    let file: string;
    try {
      file = internals._resolveFilename(requested, parent, isMain);
    } catch {
      return exports;
    }
    if (request.runner === 'jest' && JEST_CLI.test(file)) return wrapJest(exports, request);
    if (request.runner === 'mocha' && MOCHA.test(file)) {
      seen.add(exports);
      wrapMocha(exports as MochaLike, request);
    }
    return exports;
  };
}

const request = readRequest();
if (request !== null) install(request);
