import type { Edit } from '../model/batchModel.js';

function short(id: string): string {
  return id.length > 12 ? `${id.slice(0, 12)}…` : id;
}

/**
 * Who made an edit, in a few words for `batch log`, the batch report and an agent's feedback:
 * `claude Edit · session 8c35adc1-4f… · tool use toolu_01DU…`, `shell (claude): $ npm run fix`,
 * `watch`, `commit 1a2b3c4d5e`, or `record` for a path someone named.
 */
export function describeOrigin(edit: Pick<Edit, 'source' | 'commit' | 'origin'>): string {
  const origin = edit.origin;
  if (origin) {
    const ids = [
      origin.session ? `session ${short(origin.session)}` : null,
      origin.toolUse ? `tool use ${short(origin.toolUse)}` : null,
    ].filter(Boolean);
    const head =
      edit.source === 'shell'
        ? `shell (${origin.agent})${origin.command ? `: $ ${origin.command}` : ''}`
        : `${origin.agent}${origin.tool ? ` ${origin.tool}` : ''}`;
    return [head, ...ids].join(' · ');
  }
  if (edit.commit) return `commit ${edit.commit.slice(0, 10)}`;
  switch (edit.source) {
    case 'watch':
      return 'watch';
    case 'hook':
      return 'post-commit hook';
    case 'api':
      return 'api';
    case 'shell':
      return 'shell';
    case 'agent':
      return 'agent';
    default:
      return 'record';
  }
}
