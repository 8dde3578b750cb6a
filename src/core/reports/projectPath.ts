import { posix } from 'node:path';

const windowsDrive = /^[A-Za-z]:\//;

function slashes(path: string): string {
  let out = path.replace(/\\/g, '/');
  if (out.startsWith('file://')) {
    out = out.slice('file://'.length);
    try {
      out = decodeURI(out);
    } catch {
      // keep the undecoded text
    }
    if (/^\/[A-Za-z]:\//.test(out)) out = out.slice(1);
  }
  return out;
}

function isAbsolute(path: string): boolean {
  return path.startsWith('/') || windowsDrive.test(path);
}

function trimRoot(root: string): string {
  const r = slashes(root);
  return r.length > 1 && r.endsWith('/') ? r.slice(0, -1) : r;
}

/**
 * A report's file path as batch stores it: relative to the project root and '/'-separated when
 * inside it; a file outside the root keeps its absolute path. Accepts `file://` URLs and Windows paths.
 */
export function projectPath(path: string | null | undefined, root: string): string | null {
  if (path === null || path === undefined || path.trim() === '') return null;
  const p = slashes(path.trim());
  if (!isAbsolute(p)) return posix.normalize(p).replace(/^\.\//, '');
  const r = trimRoot(root);
  // the common case, without normalising: a plain path below the root
  if (p.startsWith(r) && p.charCodeAt(r.length) === 47 && !/\/\.{0,2}\/|\/\.{1,2}$/.test(p))
    return p.slice(r.length + 1);
  const caseless = windowsDrive.test(p);
  const [pc, rc] = caseless ? [p.toLowerCase(), r.toLowerCase()] : [p, r];
  if (pc.startsWith(`${rc}/`)) return posix.normalize(p.slice(r.length + 1));
  return posix.normalize(p);
}

/**
 * The form of a file used inside test ids: never absolute, so ids match across machines. Inside the
 * root it is the project path; outside it, the path relative to the root (`../shared/x.test.js`),
 * or only the file name when no relative path exists (another drive).
 */
export function portablePath(file: string, root: string): string {
  if (!isAbsolute(file)) return file;
  const r = trimRoot(root);
  if (windowsDrive.test(file) !== windowsDrive.test(r) || (windowsDrive.test(file) && file[0] !== r[0])) {
    return posix.basename(file);
  }
  const base = windowsDrive.test(r) ? r.slice(2) : r;
  const target = windowsDrive.test(file) ? file.slice(2) : file;
  return posix.relative(base, target);
}
