import { spawn } from 'node:child_process';

/** The system's "open this file" command: `open` on macOS, `start` on Windows, `xdg-open` elsewhere. */
export function openCommand(platform: NodeJS.Platform): { command: string; args: string[] } {
  if (platform === 'darwin') return { command: 'open', args: [] };
  // `start` is a cmd built-in; its first quoted argument is the window title, hence the empty one
  if (platform === 'win32') return { command: 'cmd', args: ['/c', 'start', '""'] };
  return { command: 'xdg-open', args: [] };
}

/**
 * Opens a file with the system's default application (a browser for .html), detached: batch does
 * not wait for the browser. Resolves once the opener started, rejects when it could not start.
 */
export function openInBrowser(
  file: string,
  platform: NodeJS.Platform,
  env: NodeJS.ProcessEnv,
): Promise<void> {
  const { command, args } = openCommand(platform);
  return new Promise((resolve, reject) => {
    const child = spawn(command, [...args, file], { detached: true, stdio: 'ignore', env });
    child.once('error', reject);
    child.once('spawn', () => {
      child.unref();
      resolve();
    });
  });
}
