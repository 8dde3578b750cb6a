import type { Store } from '../../adapters/store.js';
import { culpritsDocument, parseBisectResult, type BisectResult } from '../model/culpritModel.js';

/** The culprit search stored with a batch (`.batch/culprits/<id>.json`), or null when none passes the schema. */
export function storedCulprits(store: Pick<Store, 'readDocument'>, batchId: number): BisectResult | null {
  try {
    return parseBisectResult(store.readDocument<unknown>(culpritsDocument(batchId)));
  } catch {
    return null; // an unreadable search result is as good as none: `batch bisect` makes it again
  }
}
