import type { HookEvent } from './shimTemplate.js';

/** What installing did to one hook file. */
export type InstallAction = 'installed' | 'updated' | 'unchanged' | 'displaced' | 'appended' | 'printed';

export interface InstallStep {
  event: HookEvent | null;
  file: string;
  action: InstallAction;
  /** Where the hook that was there went (action `displaced`). */
  displaced?: string;
}
