/**
 * Output kept within a fixed budget however much a command prints: the first `headBytes` and the last
 * `tailBytes`, with the number of bytes cut between them. A command printing 200 MB costs no more
 * memory than the two budgets.
 */
export class BoundedOutput {
  private readonly headBytes: number;
  private readonly tailBytes: number;
  private readonly head: Buffer[] = [];
  private headLength = 0;
  private tail: Buffer[] = [];
  private tailLength = 0;
  /** Bytes dropped between head and tail. */
  cut = 0;
  /** Every byte seen, kept or not. */
  total = 0;

  constructor(headBytes: number, tailBytes: number) {
    this.headBytes = headBytes;
    this.tailBytes = tailBytes;
  }

  /** Adds a chunk; returns the part of it that went to the head (for writers that stream the head). */
  push(chunk: Buffer): Buffer {
    this.total += chunk.length;
    const room = this.headBytes - this.headLength;
    const toHead = room > 0 ? chunk.subarray(0, room) : chunk.subarray(0, 0);
    if (toHead.length > 0) {
      // Chunks are referenced, not copied: a stream hands each one over and never reuses it.
      this.head.push(toHead);
      this.headLength += toHead.length;
    }
    const rest = chunk.subarray(toHead.length);
    if (rest.length > 0) this.pushTail(rest);
    return toHead;
  }

  private pushTail(chunk: Buffer): void {
    this.tail.push(chunk.subarray(Math.max(0, chunk.length - this.tailBytes)));
    this.cut += Math.max(0, chunk.length - this.tailBytes);
    this.tailLength += Math.min(chunk.length, this.tailBytes);
    while (this.tailLength > this.tailBytes) {
      const first = this.tail[0] as Buffer;
      const excess = this.tailLength - this.tailBytes;
      if (first.length <= excess) {
        this.tail.shift();
        this.tailLength -= first.length;
        this.cut += first.length;
      } else {
        this.tail[0] = first.subarray(excess);
        this.tailLength -= excess;
        this.cut += excess;
      }
    }
  }

  /** The tail only (what comes after the head), as bytes. */
  tailBuffer(): Buffer {
    return Buffer.concat(this.tail);
  }

  /** Head, a line saying how much was cut (when anything was), and tail, as text. */
  text(cutNote: (bytes: number) => string = defaultCutNote): string {
    const head = Buffer.concat(this.head).toString('utf8');
    const tail = this.tailBuffer().toString('utf8');
    return this.cut > 0 ? `${head}\n${cutNote(this.cut)}\n${tail}` : `${head}${tail}`;
  }
}

function defaultCutNote(bytes: number): string {
  return `[… ${bytes} bytes of output cut here …]`;
}
