import { describe, expect, it } from 'vitest';
import { parseRawDiff } from '../src/core/record/fileChanges.js';

const A = 'a'.repeat(40);
const B = 'b'.repeat(40);
const Z = '0'.repeat(40);

describe('parseRawDiff', () => {
  it('names what restoring the second tree does to each path', () => {
    const fields = [
      `:100644 100644 ${A} ${B} M`,
      'content.txt',
      `:100644 100755 ${A} ${A} M`,
      'run.sh',
      `:000000 100644 ${Z} ${A} A`,
      'deleted since.txt',
      `:100644 000000 ${A} ${Z} D`,
      'created since.txt',
      `:120000 000000 ${A} ${Z} D`,
      'link',
      `:100644 120000 ${A} ${B} T`,
      'was a link',
      `:100644 100755 ${A} ${B} M`,
      'both.sh',
    ];
    expect(parseRawDiff(fields).map((c) => [c.path, c.kind, c.fromMode, c.toMode])).toEqual([
      ['content.txt', 'restored', '100644', '100644'],
      ['run.sh', 'mode', '100644', '100755'],
      ['deleted since.txt', 'recreated', null, '100644'],
      ['created since.txt', 'removed', '100644', null],
      ['link', 'symlink', '120000', null],
      ['was a link', 'symlink', '100644', '120000'],
      ['both.sh', 'restored', '100644', '100755'],
    ]);
  });
});
