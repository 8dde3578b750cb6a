import {
  closeSync,
  fchmodSync,
  fsyncSync,
  mkdirSync,
  openSync,
  renameSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';

function writeTemp(temp: string, data: string | Buffer, mode: number | undefined): void {
  const fd = openSync(temp, 'w', mode ?? 0o644);
  try {
    if (mode !== undefined) fchmodSync(fd, mode);
    writeSync(fd, typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function renameOrDrop(temp: string, path: string): void {
  try {
    renameSync(temp, path);
  } catch (error) {
    unlinkSync(temp);
    throw error;
  }
}

/**
 * Writes a file so that readers see the old content or the new one, never a mix: a temp file, fsync,
 * then rename over the target (atomic on POSIX file systems). `mode`, when given, is set exactly
 * (whatever the umask), before the rename: an executable hook is never seen without its x bit.
 * The temp file goes in `tempDir` when given (batch's transient folder, out of the tree test runners
 * walk), beside the target when that folder is on another file system.
 */
export function writeFileAtomic(path: string, data: string | Buffer, mode?: number, tempDir?: string): void {
  const name = `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  if (tempDir !== undefined) {
    mkdirSync(tempDir, { recursive: true });
    const temp = join(tempDir, name);
    writeTemp(temp, data, mode);
    try {
      renameSync(temp, path);
      return;
    } catch (error) {
      unlinkSync(temp);
      if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    }
  }
  const temp = join(dirname(path), name);
  writeTemp(temp, data, mode);
  renameOrDrop(temp, path);
}

/** Writes a JSON document atomically, pretty-printed so people can read `.batch/` by hand. */
export function writeJsonAtomic(path: string, value: unknown, tempDir?: string): void {
  writeFileAtomic(path, `${JSON.stringify(value, null, 2)}\n`, undefined, tempDir);
}
