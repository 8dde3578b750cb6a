import { describe, expect, it } from 'vitest';
import { SettleTracker, type Timers } from '../src/core/watch/settleTracker.js';
import { isTempFileName } from '../src/core/watch/tempFiles.js';
import { TestQueue, type TestRequest } from '../src/core/watch/testQueue.js';

/** Timers driven by hand: `advance` runs what is due, in order. */
class ManualTimers implements Timers {
  time = 0;
  private queue: { at: number; fn: () => void; id: number }[] = [];
  private ids = 0;
  now = () => this.time;
  setTimeout = (fn: () => void, ms: number) => {
    const id = ++this.ids;
    this.queue.push({ at: this.time + ms, fn, id });
    return id;
  };
  clearTimeout = (handle: unknown) => {
    this.queue = this.queue.filter((t) => t.id !== handle);
  };
  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      this.queue.sort((a, b) => a.at - b.at);
      const next = this.queue[0];
      if (!next || next.at > end) break;
      this.queue.shift();
      this.time = next.at;
      next.fn();
    }
    this.time = end;
  }
}

function tracker(timers: ManualTimers, quiets: string[][]) {
  const t: SettleTracker = new SettleTracker({
    quietMs: 250,
    maxMs: 2000,
    timers,
    onQuiet: () => quiets.push([...t.takeAll().keys()]),
  });
  return t;
}

describe('SettleTracker', () => {
  it('hands out a burst of paths written 5 ms apart together, once all are quiet', () => {
    const timers = new ManualTimers();
    const quiets: string[][] = [];
    const t = tracker(timers, quiets);
    for (let i = 0; i < 40; i++) {
      t.touch(`f${i}`);
      timers.advance(5);
    }
    timers.advance(240);
    expect(quiets).toEqual([]);
    timers.advance(20);
    expect(quiets).toHaveLength(1);
    expect(quiets[0]).toHaveLength(40);
  });

  it('keeps a path settling while its events continue, then hands it out once', () => {
    const timers = new ManualTimers();
    const quiets: string[][] = [];
    const t = tracker(timers, quiets);
    for (let i = 0; i < 5; i++) {
      t.touch('a');
      timers.advance(100);
    }
    expect(quiets).toEqual([]);
    timers.advance(300);
    expect(quiets).toEqual([['a']]);
  });

  it('hands out a file written without pause after maxMs, so one busy file does not hold everything', () => {
    const timers = new ManualTimers();
    const quiets: string[][] = [];
    const t = tracker(timers, quiets);
    t.touch('b');
    for (let i = 0; i < 30; i++) {
      t.touch('log');
      timers.advance(100);
    }
    expect(quiets.length).toBeGreaterThan(0);
    expect(quiets[0]).toEqual(['b', 'log']);
  });

  it('is not quiet while git is poked, and reports the quiet point even with no path waiting', () => {
    const timers = new ManualTimers();
    const quiets: string[][] = [];
    const t = tracker(timers, quiets);
    t.touch('a');
    timers.advance(200);
    t.poke();
    timers.advance(200);
    expect(quiets).toEqual([]);
    timers.advance(100);
    expect(quiets).toEqual([['a']]);
    t.poke();
    timers.advance(300);
    expect(quiets).toEqual([['a'], []]);
  });
});

describe('SettleTracker retries', () => {
  it('keeps the first event time of a path put back after a failed record call', () => {
    const timers = new ManualTimers();
    const handedOut: Map<string, number>[] = [];
    const t: SettleTracker = new SettleTracker({
      quietMs: 250,
      maxMs: 2000,
      timers,
      onQuiet: () => handedOut.push(t.takeAll()),
    });
    timers.advance(100);
    t.touch('a');
    timers.advance(300);
    const first = handedOut[0]?.get('a');
    expect(first).toBe(100);
    t.touch('a', first);
    timers.advance(300);
    expect(handedOut[1]?.get('a')).toBe(100);
  });
});

describe('isTempFileName', () => {
  it.each([
    '4913',
    '5036',
    'a.ts~',
    '.a.ts.swp',
    '.a.ts.swo',
    'a.ts___jb_tmp___',
    'a.ts___jb_old___',
    '.sublA1.tmp',
    '.goutputstream-X1Y2',
    '#a.ts#',
    '.#a.ts',
    'a.ts.tmp.4242',
    'a.ts.tmp.4242.1756991588427',
    '.DS_Store',
    'x.vsctmp',
  ])('%s is a temporary file', (name) => expect(isTempFileName(name)).toBe(true));
  it.each(['4914', '2024', 'a.ts', 'swp.ts', 'tmp.ts', 'a.tmp', 'notes.txt'])('%s is not', (name) =>
    expect(isTempFileName(name)).toBe(false),
  );
});

describe('TestQueue', () => {
  it('never runs two at once and keeps at most one (the latest) waiting', async () => {
    const started: number[] = [];
    const finish: (() => void)[] = [];
    let running = 0;
    let most = 0;
    const queue = new TestQueue(
      (request: TestRequest) =>
        new Promise<void>((resolve) => {
          started.push(request.batchId);
          most = Math.max(most, ++running);
          finish.push(() => {
            running--;
            resolve();
          });
        }),
      (error) => {
        throw error;
      },
    );
    expect(queue.request({ batchId: 1, runId: 1, reason: 'batch' })).toBe('started');
    expect(queue.request({ batchId: 2, runId: 2, reason: 'batch' })).toBe('queued');
    expect(queue.request({ batchId: 3, runId: 3, reason: 'batch' })).toBe('queued');
    expect(queue.waiting?.batchId).toBe(3);
    finish.shift()?.();
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toEqual([1, 3]);
    finish.shift()?.();
    await queue.idle();
    expect(started).toEqual([1, 3]);
    expect(most).toBe(1);
  });

  it('aborts the running test run on stop and starts nothing after', async () => {
    let aborted = false;
    const queue = new TestQueue(
      (_request, signal) =>
        new Promise<void>((resolve) =>
          signal.addEventListener('abort', () => {
            aborted = true;
            resolve();
          }),
        ),
      () => undefined,
    );
    queue.request({ batchId: 1, runId: 1, reason: 'batch' });
    queue.request({ batchId: 2, runId: 2, reason: 'batch' });
    await queue.stop();
    expect(aborted).toBe(true);
    expect(queue.running).toBeNull();
  });
});
