import type { TestResult } from '../model/runModel.js';
import { failureText, status, unescapeTwice, type JunitCase, type JunitScope } from './junitOutcome.js';
import { parseSeconds, secondsToMs } from './duration.js';
import { locationFromStack } from './locationFromStack.js';
import { portablePath, projectPath } from './projectPath.js';
import { suiteSeparator } from './testResult.js';

/** What the root element said about the emitter. */
export interface JunitDialect {
  /** pytest writes 0-based `line` attributes (xunit1). */
  pytest: boolean;
  /** mocha-junit-reporter swaps name (full title) and classname (leaf title). */
  mocha: boolean;
  /** jest-junit names each `<testsuite>` after its file's first test's outermost describe. */
  jest: boolean;
}

/** What a test case's suite, classname and file attribute say, worked out once per combination. */
interface Placement {
  classname: string;
  /** Project path of the test's file, from attributes (or a classname that is a path). */
  file: string | null;
  /** `file::` as ids write it, or ''. */
  idPrefix: string;
  /** The classname as suite, when it is one (not a path, not node's constant "test"). */
  classSuite: string | null;
  /** The enclosing suite names that say something, joined. */
  scopeSuite: string;
  innermost: string | undefined;
  /**
   * Ids seen so far among tests with this id prefix and suite (shared by equal placements of other
   * suites): a test reported twice lands in the same set, and small sets are quicker than one big one.
   */
  ids: Set<string>;
}

const sourceFile = /\.(?:[cm]?[jt]sx?|py|rb|go|rs|php|java|kt|scala|cs|swift|exs?|dart|lua|pl|t)$/i;
const genericSuites = new Set(['', 'pytest', 'Root Suite', 'Mocha Tests', 'vitest tests', 'jest tests']);

/**
 * A copy of a string that shares no memory with the XML chunk it was cut from: saxes hands out
 * slices of its input, and keeping one slice keeps its whole 256 KB chunk alive (the whole file,
 * for 100,000 kept test names).
 */
function detached<T extends string | null>(text: T): T {
  return (text === null || text.length === 0 ? text : ` ${text}`.slice(1)) as T;
}

function looksLikeFile(classname: string): boolean {
  return sourceFile.test(classname) && !/\s/.test(classname);
}

/** A new scope for a `<testsuite>` inside `parent` (or the top-level scope). */
export function junitScope(parent: JunitScope | null, name: string, file: string | undefined): JunitScope {
  if (parent === null) return { placements: new Map(), names: [], file: null };
  return { placements: new Map(), names: [...parent.names, name], file: file ?? parent.file };
}

/**
 * Turns collected test cases into TestResults: file, line, suite and id per dialect
 * (research/reports.md §1.2). What depends only on the enclosing suite, the classname and the
 * file attribute is worked out once per suite and cached on it, so 100,000 cases cost little
 * beyond the XML parse.
 */
export class JunitResults {
  /** Whether some id came twice: only then do the results need folding (foldDuplicates). */
  repeated = false;
  private readonly idGroups = new Map<string, Set<string>>();
  /** The last placement looked up: consecutive test cases nearly always share it. */
  private last: {
    scope: JunitScope;
    classname: string;
    fileAttr: string | undefined;
    placement: Placement;
  } | null = null;

  constructor(
    private readonly root: string,
    private readonly dialect: JunitDialect,
  ) {}

  private placement(c: JunitCase): Placement {
    const classname = c.attributes.classname ?? '';
    const fileAttr = c.attributes.file;
    const last = this.last;
    if (
      last !== null &&
      last.scope === c.scope &&
      last.classname === classname &&
      last.fileAttr === fileAttr
    ) {
      return last.placement;
    }
    const placement = this.lookUp(c, classname, fileAttr);
    this.last = { scope: c.scope, classname, fileAttr, placement };
    return placement;
  }

