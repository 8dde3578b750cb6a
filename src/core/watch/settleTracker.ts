/** Timers handed in (the real ones by default), so the settle logic is testable without waiting. */
export interface Timers {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realTimers: Timers = {
  now: () => performance.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

interface Settling {
  /** First event since the path was last handed out (kept while it settles again). */
  first: number;
  last: number;
}

export interface SettleOptions {
  /** A path settles after this long without an event. */
  quietMs: number;
  /** …or after this long of continuous events, so a file written without pause is still recorded. */
  maxMs: number;
  timers?: Timers;
  /** Called when no path is settling and a settled path waits to be handed out (or after a poke). */
  onQuiet: () => void;
}

/**
 * Per-path quiet periods (research/watch.md §2.2): each path settles on its own; the tree is quiet only
 * when no path is settling, which is the only moment settled paths are handed out together, so a burst
 * of writes is never cut in two.
 */
export class SettleTracker {
  private readonly settling = new Map<string, Settling>();
  /** Paths waiting to be handed out, with the time of their first event. */
  private readonly waiting = new Map<string, number>();
  /** Paths that hit maxMs: settled until handed out, whatever events follow. */
  private readonly forced = new Set<string>();
  private pokedUntil = 0;
  private poked = false;
  private timer: unknown = null;
  private readonly timers: Timers;
  private readonly options: SettleOptions;

  constructor(options: SettleOptions) {
    this.options = options;
    this.timers = options.timers ?? realTimers;
  }

  /** An event for this path: it starts (or goes on) settling. `firstAt` keeps an earlier first event (a retry). */
  touch(path: string, firstAt?: number): void {
    const now = this.timers.now();
    const first = this.waiting.get(path) ?? firstAt ?? now;
    this.waiting.set(path, first);
    if (this.forced.has(path)) return;
    const current = this.settling.get(path);
    if (current) current.last = now;
    else this.settling.set(path, { first: now, last: now });
    this.arm(now + this.options.quietMs);
  }

  /** Activity that is not a path (git operating): keeps the tree from being quiet for a quiet period. */
  poke(): void {
    const now = this.timers.now();
    this.pokedUntil = now + this.options.quietMs;
    this.poked = true;
    this.arm(this.pokedUntil);
  }

  /** True while some path has not settled yet (or a poke is recent). */
  isSettling(): boolean {
    this.settle(this.timers.now());
    return this.settling.size > 0 || this.timers.now() < this.pokedUntil;
  }

  /** How many paths wait to be handed out (settled or not). */
  get size(): number {
    return this.waiting.size;
  }

  /** Hands out every waiting path (settled or not) with its first event time, and forgets them. */
  takeAll(): Map<string, number> {
    const taken = new Map(this.waiting);
    this.waiting.clear();
    this.settling.clear();
    this.forced.clear();
    return taken;
  }

  /** Asks for onQuiet again after `ms` (used while something outside holds the tree, e.g. git's lock). */
  retryIn(ms: number): void {
    this.poked = true;
    this.arm(this.timers.now() + ms);
  }

  /** Stops the timer (at shutdown). */
  dispose(): void {
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
  }

  private settle(now: number): void {
    for (const [path, s] of this.settling) {
      if (now - s.first >= this.options.maxMs) this.forced.add(path);
      if (now - s.last >= this.options.quietMs || this.forced.has(path)) this.settling.delete(path);
    }
  }

  private nextDeadline(): number {
    let next = this.pokedUntil > this.timers.now() ? this.pokedUntil : Infinity;
    for (const s of this.settling.values()) {
      next = Math.min(next, s.last + this.options.quietMs, s.first + this.options.maxMs);
    }
    return next;
  }

  private arm(at: number): void {
    if (this.timer !== null) return;
    const wait = Math.max(0, at - this.timers.now());
    this.timer = this.timers.setTimeout(() => this.fire(), wait);
  }

  private fire(): void {
    this.timer = null;
    const now = this.timers.now();
    this.settle(now);
    if (this.settling.size > 0 || now < this.pokedUntil) {
      const next = Math.max(this.nextDeadline(), now + 1);
      this.arm(next);
      return;
    }
    if (this.waiting.size === 0 && !this.poked) return;
    this.poked = false;
    this.options.onQuiet();
  }
}
