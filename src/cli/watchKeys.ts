/** What the keys of `batch watch` do. */
export interface WatchKeyHandlers {
  runNow(): void;
  quit(): void;
  interrupt(): void;
}

/**
 * Reads single key presses from a terminal: `r` runs the tests now, `q` quits, Ctrl-C interrupts
 * (raw mode turns it into a byte instead of SIGINT). Returns a function that gives the terminal back.
 */
export function listenToKeys(stdin: NodeJS.ReadStream, handlers: WatchKeyHandlers): () => void {
  if (!stdin.isTTY) return () => undefined;
  const onData = (data: Buffer) => {
    for (const key of data.toString('utf8')) {
      if (key === 'r' || key === 'R') handlers.runNow();
      else if (key === 'q' || key === 'Q') handlers.quit();
      else if (key === '\u0003' || key === '\u0004') handlers.interrupt();
    }
  };
  stdin.setRawMode(true);
  stdin.resume();
  stdin.on('data', onData);
  return () => {
    stdin.off('data', onData);
    stdin.setRawMode(false);
    stdin.pause();
  };
}
