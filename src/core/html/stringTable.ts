/** Interns strings: each distinct string is stored once and referred to by its index. */
export class StringTable {
  readonly strings: string[] = [];
  private readonly index = new Map<string, number>();

  /** The index of `text` (added when new); -1 for null or undefined. */
  id(text: string | null | undefined): number {
    if (text === null || text === undefined) return -1;
    let found = this.index.get(text);
    if (found === undefined) {
      found = this.strings.length;
      this.strings.push(text);
      this.index.set(text, found);
    }
    return found;
  }
}
