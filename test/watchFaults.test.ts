import chokidar from 'chokidar';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readBatchLog } from '../src/core/record/batchLog.js';
import { openContext } from '../src/core/context/context.js';
import { WatchSession, type WatchReporter } from '../src/core/watch/watchSession.js';
import { messages } from '../src/output/messages.js';
import { TempRepo } from './support/repo.js';
import { pollUntil } from './support/watchProcess.js';

let repo: TempRepo;
let session: WatchSession | null = null;

beforeEach(() => {
  repo = TempRepo.create();
});

afterEach(async () => {
  await session?.stop();
  session = null;
  repo.cleanup();
});

function reporter(seen: { degraded: string[]; problems: unknown[]; recorded: number }): WatchReporter {
  return {
    ready: () => undefined,
    recorded: () => seen.recorded++,
    batchComplete: () => undefined,
    degraded: (code) => seen.degraded.push(code),
    problem: (error) => seen.problems.push(error),
    fatal: (error) => seen.problems.push(error),
  };
}

describe('batch watch when the watch limit is hit', () => {
  it.each(['ENOSPC', 'EMFILE'])('%s: says so and keeps recording by polling', async (code) => {
    const ctx = await openContext({ cwd: repo.dir, env: repo.env });
    const seen = { degraded: [] as string[], problems: [] as unknown[], recorded: 0 };
    session = new WatchSession(ctx, {
      reporter: reporter(seen),
      // The fault: the native watcher reports the limit once its scan is done (as inotify_add_watch would).
      createWatcher: (root, options) => {
        const watcher = chokidar.watch(root, options);
        if (!options.usePolling) {
          watcher.once('ready', () =>
            watcher.emit('error', Object.assign(new Error(`${code}: limit reached`), { code })),
          );
        }
        return watcher;
      },
    });
    await session.start();
    await pollUntil(() => (seen.degraded.length ? true : undefined), 'the fallback');
    expect(seen.degraded).toEqual([code]);
    expect(session.polling).toBe(true);
    // After the switch the whole tree is compared once; the edit below comes after that, so only polling sees it.
    await pollUntil(() => (seen.recorded > 0 ? true : undefined), 'the comparison after the switch');
    repo.write('README.md', '# edited while polling\n');
    await waitForEdit(ctx);
    expect(seen.problems).toEqual([]);
  });

  it('names the fix in the message', () => {
    expect(messages.watchLimitHint('ENOSPC')).toContain('sysctl fs.inotify.max_user_watches=');
    expect(messages.watchLimitHint('EMFILE')).toContain('ulimit -n');
  });
});

async function waitForEdit(ctx: Awaited<ReturnType<typeof openContext>>): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const batches = await readBatchLog(ctx);
    if (batches.some((b) => b.edits.some((e) => e.path === 'README.md'))) return;
    if (Date.now() > deadline) throw new Error('timed out waiting for the edit recorded by polling');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
