import { closeSync, fchmodSync, fsyncSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';

/**
 * Writes a file so that readers see the old content or the new one, never a mix: a temp file beside
 * it, fsync, then rename over the target (atomic on POSIX file systems). `mode`, when given, is set
 * exactly (whatever the umask), before the rename: an executable hook is never seen without its x bit.
 */
export function writeFileAtomic(path: string, data: string | Buffer, mode?: number): void {
  const temp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const fd = openSync(temp, 'w', mode ?? 0o644);
  try {
    if (mode !== undefined) fchmodSync(fd, mode);
    writeSync(fd, typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    renameSync(temp, path);
  } catch (error) {
    unlinkSync(temp);
    throw error;
  }
}

/** Writes a JSON document atomically, pretty-printed so people can read `.batch/` by hand. */
export function writeJsonAtomic(path: string, value: unknown): void {
  writeFileAtomic(path, `${JSON.stringify(value, null, 2)}\n`);
}
