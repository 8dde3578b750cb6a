import { ROLLBACK_PENDING } from '../model/operationModel.js';
import { registerRecoveryProvider } from '../state/recovery.js';

/** Lets every command repair a rollback a killed process left half-done, loading that code only then. */
export function provideRollbackRecovery(): void {
  registerRecoveryProvider(ROLLBACK_PENDING, () => import('./rollbackRecovery.js'));
}
