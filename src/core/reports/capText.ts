/** Longest message or stack batch keeps for one test (head and tail are kept, the middle is cut). */
export const maxTextLength = 64 * 1024;

/** Text trimmed of surrounding blank lines and cut in the middle when longer than `max`. */
export function capText(text: string, max = maxTextLength): string {
  const trimmed = text.replace(/^\s*\n/, '').trimEnd();
  if (trimmed.length <= max) return trimmed;
  const half = Math.floor(max / 2);
  const cut = trimmed.length - 2 * half;
  return `${trimmed.slice(0, half)}\n… [${cut} characters cut] …\n${trimmed.slice(-half)}`;
}

/** The first non-blank line of a text, trimmed; null when there is none. */
export function firstLine(text: string | null | undefined): string | null {
  if (!text) return null;
  for (const line of text.split(/\r?\n/)) {
    const t = line.trim();
    if (t !== '') return t;
  }
  return null;
}

/** Text arriving in pieces (a streamed <failure> body), kept to its head and tail when huge. */
export class CappedText {
  private head = '';
  private tail = '';
  private cut = 0;

  add(text: string): void {
    if (this.head.length < maxTextLength) {
      this.head += text;
      return;
    }
    const joined = this.tail + text;
    const half = maxTextLength / 2;
    if (joined.length > half) this.cut += joined.length - half;
    this.tail = joined.length > half ? joined.slice(-half) : joined;
  }

  toString(): string {
    if (this.tail === '') return this.head;
    return `${this.head}\n… [${this.cut} characters cut] …\n${this.tail}`;
  }
}
