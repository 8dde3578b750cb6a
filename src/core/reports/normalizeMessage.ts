import stripAnsi from 'strip-ansi';

const rules: [RegExp, string][] = [
  // memory addresses: `object at 0x7f2e342fbb10`, `0x000055d4c3a2b8f0`
  [/\b0x[0-9a-fA-F]{4,}\b/g, '0x…'],
  // temp folders (POSIX, macOS, Windows) up to the next separator-free segment
  [/(?:\/private)?\/(?:tmp|var\/folders\/[^\s/]+\/[^\s/]+\/T)\/[^\s/'"`)]+/g, '<tmp>'],
  [/[A-Za-z]:\\Users\\[^\\\s]+\\AppData\\Local\\Temp\\[^\\\s'"`)]+/gi, '<tmp>'],
  // ISO timestamps
  [/\b\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:[.,]\d+)?(?:Z|[+-]\d{2}:?\d{2})?/g, '<time>'],
  // durations: 123ms, 1.23s, 0.5 sec, 12µs, (0.01s), 75.00s (0:01:15)
  [/\b\d+(?:[.,]\d+)?\s?(?:ns|µs|us|ms|s|sec|secs|seconds|m|min|minutes)\b/g, '<duration>'],
  [/\(\d+:\d{2}:\d{2}\)/g, '(<duration>)'],
  // thread and process ids: `thread 'x' (29292) panicked`, `pid 1234`
  [/(thread '[^']*') \(\d+\)/g, '$1'],
  [/\bpid[ =:]?\d+\b/gi, 'pid <n>'],
];

/**
 * A failure message with its volatile parts replaced (ANSI colours, memory addresses, temp paths,
 * timestamps, durations, thread ids, the project root), so two runs of the same failure compare equal.
 */
export function normalizeMessage(message: string | null | undefined, root?: string): string {
  if (!message) return '';
  let out = stripAnsi(message).replace(/\r\n?/g, '\n');
  if (root) {
    for (const r of new Set([root.replace(/[\\/]$/, ''), root.replace(/\\/g, '/').replace(/\/$/, '')])) {
      if (r.length > 1)
        out = out
          .split(`file://${r}/`)
          .join('<root>/')
          .split(`${r}/`)
          .join('<root>/')
          .split(`${r}\\`)
          .join('<root>/');
    }
  }
  for (const [pattern, replacement] of rules) out = out.replace(pattern, replacement);
  return out
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .trim();
}
