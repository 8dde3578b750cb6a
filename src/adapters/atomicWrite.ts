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
import { prettyJsonPieces } from './jsonText.js';

/**
 * What a file is written from: its text, its bytes, or what gives its text in pieces (a document too
 * big for one string; a function, as the pieces may be needed twice).
 */
export type FileData = string | Buffer | (() => Iterable<string>);

const CHUNK_BYTES = 1 << 20;

function writeAll(fd: number, bytes: Buffer): void {
  for (let done = 0; done < bytes.length;) done += writeSync(fd, bytes, done);
}

function writeData(fd: number, data: FileData): void {
  if (typeof data === 'string' || Buffer.isBuffer(data)) {
    writeAll(fd, typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
    return;
  }
  let chunk: string[] = [];
  let size = 0;
  for (const piece of data()) {
    chunk.push(piece);
    size += piece.length;
    if (size >= CHUNK_BYTES) {
      writeAll(fd, Buffer.from(chunk.join(''), 'utf8'));
      chunk = [];
      size = 0;
    }
  }
  writeAll(fd, Buffer.from(chunk.join(''), 'utf8'));
}

function writeTemp(temp: string, data: FileData, mode: number | undefined): void {
  const fd = openSync(temp, 'w', mode ?? 0o644);
  try {
    if (mode !== undefined) fchmodSync(fd, mode);
    writeData(fd, data);
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
export function writeFileAtomic(path: string, data: FileData, mode?: number, tempDir?: string): void {
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

/**
 * Writes a JSON document atomically, pretty-printed so people can read `.batch/` by hand; in pieces,
 * so a run of millions of tests is written although its text would not fit one string.
 */
export function writeJsonAtomic(path: string, value: unknown, tempDir?: string): void {
  writeFileAtomic(path, () => jsonFileText(value), undefined, tempDir);
}

function* jsonFileText(value: unknown): Generator<string> {
  yield* prettyJsonPieces(value);
  yield '\n';
}
