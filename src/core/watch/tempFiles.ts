/**
 * Names editors and agents give their temporary files (research/watch.md §1.1). They are never edits:
 * the watcher does not even look at them. A save that renames a temporary file over the real one is
 * seen as a change of the real one, so it is one modification.
 */
const TEMP_NAME_PATTERNS: readonly RegExp[] = [
  /~$/, // vim and emacs backups (`file~`)
  /^\..*\.sw[a-p]$/, // vim swap files (`.file.swp`, `.swo`, … down to `.swa`)
  /\.sw[pox]$/, // swap files without the leading dot
  /___jb_(tmp|old|bak)___$/, // JetBrains safe write
  /^\.subl.*\.tmp$/, // Sublime Text atomic save
  /^\.goutputstream-/, // gedit / GIO
  /^#.*#$/, // emacs auto-save
  /^\.#/, // emacs lock links
  /\.kate-swp$/, // Kate
  /\.vsctmp$/, // VS Code's own atomic writes
  /\.tmp\.\d+(\.[0-9A-Za-z]+)?$/, // agents' `file.tmp.<pid>` or `file.tmp.<pid>.<n>` before the rename
  /^\.DS_Store$/,
  /^Thumbs\.db$/,
];

/** vim's write probe: `4913`, then `5036`, `5159`… (step 123) when the name is taken. */
function isVimProbe(name: string): boolean {
  if (!/^\d{4,5}$/.test(name)) return false;
  const n = Number(name);
  return n >= 4913 && (n - 4913) % 123 === 0;
}

/** True when a file's base name is an editor's or agent's temporary file. */
export function isTempFileName(name: string): boolean {
  return isVimProbe(name) || TEMP_NAME_PATTERNS.some((pattern) => pattern.test(name));
}
