/** A path's entry in a tree or index: git mode and object id. */
export interface IndexEntry {
  mode: string;
  oid: string;
}

/** A path that differs between two trees: its entry on each side (null where absent). */
export interface PathChange {
  before: IndexEntry | null;
  after: IndexEntry | null;
}

/** A path whose content in the last snapshot differs from what was last recorded for it. */
export interface UnrecordedPath {
  path: string;
  /** What was last recorded for it (null: recorded as absent). */
  recorded: IndexEntry | null;
  /** Its entry in the last snapshot (null: absent). */
  current: IndexEntry | null;
}