  private lookUp(c: JunitCase, classname: string, fileAttr: string | undefined): Placement {
    const key = fileAttr === undefined ? classname : `${classname}\u0000${fileAttr}`;
    const cached = c.scope.placements.get(key) as Placement | undefined;
    if (cached) return cached;
    const declared = fileAttr ?? c.scope.file;
    const classIsFile = classname !== '' && (classname === declared || looksLikeFile(classname));
    const file = projectPath(declared ?? (classIsFile ? classname : null), this.root);
    const placement: Placement = {
      classname,
      file: detached(file),
      idPrefix: file === null ? '' : detached(`${portablePath(file, this.root)}::`),
      // node:test writes the constant classname "test"
      classSuite: classname !== '' && !classIsFile && classname !== 'test' ? detached(classname) : null,
      scopeSuite: detached(
        c.scope.names
          .filter((s) => !genericSuites.has(s) && s !== declared && s !== classname)
          .join(suiteSeparator),
      ),
      innermost: c.scope.names.at(-1),
      ids: new Set(),
    };
    const group = `${placement.idPrefix}\u0000${placement.classSuite ?? ''}\u0000${placement.scopeSuite}`;
    placement.ids = this.idGroups.get(group) ?? placement.ids;
    this.idGroups.set(group, placement.ids);
    c.scope.placements.set(key, placement);
    return placement;
  }

  // the naming of the last test case, kept in fields rather than a new object per test case
  private lastSuite = '';
  private lastName = '';

  private naming(p: Placement, rawName: string): void {
    const classname = p.classname;
    let name = rawName;
    // mocha-junit-reporter: name is the full title, classname the leaf title
    const cut = name.length - classname.length - 1;
    if (classname !== '' && cut > 0 && name.charCodeAt(cut) === 32 && name.endsWith(classname)) {
      const parent = name.slice(0, cut);
      if (this.dialect.mocha || p.innermost === parent) {
        this.lastSuite = parent;
        this.lastName = classname;
        return;
      }
    }
    let suite: string;
    if (p.classSuite !== null && classname !== name) suite = p.classSuite;
    else {
      suite = p.scopeSuite;
      // jest-junit: `{classname} {title}` repeats the suite name in front of the test name; that
      // name is the first describe of the file, so a test of another describe is not in it
      if (suite !== '' && classname === name) {
        if (name.startsWith(`${suite} `)) name = name.slice(suite.length + 1);
        else if (this.dialect.jest) suite = '';
      }
    }
    const at = suite === '' ? name.lastIndexOf(suiteSeparator) : -1;
    this.lastSuite = at < 0 ? suite : name.slice(0, at);
    this.lastName = at < 0 ? name : name.slice(at + suiteSeparator.length);
  }

  /** The TestResult for one `<testcase>`. */
  result(c: JunitCase): TestResult {
    const a = c.attributes;
    const p = this.placement(c);
    this.naming(p, unescapeTwice(a.name ?? ''));
    // join() builds one flat string, detached from the XML chunks; the name is a view into it, and
    // the suite is the placement's own string unless the name itself held it
    const id =
      this.lastSuite === ''
        ? [p.idPrefix, this.lastName].join('')
        : [p.idPrefix, this.lastSuite, suiteSeparator, this.lastName].join('');
    const name = id.slice(id.length - this.lastName.length);
    if (p.ids.size === p.ids.add(id).size) this.repeated = true;
    const shared = this.lastSuite === p.classSuite || this.lastSuite === p.scopeSuite;
    const suite = shared
      ? this.lastSuite
      : id.slice(p.idPrefix.length, p.idPrefix.length + this.lastSuite.length);
    const durationMs = secondsToMs(parseSeconds(a.time));
    const lineAttr =
      a.line !== undefined && /^\d+$/.test(a.line) ? Number(a.line) + (this.dialect.pytest ? 1 : 0) : null;
    let line = lineAttr !== null && lineAttr > 0 ? lineAttr : null;
    if (c.outcomes.length === 0) {
      const passed: TestResult = {
        id,
        name,
        suite,
        file: p.file,
        line,
        status: 'passed',
        durationMs,
        message: null,
        stack: null,
      };
      if (c.flakyAttempts > 0) passed.kind = 'flaky';
      else if (c.xpass) passed.kind = 'xpass';
      return passed;
    }
    const result = status(c);
    const { message, stack } = failureText(c, result.status === 'failed');
    let file = p.file;
    if (result.status === 'failed' && line === null) {
      const found = locationFromStack(`${stack ?? ''}\n${message ?? ''}`, this.root, p.file);
      if (found && (p.file === null || found.file === p.file)) {
        file = found.file;
        line = found.line;
      }
    }
    const test: TestResult = {
      id,
      name,
      suite,
      file: detached(file),
      line,
      status: result.status,
      durationMs,
      message: detached(message),
      stack: detached(stack),
    };
    if (result.kind) test.kind = result.kind;
    return test;
  }
}
