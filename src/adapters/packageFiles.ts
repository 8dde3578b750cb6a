import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The installed package's root folder (where templates/ and hooks/ ship), from dist/adapters/. */
export const packageRoot = fileURLToPath(new URL('../../', import.meta.url));

/** A file shipped in the package, read as text (templates/…, hooks/…). */
export function readPackageFile(relative: string): string {
  return readFileSync(new URL(`../../${relative}`, import.meta.url), 'utf8');
}

/** The package's version, from its package.json. */
export function packageVersion(): string {
  return (JSON.parse(readPackageFile('package.json')) as { version: string }).version;
}
