/** Makes a run's paths portable: no absolute path of this machine where a root-relative one will do. */
import type { Run, TestResult } from '../model/runModel.js';

/** `root` with `/` separators and no trailing slash, as it prefixes paths in ids and stacks. */
function posixRoot(root: string): string {
  const posix = root.replaceAll('\\', '/');
  return posix.length > 1 && posix.endsWith('/') ? posix.slice(0, -1) : posix;
}

/** `path` relative to `root` (`/`-separated) when it lies under root; unchanged otherwise. */
export function portablePath(path: string, root: string): string {
  const prefix = `${posixRoot(root)}/`;
  const posix = path.replaceAll('\\', '/');
  return posix.startsWith(prefix) ? posix.slice(prefix.length) : path;
}

function stripRoot(text: string | null, prefix: string): string | null {
  return text === null || !text.includes(prefix) ? text : text.split(prefix).join('');
}

/** One test with its id, file, message and stack freed of `root`. */
export function portableTest(test: TestResult, root: string): TestResult {
  const prefix = `${posixRoot(root)}/`;
  const file = test.file === null ? null : portablePath(test.file, root);
  const id = test.id.startsWith(prefix) ? test.id.slice(prefix.length) : test.id;
  if (
    file === test.file &&
    id === test.id &&
    !test.stack?.includes(prefix) &&
    !test.message?.includes(prefix)
  )
    return test;
  return {
    ...test,
    id,
    file,
    message: stripRoot(test.message, prefix),
    stack: stripRoot(test.stack, prefix),
  };
}

/** The run with every test and report file made relative to `root` where they lie under it. */
export function portableRun(run: Run, root: string): Run {
  return {
    ...run,
    source: { ...run.source, files: run.source.files.map((f) => portablePath(f, root)) },
    tests: run.tests.map((t) => portableTest(t, root)),
  };
}
