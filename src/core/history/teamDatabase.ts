import type { Context } from '../context/context.js';

/** The team database's URL: `history.url` in .batchrc, else BATCH_DATABASE_URL; null when neither. */
export function teamUrl(ctx: Context): string | null {
  return ctx.config.history.url ?? (ctx.env.BATCH_DATABASE_URL || null);
}

/** Where the team database is, for messages: host, port and database, never the user or password. */
export function describeTeamUrl(url: string): string {
  try {
    const parsed = new URL(url);
    const host = parsed.hostname || parsed.searchParams.get('host') || 'localhost';
    return `${host}${parsed.port ? `:${parsed.port}` : ''}${parsed.pathname}`;
  } catch {
    return 'the configured URL';
  }
}

/** An error's message without any URL's password in it (pg quotes the connection string on some errors). */
export function safeReason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown }).code;
  const text = message || (typeof code === 'string' ? code : 'unknown error');
  return text.replace(/(\/\/[^:/@\s]*:)[^@\s]*@/g, '$1***@');
}
