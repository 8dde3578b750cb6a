/**
 * Every user-facing sentence batch prints, in one place, so wording stays consistent and every
 * destructive step names its way back. Functions take what varies; plain strings are fixed text.
 */
export const messages = {
  usage:
    'batch <command> [options]\n\nRecord edits into batches, run the tests per batch, roll a batch back.',
  epilogue: "Run `batch <command> --help` for a command's flags and an example. Docs: README.md",
  noCommand: 'Say which command to run, e.g. `batch status`.',
  usageHint: 'run `batch --help` for the list of commands, or `batch <command> --help` for one',
  commandUsageHint: (command: string) => `run \`batch ${command} --help\` for its arguments and an example`,
  unknownCommand: (name: string) => `unknown command: ${name}`,
  didYouMean: (name: string) => `did you mean \`batch ${name}\`? (\`batch --help\` lists every command)`,
  unexpected: (message: string) => `unexpected failure: ${message}`,
  unexpectedHint:
    'this is a bug in batch; please report it with the output above. Your files were not changed by this error.',

  // history, flaky, gc
  historyEmpty: 'no test runs in the history yet (`batch test` runs the tests now)',
  historyNoTest: (test: string) => `no runs of a test matching ${test} in the history`,
  historyEmptyTest: '--test needs a test id or a glob',
  historyEmptyTestHint: 'e.g. `batch history --test "src/auth.test.ts::*"`; `batch history` lists runs',
  historyLimitHint: 'e.g. `batch history --limit 50` for the 50 newest runs',
  flakyWindowHint: 'e.g. `batch flaky --window 50` for the last 50 complete runs',
  gcKeepRunsHint: 'e.g. `batch gc --keep-runs 100 --dry-run` to see what keeping 100 runs would remove',
  historyNoTeam:
    'no team database is configured (history.url in .batchrc, or BATCH_DATABASE_URL): nothing to send',
  historyPushed: (sent: number) =>
    sent === 0
      ? 'the team database has every local run'
      : `sent ${sent} run${sent === 1 ? '' : 's'} to the team database`,
  flakyNone: (window: number) => `no flaky tests over the last ${window} complete runs`,
  flakyLeftOut: (count: number) =>
    `${count} run${count === 1 ? '' : 's'} left out: most of their tests failed at once (a broken environment)`,
  gcBadAge: (value: string) => `--older-than expects an age such as 30d, 12h or 2w; got ${value}`,
  gcBadAgeHint: 'e.g. `batch gc --older-than 30d --dry-run`',
  gcWouldRemove: (id: number, at: string) => `would remove run ${id} (${at})`,
  gcWouldRemoveBatch: (id: number) => `would remove batch ${id}`,
  gcDone: (count: number, batches: number, dryRun: boolean, team: number | null) =>
    dryRun
      ? `${count} run${count === 1 ? '' : 's'} and ${batches} batch${batches === 1 ? '' : 'es'} would go (nothing removed: --dry-run)`
      : `removed ${count} run${count === 1 ? '' : 's'} with their logs and raw reports${team !== null ? ` (${team} from the team database)` : ''} and ${batches} batch${batches === 1 ? '' : 'es'} older than every run kept; the batches listed and their snapshots stay, so each can still be rolled back`,
  gateBlocked: (rate: string, min: string) =>
    `pass rate ${rate} is under the gate's ${min} (gate.minPassRate): exit 1`,
  gateWarn: (rate: string, min: string) => `pass rate ${rate} is under the gate's ${min} (gate.minPassRate)`,
  baselineFromHistory: (runId: number, host: string | null, at: string) =>
    `baseline taken from the history: run ${runId}${host ? ` of ${host}` : ''} at ${at}`,

  // init
  initConfig: (file: string, action: 'created' | 'updated' | 'kept') =>
    action === 'created'
      ? `created ${file} (commit it, so that CI and the team read the same settings)`
      : action === 'updated'
        ? `updated ${file}`
        : `kept ${file} as it is`,
  initTestCommand: (command: string | null, source: string) =>
    command
      ? `test command: ${command}${source === 'package.json' ? ' (from package.json scripts.test)' : ''}`
      : 'no test command yet: batches are recorded, tests are not run. Set one with `batch init --test-command "npm test"`',
  initReady: (batchSize: number, excludeAdded: boolean) =>
    `ready: batches of ${batchSize} edits; .batch/ ${excludeAdded ? 'added to' : 'already in'} .git/info/exclude. Next: \`batch record <path>\` or \`batch hook install\``,

  // record
  recordNothing: 'name at least one path to record, or --from-commit REV',
  recordBoth: 'give either paths or --from-commit, not both',
  recordedEdit: (kind: string, path: string, seq: number) => `  ${kind.padEnd(10)} ${path}  (edit ${seq})`,
  recordSummary: (count: number, batch: number, inBatch: number, size: number) =>
    `recorded ${count} edit${count === 1 ? '' : 's'} · batch ${batch}: ${inBatch}/${size}`,
  noChange: (paths: string[]) =>
    `no change: ${paths.length > 3 ? `${paths.slice(0, 3).join(', ')} and ${paths.length - 3} more` : paths.join(', ') || 'nothing named'} (same content as batch last saw)`,
  excludedPaths: (paths: string[]) => `left out by include/exclude in .batchrc: ${paths.join(', ')}`,
  batchComplete: (id: number, edits: number) => `batch ${id} complete (${edits} edits)`,
  noTestCommand:
    'no test command configured: tests were not run. Set one with `batch init --test-command "npm test"`',

  // status
  statusBatch: (id: number, edits: number, size: number, completed: number) =>
    `batch ${id}: ${edits}/${size} edits · ${completed} completed batch${completed === 1 ? '' : 'es'}`,
  statusNoRun: 'last run: none yet (`batch test` runs the tests now)',
  statusNoBaseline: 'baseline: none (`batch baseline` sets one)',
  statusConfig: (file: string | null, command: string | null) =>
    `config: ${file ?? 'defaults (no .batchrc)'} · test command: ${command ?? 'none'}`,
  statusPending: (kind: string) => `an unfinished ${kind} was repaired`,

  // log
  logEmpty: 'no edits recorded yet. Record some with `batch record <path>`',

  // reset
  resetConfirm: 'Forget all batches and runs? (snapshots stay in git under refs/batch/)',
  resetRefused: 'batch reset needs confirmation, and there is no terminal to ask',
  resetRefusedHint: 'run `batch reset --yes` to forget batches and runs',
  resetDone: (archive: string) =>
    `batches and runs forgotten; the old records were moved to ${archive} (delete it when you no longer need it). Snapshots stay under refs/batch/.`,
  resetCancelled: 'nothing was changed',

  // agents (batch agent, the agent hook, record --stdin-json)
  agentBadAction: (action: string) => `unknown agent action: ${action} (use install, uninstall or status)`,
  agentUsage:
    'say what to do: `batch agent install claude`, `batch agent uninstall claude` or `batch agent status claude`',
  agentUnknown: (agent: string) => `batch has no hook integration for ${agent} yet (it has: claude)`,
  agentUnknownHint:
    'other agents run `batch record --stdin-json` from their own hooks: the README shows the config for each',
  agentInstalled: (file: string, outcome: 'installed' | 'updated') =>
    `${outcome === 'installed' ? 'added' : 'updated'} batch's PostToolUse hooks (Edit|Write|MultiEdit|NotebookEdit, Bash) in ${file}`,
  agentInstalledNext:
    'Claude Code now records each edit as it happens and hears which tests a batch broke on its next tool call; `batch agent uninstall claude` takes it out again',
  agentNotSetUp:
    'this worktree has no .batch/ yet, and the hook records only where batch is set up: run `batch init`',
  agentRemoved: (file: string, gone: boolean) =>
    gone
      ? `removed batch's hooks: ${file} is gone again (install created it)`
      : `removed batch's hooks from ${file}; the rest is as it was`,
  agentAbsent: (file: string) => `batch's hooks are not in ${file}: nothing to remove`,
  agentStatus: (file: string, installed: boolean) =>
    installed ? `installed in ${file}` : `not installed in ${file}`,
  agentFailed: (message: string) =>
    `batch: this edit was not recorded (${message}); \`batch doctor\` explains`,
  agentRecordFailed: (message: string) =>
    `batch: agent edits are not being recorded (${message}); they stay queued: fix it, then \`batch status\``,

  // hooks
  hookUsage: 'say what to do: `batch hook install`, `batch hook uninstall` or `batch hook status`',
  hookBadAction: (action: string) => `unknown hook action: ${action} (use install, uninstall or status)`,
  hookRunHint: '`batch hook-run` is what the installed hooks call; run `batch hook install` to set them up',
  hookBadEvent: (event: string) =>
    `unknown hook event: ${event} (batch handles post-commit and post-rewrite)`,
  hookStep: (action: string, event: string | null, file: string, displaced?: string) =>
    action === 'installed'
      ? `installed the ${event} hook: ${file}`
      : action === 'updated'
        ? `updated the ${event} hook: ${file}`
        : action === 'unchanged'
          ? `already in place: ${file}`
          : action === 'displaced'
            ? `installed the ${event} hook: ${file}; the hook that was there moved to ${displaced} and still runs first (\`batch hook uninstall\` puts it back)`
            : action === 'appended'
              ? `added batch's ${event ?? 'hook'} entry to ${file}`
              : `not changed: ${file}`,
  hookNothingChanged: 'the hooks were already installed: nothing changed',
  hookInstalledSummary: (mode: string) =>
    `batch now records every commit (hook.mode: ${mode}). \`BATCH=0 git commit …\` skips one; \`batch hook status\` shows the hooks`,
  hookManualIntro: (value: string, scope: string, origin: string) =>
    `core.hooksPath is ${value} (set in ${origin}, ${scope} scope): batch does not write into a hooks folder it does not manage`,
  hookManualLine: (file: string) =>
    `add this line to ${file} (create it with #!/bin/sh and chmod +x if needed):`,
  hookManualHint:
    'the line does nothing where batch is not installed, so it can be committed; or run `batch hook install --force` to install into that folder',
  hookLefthookMerge: (file: string) =>
    `${file} already has post-commit or post-rewrite entries (or is not YAML): add batch's entries to it yourself:`,
  hookLefthookInstall:
    "run `lefthook install` (or your package manager's postinstall) so lefthook writes its post-commit and post-rewrite hooks",
  hookUninstallStep: (action: string, file: string, note?: string) =>
    action === 'restored'
      ? note && note !== 'edited'
        ? `put back ${file} (from ${note})`
        : `put back ${file} as it was before install`
      : action === 'removed'
        ? `removed ${file}`
        : action === 'lines-removed'
          ? `removed batch's lines from ${file} (it changed since install, so the rest stays as it is now)`
          : note?.startsWith('replaced-kept:')
            ? `left ${file}: it is no longer batch's hook; the hook batch displaced is still at ${note.slice(14)}`
            : note === 'replaced'
              ? `left ${file}: it is no longer batch's hook`
              : note === 'manual-line'
                ? `${file} still has the line you added for batch; it does nothing now, remove it when you like`
                : `nothing to remove in ${file}`,
  hookUninstallNothing: 'batch hooks were not installed: nothing changed',
  hookUninstallDone:
    'batch no longer records commits; .batch/ and its history stay (`batch reset` forgets them)',
  hookStatusLine: (event: string, state: string) => `${event.padEnd(13)} ${state}`,
  hookStatusHooksDir: (dir: string, setting: string | null) =>
    `hooks folder: ${dir}${setting ? ` (core.hooksPath ${setting})` : ''}`,
  hookStatusManagers: (managers: string[]) =>
    `other hook managers: ${managers.length ? managers.join(', ') : 'none'}`,
  hookStatusLag: (behind: number | null, last: string | null, head: string | null) =>
    head === null
      ? 'no commit yet'
      : last === null
        ? 'no commit recorded yet'
        : behind === null
          ? `last recorded commit ${last.slice(0, 10)}; HEAD ${head.slice(0, 10)} rewrote history since (recorded by the next commit or \`batch status\`)`
          : behind === 0
            ? `every commit is recorded (HEAD ${head.slice(0, 10)})`
            : `${behind} commit${behind === 1 ? '' : 's'} not recorded yet (the next commit or \`batch status\` records them)`,
  hookNotInstalledHint: 'run `batch hook install` to record every commit',
  hookRecorded: (count: number, commit: string, batch: number, inBatch: number, size: number) =>
    `batch: recorded ${count} edit${count === 1 ? '' : 's'} from ${commit.slice(0, 10)} · batch ${batch}: ${inBatch}/${size}`,
  hookNoEdit: (commit: string) =>
    `batch: ${commit.slice(0, 10)} changed nothing batch had not already recorded`,
  hookSkipped: (count: number) =>
    `batch: ${count} commit${count === 1 ? '' : 's'} made with BATCH=0 left out`,
  hookDeferred: (sequence: string) =>
    `batch: ${sequence.startsWith('rebase') ? 'a rebase' : 'a cherry-pick or revert'} is running: its commits are recorded once, when it ends`,
  hookFailed: (message: string) => `batch: could not record this commit: ${message}`,
  hookFailedHint:
    'the commit itself is fine; batch records it with the next commit or `batch status`. `batch doctor` checks the hook',
  hookFailedVerdict: (message: string, log: string) =>
    `batch: the last background record failed: ${message} (log: ${log}; \`batch doctor\` checks the hook)`,
  hookVerdict: (batch: number, verdict: string) =>
    `batch: batch ${batch} tested in the background: ${verdict}`,
  hookRegressed: 'regressions against the baseline',
  hookVerdictMore: (batch: number, log: string) =>
    `batch: \`batch report ${batch}\` for details; output in ${log}`,
  hookDryRun: (node: string, execPath: string, cli: string) =>
    `batch hook ok: node ${node} at ${execPath}, CLI ${cli}`,
  hookCaughtUp: (count: number) =>
    `recorded ${count} commit${count === 1 ? '' : 's'} the hook had not recorded (made without it, or during a rebase or cherry-pick)`,
  hookTestsNotRun: (batch: number) => `batch ${batch} is complete; run its tests with \`batch test\``,

  // doctor
  doctorGit: (version: string, tooOld: boolean) =>
    tooOld ? `git ${version}: batch needs git 2.31 or newer` : `git ${version}`,
  doctorGitHint:
    'upgrade git (2.31 or newer): older versions lack --path-format, and before 2.25 rebase picks ran no post-commit',
  doctorHooksDir: (dir: string, setting: string | null) =>
    setting ? `hooks run from ${dir} (core.hooksPath ${setting})` : `hooks run from ${dir}`,
  doctorOwner: (event: string, owner: string | null, mechanism: string) =>
    `${event}: ${owner === null ? 'no hook' : `hook written by ${owner}`}${mechanism !== 'hooks-dir' ? `; batch is called from ${mechanism === 'manual' ? 'a line you add' : `${mechanism}'s config`}` : ''}`,
  doctorNotInstalled: (event: string) => `${event}: batch's hook is not installed`,
  doctorNotCalled: (event: string, shim: string) =>
    `${event}: batch's shim ${shim} exists but nothing calls it`,
  doctorNotCalledHint: 'run `batch hook install` again, or add the printed line to your hook manager',
  doctorMovedAside: (event: string, file: string) =>
    `${event}: batch's hook was moved to ${file} by another hook manager and no longer runs`,
  doctorMovedAsideHint:
    'lefthook and pre-commit rename hooks they did not write; run `batch hook install` again (it uses their config when it finds one)',
  doctorDisplaced: (event: string, file: string) =>
    `${event}: the hook that was there before batch (${file}) runs first`,
  doctorOutdated: (event: string) => `${event}: batch's hook is from another version of batch`,
  doctorOutdatedHint: 'run `batch hook install` to update it',
  doctorRuns: (event: string, output: string) => `${event}: the hook runs (${output})`,
  doctorFails: (event: string, output: string) => `${event}: the hook does not run: ${output || 'no output'}`,
  doctorFailsHint:
    'run `batch hook install` again from the batch you use (it writes the absolute paths of node and batch)',
  doctorGui: (event: string, ok: boolean) =>
    ok
      ? `${event}: runs with a GUI client's PATH (${'/usr/bin:/bin:/usr/sbin:/sbin'})`
      : `${event}: does not run with a GUI client's PATH (/usr/bin:/bin:/usr/sbin:/sbin)`,
  doctorGuiHint: (node: string | null) =>
    `GUI clients (VS Code, GitHub Desktop, SourceTree) do not load your shell's PATH${node ? '' : ' and find no node'}: commits made there are recorded late. Re-run \`batch hook install\` so the absolute node path is written, or set PATH in ~/.config/batch/init.sh`,
  doctorBakedNodeMissing: (node: string) => `the node written into the hooks (${node}) no longer exists`,
  doctorBakedCliMissing: (cli: string) => `the batch CLI written into the hooks (${cli}) no longer exists`,
  doctorHuskyStubs:
    "husky's .husky/_ folder is missing in this worktree, so git runs no hook here (husky writes it per worktree)",
  doctorHuskyStubsHint: 'run `npx husky` in this worktree',
  doctorWorker: (pid: number) => `a background hook worker is running (pid ${pid})`,
  doctorSummary: (problems: number, warnings: number) =>
    problems === 0 && warnings === 0
      ? 'no problem found'
      : `${problems} problem${problems === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`,

  // baseline and compare
  baselineFileRequired: (command: string) =>
    `\`batch ${command}\` outside a git repository needs --baseline-file (there is no .batch/ folder to use)`,
  baselineFileRequiredHint:
    'pass --baseline-file <file>, e.g. `--baseline-file baseline.json`, or run inside a git repository',
  baselineWritten: (path: string, total: number) => `baseline written to ${path}: ${total} tests`,
  baselineFromFailedRun: (exitCode: number | null) =>
    `no baseline stored: the test command ${exitCode === null ? 'did not finish' : `exited with code ${exitCode}`} and reported no test`,
  baselineFromFailedRunHint:
    'run the test command by hand to see why it failed (`batch test -v` shows how batch ran it); the last baseline, if any, is kept',
  baselineHoldsFailures: (count: number) =>
    `the baseline holds ${count} failing test${count === 1 ? '' : 's'}: they will show as still failing, not as regressions`,
  statusRunBeforeUndo:
    ' — made before `batch undo`, on the tree the undo replaced: `batch test` to test the tree you have now',
  baselineEmpty: 'the baseline holds no test results: every test will show as added',
  baselinePartial: 'the report names only failing tests, so the baseline cannot tell which tests passed',
  badNumberOption: (flag: string, value: number) => `--${flag} must be a number of 0 or more, not ${value}`,
  badNumberOptionHint: 'e.g. `--threshold 0.5` (50 % slower) and `--min-ms 100`',
  regressionsWritten: (path: string) => `comparison written to ${path}`,
  stepSummaryFailed: (path: string, reason: string) =>
    `could not append the job summary to ${path}: ${reason}`,

  // test runs (runner)
  runStarting: (batch: number, run: number, command: string) =>
    `running the tests for batch ${batch} (run ${run}): ${command}`,
  runInterrupted: (run: number) => `interrupted: run ${run} was stopped and recorded as interrupted`,
  runDone: (run: number, duration: string) => `run ${run} took ${duration}`,
  runReportAt: (batch: number) => ` · report: .batch/reports/batch-${batch}.txt (\`batch report ${batch}\`)`,
  // watch
  watchReady: (root: string, polling: boolean, quietMs: number) =>
    `watching ${root}${polling ? ' (polling)' : ''} · quiet period ${quietMs} ms · Ctrl-C stops`,
  watchKeys: 'keys: r runs the tests now · q quits',
  watchOffline: (count: number) =>
    `${count} edit${count === 1 ? '' : 's'} made while batch watch was not running`,
  watchGitMarker: (description: string, files: number) =>
    `${description}: ${files} file${files === 1 ? '' : 's'} changed by git (one marker in the log, not edits)`,
  watchUnreadable: (paths: string[]) =>
    `cannot read ${paths.slice(0, 3).join(', ')}${paths.length > 3 ? ` and ${paths.length - 3} more` : ''} (permission denied): edits are recorded once they are readable`,
  watchLimit: (code: string) =>
    code === 'ENOSPC'
      ? 'the inotify watch limit is reached (ENOSPC): batch watch switched to polling, which is slower and uses more CPU'
      : `too many open files (${code}): batch watch switched to polling, which is slower and uses more CPU`,
  watchLimitHint: (code: string) =>
    code === 'ENOSPC'
      ? 'raise the limit with `sudo sysctl fs.inotify.max_user_watches=524288` (add `fs.inotify.max_user_watches=524288` to /etc/sysctl.d/40-watches.conf to keep it), then restart batch watch'
      : 'raise the limit with `ulimit -n 65536` in this shell (macOS: `sudo launchctl limit maxfiles 65536 200000`), then restart batch watch',
  watchProblem: (message: string) => `watch: ${message} (still watching)`,
  watchTestsQueued: (batch: number) => `tests for batch ${batch} will run when the current run ends`,
  watchTestsStarting: (batch: number) => `running the tests for batch ${batch}…`,
  watchNoTests: 'no test command configured: batches complete without a test run',
  watchStopped: (batch: number, edits: number, size: number) =>
    `stopped watching · batch ${batch}: ${edits}/${size} edits (state saved)`,
  watchStatus: (batch: number, edits: number, size: number, run: string, activity: string) =>
    `batch ${batch}: ${edits}/${size} edits · ${run}${activity ? ` · ${activity}` : ''} · r run · q quit`,
  watchRunNone: 'no run yet',
  watchRunPassed: (passed: number) => `last run ✓ ${passed} passed`,
  watchRunNewFailures: (names: string[]) =>
    `last run ✗ ${names.length} new failure${names.length === 1 ? '' : 's'}: ${names.join(', ')}`,
  watchRunFailed: (failed: number) => `last run ✗ ${failed} failed`,
  watchRunning: (batch: number) => `testing batch ${batch}…`,
  // rollback, undo, backup
  rollbackHeader: (batch: number, commit: string, at: string) =>
    `rollback to before batch ${batch} (snapshot ${commit.slice(0, 12)}, ${at})`,
  undoHeader: (operation: number, what: string, commit: string) =>
    `undo of operation ${operation} (${what}): back to snapshot ${commit.slice(0, 12)}, the tree just before it`,
  operationName: (kind: 'rollback' | 'undo' | 'revert', batch: number | null) =>
    kind === 'undo'
      ? 'an undo'
      : kind === 'revert'
        ? 'a revert'
        : `the rollback to before batch ${batch ?? '?'}`,
  planBatchesUndone: (ids: number[], open: { id: number; edits: number }) =>
    ids.length === 0
      ? '  batches undone: none (only unrecorded changes since then)'
      : `  batches undone: ${ids.join(', ')}${ids.includes(open.id) ? ` (${open.id} is the open batch: ${open.edits} edit${open.edits === 1 ? '' : 's'})` : ''}`,
  planBatchesBack: (ids: number[]) => `  batches back: ${ids.length ? ids.join(', ') : 'none'}`,
  planFilesNone: '  files: none change',
  planFiles: (counts: string) => `  files: ${counts}`,
  planFileMore: (more: number, from: string, to: string) =>
    `    … and ${more} more (all of them: git diff --stat ${from.slice(0, 12)} ${to.slice(0, 12)})`,
  planFileNote: (kind: string, fromMode: string | null, toMode: string | null) =>
    kind === 'symlink'
      ? toMode === null
        ? 'symlink created since'
        : fromMode === null
          ? 'symlink deleted since'
          : fromMode === toMode
            ? 'symlink target'
            : toMode === '120000'
              ? 'file back to a symlink'
              : 'symlink back to a file'
      : ({
          restored: 'old content back',
          removed: 'created since',
          recreated: 'deleted since',
          mode: 'executable bit',
        }[kind] ?? kind),
  planBranchMoves: (branch: string, from: string, to: string, dropped: number) =>
    `  branch: ${branch} moves back from ${from.slice(0, 10)} to ${to.slice(0, 10)}${dropped > 0 ? ` (${dropped} commit${dropped === 1 ? '' : 's'} off the branch, kept under refs/batch/)` : ''}; the index follows, so \`git status\` shows what was uncommitted then`,
  planBranchForward: (branch: string, from: string, to: string) =>
    `  branch: ${branch} moves from ${from.slice(0, 10)} back to ${to.slice(0, 10)}, where the rollback found it`,
  planBranchStays: (head: string | null, reason: string, since: number) =>
    `  branch: HEAD stays at ${head ? head.slice(0, 10) : '(no commit)'} (${reason})${since > 0 ? `; the ${since} commit${since === 1 ? '' : 's'} since stay, and the restored files show as uncommitted changes` : ''}`,
  branchStayReason: (reason: string, pushed: number, since: number, upstream: string | null) =>
    ({
      'files-only': '--files-only',
      'same-commit': 'no commits since',
      unborn: 'there was no commit then',
      detached: 'HEAD is detached',
      'other-branch': 'HEAD is on another branch than then',
      'not-ancestor': 'the history was rewritten since',
      pushed: `${pushed} of the ${since} commits since are on ${upstream?.replace(/^refs\/remotes\//, '') ?? 'the upstream'} already`,
      'moved-since': 'the branch moved since that rollback',
      'not-moved': 'that rollback did not move it',
    })[reason] ?? reason,
  planInTheWay: (paths: string[]) => `  in the way (refused): ${paths.join(', ')}`,
  dryRunDone: 'dry run: nothing was changed',
  rollbackConfirm: (kind: 'rollback' | 'undo') =>
    kind === 'undo' ? 'Undo it? (this is itself undoable)' : 'Roll back? (`batch undo` takes it back)',
  rollbackRefused: (kind: 'rollback' | 'undo' | 'revert') =>
    `batch ${kind} needs confirmation, and there is no terminal to ask; nothing was changed`,
  rollbackRefusedHint: (command: string) =>
    `run \`${command} --yes\` to go ahead (\`${command} --dry-run\` prints the plan only)`,
  rollbackDeclined: 'nothing was changed',
  submoduleLeft: (path: string, at: string | null, wanted: string | null) =>
    `submodule ${path} was not restored: it is ${at ? `still at ${at.slice(0, 10)}` : 'not checked out'}, the restored tree names ${wanted ? wanted.slice(0, 10) : 'no submodule there'}; batch writes only the gitlink (${wanted ? `\`git -C ${path} checkout ${wanted.slice(0, 10)}\` or \`git submodule update -- ${path}\`` : `remove ${path} by hand if it should go`})`,
  rollbackDone: (batch: number, files: number) =>
    `rolled back to before batch ${batch}: ${files} file${files === 1 ? '' : 's'} changed`,
  undoDone: (operation: number, files: number) =>
    `undid operation ${operation}: ${files} file${files === 1 ? '' : 's'} changed, the tree is as it was before it`,
  branchMoved: (branch: string, from: string, to: string) =>
    `branch ${branch.replace(/^refs\/heads\//, '')} moved from ${from.slice(0, 10)} to ${to.slice(0, 10)}`,
  branchKept: (ref: string, from: string) =>
    `the old tip ${from.slice(0, 10)} is kept as ${ref} (\`git log ${ref}\` shows it; \`git branch <name> ${ref}\` gives it a branch)`,
  branchStayed: (head: string | null) =>
    `HEAD stays at ${head ? head.slice(0, 10) : '(no commit)'}; the restored files show as uncommitted changes (\`git status\`)`,
  howToUndo: (pre: string) =>
    `to take it back: \`batch undo\` (the tree before it is snapshot ${pre.slice(0, 12)}; by hand: \`git restore --source=${pre.slice(0, 12)} --worktree -- <path>\`)`,
  testsSkipped: 'tests not run (--no-test); `batch test` runs them',
  backupDone: (dir: string, copied: number) =>
    `backup written to ${dir}: ${copied} file${copied === 1 ? '' : 's'} as they were before the batch, and git_commit.txt with the commands to recover by hand`,
  backupAbsent: (paths: string[]) =>
    `created by the batch (no copy, they did not exist before it): ${paths.join(', ')}`,
  badBatchId: (value: string) => `the batch must be a whole number of at least 1, got ${value}`,
  undoTestsHint: 'tests were not run; `batch test` runs them on the restored tree',

  // compare and baseline running the tests themselves
  baselineFromRun: (runId: number, batchId: number | null) =>
    `baseline from the last run (run ${runId}${batchId !== null ? `, batch ${batchId}` : ''})`,
  comparisonInterrupted: 'the test run was interrupted: nothing was compared or stored as a baseline',
  retrying: (attempt: number, of: number, count: number) =>
    `retry ${attempt}/${of}: running ${count} new failure${count === 1 ? '' : 's'} again to tell flaky from broken`,
  retriesNeedRun:
    '--retries runs the failing tests again, which batch can do only when it ran them: ignored with --results',
  // bisect, probe and revert
  culpritHeader: (batch: number) => `batch ${batch}: culprits of its new failures`,
  culpritEdits: (edits: string) => `edit ${edits}`,
  culpritTogether: (edits: string) => `edits ${edits} together (neither breaks these tests alone)`,
  culpritBroke: (count: number) => `broke ${count} test${count === 1 ? '' : 's'}:`,
  culpritNone: 'no edit of the batch was found to break a test',
  notReproducible: (count: number) =>
    `not reproducible: ${count} test${count === 1 ? '' : 's'} (did not fail on the batch's after-snapshot and pass before it: flaky, or depending on something outside the tree)`,
  unresolved: (count: number) =>
    `unresolved: ${count} test${count === 1 ? '' : 's'} (the run limit was reached; \`--max-runs\` raises it)`,
  culpritRuns: (runs: number, cached: number) =>
    `${runs} probe run${runs === 1 ? '' : 's'}${cached > 0 ? `, ${cached} answered from earlier probes` : ''}`,
  culpritRevertHint: (seqs: string) =>
    `to take back just that: \`batch revert ${seqs}\` (undoable with \`batch undo\`)`,
  culpritProbe: (run: number, tests: number, tree: string) =>
    `probe ${run}: ${tests} test${tests === 1 ? '' : 's'} on tree ${tree.slice(0, 10)}`,
  culpritSearching: (batch: number | null) =>
    `searching ${batch === null ? 'the last batch with new failures' : `batch ${batch}`} for the edits that broke its new failures…`,
  culpritVerdict: (seqs: string) => `culprit: edit ${seqs}`,
  badEditSeq: (value: string) =>
    `an edit is named by its number in \`batch log\` (a whole number), got ${value}`,
  probePassed: (count: number) => `probe: ${count} test${count === 1 ? '' : 's'} passed`,
  probeFailed: (failed: number, count: number) =>
    `probe: ${failed} of ${count} test${count === 1 ? '' : 's'} failed`,
  probeUnknown: (why: string) => `probe: cannot tell (${why})`,
  revertPlanHeader: (seqs: string) => `revert of edit ${seqs}: these files change`,
  revertDone: (seqs: string, files: number) =>
    `reverted edit ${seqs}: ${files} file${files === 1 ? '' : 's'} written; the batch's other edits are untouched`,
  revertNothing: (seqs: string) => `edit ${seqs} is already taken back in the tree: nothing to write`,
  revertConfirm: (files: number) => `write ${files} file${files === 1 ? '' : 's'}?`,

  // HTML reports (dashboard, report --format html, compare --format html)
  htmlWritten: (file: string, bytes: number, batches: number, runs: number, tests: number) =>
    `wrote ${file} (${bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`}): ${batches} batch${batches === 1 ? '' : 'es'}, ${runs} run${runs === 1 ? '' : 's'}, ${tests} test${tests === 1 ? '' : 's'}; it opens offline, from disk`,
  htmlOpenHint: (file: string) => `open it in a browser: ${file} (or \`batch dashboard --open\`)`,
  htmlOpenFailed: (command: string, reason: string) =>
    `could not open the page with ${command}: ${reason}; open the file in a browser yourself`,
  htmlNoData: 'no batches or runs yet: the page is empty until a batch completes or `batch test` runs',
  outNeedsHtml: (format: string) => `--out writes the HTML page; --format ${format} prints on stdout`,
  outNeedsHtmlHint: 'add --format html, or redirect stdout: `> file`',
  badWholeNumber: (option: string, value: number, min: number) =>
    `${option} must be a whole number of at least ${min}, got ${Number.isNaN(value) ? 'not a number' : value}`,
  badRunsHint: 'e.g. `batch dashboard --runs 50` for the 50 newest runs',
} as const;
