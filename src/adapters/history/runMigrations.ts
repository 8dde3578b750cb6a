import { MIGRATIONS, type Migration } from './migrations.js';

/** What umzug needs from a database: run a script, and read or add to its list of applied migrations. */
export interface MigrationTarget {
  dialect: keyof Omit<Migration, 'name'>;
  exec(sql: string): Promise<void>;
  applied(): Promise<string[]>;
  markApplied(name: string): Promise<void>;
}

/**
 * Brings the schema up to date: the migrations not yet applied, in order, each once (forward only).
 * umzug (about 0.4 s to load) is loaded only when one is pending, not on every run stored.
 */
export async function runMigrations(target: MigrationTarget): Promise<string[]> {
  const applied = new Set(await target.applied());
  if (MIGRATIONS.every((m) => applied.has(m.name))) return [];
  const { Umzug } = await import('umzug');
  const umzug = new Umzug({
    migrations: MIGRATIONS.map((m) => ({
      name: m.name,
      up: async () => {
        const sql = m[target.dialect];
        if (sql !== null) await target.exec(sql);
      },
    })),
    storage: {
      executed: () => target.applied(),
      logMigration: ({ name }) => target.markApplied(name),
      unlogMigration: () => Promise.reject(new Error('history migrations are forward-only')),
    },
    logger: undefined,
  });
  const done = await umzug.up();
  return done.map((m) => m.name);
}
