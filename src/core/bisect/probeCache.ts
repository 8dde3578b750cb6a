import * as z from '../model/schema.js';
import type { Store } from '../../adapters/store.js';
import type { Verdict } from './searchCulprits.js';

const FILE = 'probe-cache.json';
/** Oldest answers are dropped past this many, so the file stays small whatever the history. */
const MAX_ENTRIES = 20_000;

const cacheSchema = z.object({
  schemaVersion: z.literal(1),
  entries: z.record(z.string(), z.enum(['pass', 'fail'])),
});

/**
 * Probe answers by (tree id, test id), kept in `.batch/probe-cache.json` for the whole history: a
 * tree's content decides a test's outcome (flaky tests aside, which are re-tried fresh), so a second
 * search asks no question the first one answered.
 */
export class ProbeCache {
  private readonly entries: Map<string, Verdict>;

  constructor(private readonly store: Pick<Store, 'readDocument' | 'writeDocument'>) {
    let raw: unknown = null;
    try {
      raw = store.readDocument<unknown>(FILE);
    } catch {
      raw = null; // a cache that cannot be read is only a cache: the probes run again
    }
    const parsed = cacheSchema.safeParse(raw);
    this.entries = new Map(parsed.success ? Object.entries(parsed.data.entries) : []);
  }

  get(tree: string, test: string): Verdict | undefined {
    return this.entries.get(`${tree} ${test}`);
  }

  set(tree: string, test: string, verdict: Verdict): void {
    const key = `${tree} ${test}`;
    this.entries.delete(key);
    this.entries.set(key, verdict);
  }

  /** Writes the answers (atomically), the newest MAX_ENTRIES of them. */
  save(): void {
    const kept = [...this.entries].slice(-MAX_ENTRIES);
    this.store.writeDocument(FILE, { schemaVersion: 1, entries: Object.fromEntries(kept) });
  }
}
