import { projectPath } from './projectPath.js';

/** A place in a file: project-relative (or absolute outside the root) and 1-based. */
export interface Location {
  file: string;
  line: number;
}

/**
 * `path:line[:col]` anywhere in a line of text: V8 frames (with or without `at`), `file://` URLs,
 * vitest's `❯ file:line:col`, pytest's `file.py:12:`, go's `x_test.go:20:`, rust's `panicked at
 * src/lib.rs:6:30`, Java's `(Cls.java:58)`. The path must end in an extension and start at a word
 * boundary, so `node:internal/...`, `https://...` and bare `name:12` do not match.
 */
const framePattern =
  /(?<![\w:/\\.@-])(?:file:\/\/)?((?:[A-Za-z]:)?[^\s()'"<>,;:❯|]*[\w-]\.[A-Za-z][A-Za-z0-9]{0,5}):(\d+)(?::\d+)?/g;

const foreign = /(?:^|\/)(?:node_modules|site-packages|dist-packages|\.pnpm|\.yarn)\/|^\/rustc\/|^internal\//;

function isAbsolute(path: string): boolean {
  return path.startsWith('/') || /^[A-Za-z]:\//.test(path);
}

/**
 * Where a failure happened, from its stack or message text: the first frame inside `root` that is
 * not a dependency (node_modules, site-packages) or a runtime internal (node:, /rustc/). A frame in
 * `preferFile` (the test's own file, when known; a relative path that ends it counts) wins; then
 * absolute frames inside the root; then relative ones (runners print those relative to their own
 * folder). Null when no frame qualifies.
 */
export function locationFromStack(
  stack: string | null | undefined,
  root: string,
  preferFile: string | null = null,
): Location | null {
  if (!stack) return null;
  let absolute: Location | null = null;
  let relative: Location | null = null;
  for (const match of stack.matchAll(framePattern)) {
    const raw = match[1] ?? '';
    const line = Number(match[2]);
    const file = projectPath(raw, root);
    if (file === null || !Number.isInteger(line) || line <= 0) continue;
    if (foreign.test(file) || file.startsWith('../')) continue;
    const wasAbsolute = isAbsolute(raw.replace(/^file:\/\//, '').replace(/\\/g, '/'));
    if (file === preferFile) return { file, line };
    // relative to the runner's own folder below the root (mocha run in a sub-folder): the same file
    if (!wasAbsolute && preferFile?.endsWith(`/${file}`)) return { file: preferFile, line };
    if (wasAbsolute && !isAbsolute(file)) {
      // inside the root: nothing can beat it unless a frame in the preferred file comes later
      absolute ??= { file, line };
      if (preferFile === null) return absolute;
    } else if (!wasAbsolute) relative ??= { file, line };
  }
  return absolute ?? relative;
}
