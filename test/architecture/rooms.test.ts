import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The layers and core's rooms, lowest first: a file may import only from its own room or a lower one.
// docs/architecture.md explains each room; keep the two lists in step.
const LAYERS = ['adapters', 'core', 'output', 'cli'];
const ROOMS = [
  'model',
  'context',
  'reports',
  'snapshot',
  'state',
  'compare',
  'format',
  'runs',
  'history',
  'record',
  'bisect',
  'rollback',
  'revert',
  'html',
  'hooks',
  'watch',
  'agents',
];

const src = resolve(dirname(fileURLToPath(import.meta.url)), '../../src');
const core = join(src, 'core');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

/** Every relative import (static, type-only or dynamic) of every file under src/, resolved to a file. */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sourceFiles(src)) {
    const text = readFileSync(file, 'utf8');
    const targets = [...text.matchAll(/(?:\bfrom|\bimport\s*\(?)\s*['"](\.{1,2}\/[^'"]+)['"]/g)].map((m) =>
      resolve(dirname(file), m[1] ?? '').replace(/\.js$/, '.ts'),
    );
    graph.set(file, targets);
  }
  return graph;
}

const graph = importGraph();
const layerOf = (file: string) => relative(src, file).split('/')[0] ?? '';
const roomOf = (file: string) => relative(core, file).split('/')[0] ?? '';

describe('the layout of src/', () => {
  it('has no file at the top of src/core: every file is in a room', () => {
    const loose = readdirSync(core).filter((name) => statSync(join(core, name)).isFile());
    expect(loose).toEqual([]);
    const rooms = readdirSync(core).filter((name) => statSync(join(core, name)).isDirectory());
    expect(rooms.sort()).toEqual([...ROOMS].sort());
  });

  it('imports one way between layers: cli → output → core → adapters', () => {
    const upward: string[] = [];
    for (const [file, targets] of graph) {
      for (const target of targets) {
        const from = LAYERS.indexOf(layerOf(file));
        const to = LAYERS.indexOf(layerOf(target));
        if (from >= 0 && to > from) upward.push(`${relative(src, file)} → ${relative(src, target)}`);
      }
    }
    expect(upward).toEqual([]);
  });

  it('imports inside core only from the same room or a lower one', () => {
    const upward: string[] = [];
    for (const [file, targets] of graph) {
      if (layerOf(file) !== 'core') continue;
      for (const target of targets) {
        if (layerOf(target) !== 'core') continue;
        if (ROOMS.indexOf(roomOf(target)) > ROOMS.indexOf(roomOf(file)))
          upward.push(`${relative(core, file)} → ${relative(core, target)}`);
      }
    }
    expect(upward).toEqual([]);
  });

  it('has no import circle between any two files', () => {
    // Tarjan's strongly connected components: any component of two or more files is a circle
    const index = new Map<string, number>();
    const low = new Map<string, number>();
    const stack: string[] = [];
    const onStack = new Set<string>();
    const circles: string[][] = [];
    let next = 0;
    const visit = (v: string): void => {
      index.set(v, next);
      low.set(v, next++);
      stack.push(v);
      onStack.add(v);
      for (const w of graph.get(v) ?? []) {
        if (!graph.has(w)) continue;
        if (!index.has(w)) {
          visit(w);
          low.set(v, Math.min(low.get(v) ?? 0, low.get(w) ?? 0));
        } else if (onStack.has(w)) low.set(v, Math.min(low.get(v) ?? 0, index.get(w) ?? 0));
      }
      if (low.get(v) !== index.get(v)) return;
      const component: string[] = [];
      let w: string | undefined;
      do {
        w = stack.pop();
        if (w === undefined) break;
        onStack.delete(w);
        component.push(relative(src, w));
      } while (w !== v);
      if (component.length > 1) circles.push(component.sort());
    };
    for (const file of graph.keys()) if (!index.has(file)) visit(file);
    expect(circles).toEqual([]);
  });
});
