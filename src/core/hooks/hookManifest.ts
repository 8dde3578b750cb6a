import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { writeJsonAtomic } from '../../adapters/atomicWrite.js';
import type { HookMechanism } from './hookOwner.js';
import type { HookEvent, ShimPaths } from './shimTemplate.js';

/** One file batch wrote or edited at install, with what uninstall needs to put it back byte for byte. */
export interface HookIntegration {
  events: HookEvent[];
  mechanism: HookMechanism;
  /** The hook file (hooks-dir), or the manager's file batch appended to (husky, lefthook); absolute. */
  file: string;
  /** The file's bytes before batch edited it (base64), or null when batch created it or replaced it whole. */
  original: string | null;
  /** Its permission bits before, or null. */
  originalMode: number | null;
  /** The exact text batch appended (husky, lefthook), or null. */
  added: string | null;
  /** Where a hook that was there before went (hooks-dir), or null. */
  displaced: string | null;
}

/** `<common git dir>/batch-hooks/install.json`: what `batch hook install` did, shared by all worktrees. */
export interface HookManifest {
  version: 1;
  mechanism: HookMechanism;
  hooksDir: string;
  paths: ShimPaths;
  integrations: HookIntegration[];
}

/** The manifest, or null when batch's hooks were never installed (or it was lost). */
export function readManifest(path: string): HookManifest | null {
  if (!existsSync(path)) return null;
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as HookManifest;
    return parsed.version === 1 && Array.isArray(parsed.integrations) ? parsed : null;
  } catch {
    return null;
  }
}

/** Writes the manifest atomically; returns false when it already held exactly this. */
export function writeManifest(path: string, manifest: HookManifest): boolean {
  const text = `${JSON.stringify(manifest, null, 2)}\n`;
  if (existsSync(path) && readFileSync(path, 'utf8') === text) return false;
  mkdirSync(dirname(path), { recursive: true });
  writeJsonAtomic(path, manifest);
  return true;
}
