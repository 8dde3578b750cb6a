/** A test run the watcher wants: for a batch that just completed, or asked for with `r`. */
export interface TestRequest {
  batchId: number;
  /** The run id the completed batch reserved; null for a run asked for by hand. */
  runId: number | null;
  reason: 'batch' | 'manual';
}

export type TestRunner = (request: TestRequest, signal: AbortSignal) => Promise<void>;

/**
 * Runs tests one at a time (research/watch.md §7: queue, don't restart, don't drop): a request while a
 * run is going is kept, and a later request replaces it, so at most one run waits and it tests the
 * latest batch.
 */
export class TestQueue {
  private current: { request: TestRequest; controller: AbortController; done: Promise<void> } | null = null;
  private next: TestRequest | null = null;
  private stopped = false;
  private readonly runner: TestRunner;
  private readonly onError: (error: unknown) => void;

  constructor(runner: TestRunner, onError: (error: unknown) => void) {
    this.runner = runner;
    this.onError = onError;
  }

  /** The run going on, if any. */
  get running(): TestRequest | null {
    return this.current?.request ?? null;
  }

  /** The run waiting for the current one, if any. */
  get waiting(): TestRequest | null {
    return this.next;
  }

  /** Starts a run now, or queues it (replacing a queued one) when a run is going. */
  request(request: TestRequest): 'started' | 'queued' {
    if (this.stopped) return 'queued';
    if (this.current) {
      this.next = request;
      return 'queued';
    }
    this.start(request);
    return 'started';
  }

  /** Ends the current run (its runner sees the abort), drops the queued one, and waits. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.next = null;
    const current = this.current;
    if (!current) return;
    current.controller.abort();
    await current.done;
  }

  /** Resolves when no run is going and none waits. */
  async idle(): Promise<void> {
    while (this.current) await this.current.done;
  }

  private start(request: TestRequest): void {
    const controller = new AbortController();
    const done = this.runner(request, controller.signal)
      .catch((error: unknown) => this.onError(error))
      .finally(() => {
        this.current = null;
        const next = this.next;
        this.next = null;
        if (next && !this.stopped) this.start(next);
      });
    this.current = { request, controller, done };
  }
}
