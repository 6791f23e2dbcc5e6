// The import graph has no circles: each folder's files can be read from the
// bottom up (scripts/import-cycles.mjs prints them, and the largest files).
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM script, shared with the command line
import { importCycles, importGraph } from '../scripts/import-cycles.mjs';

describe('the import graph', () => {
  it('has no circles', () => {
    const graph = importGraph() as Map<string, string[]>;
    expect(graph.size).toBeGreaterThan(100);
    expect(importCycles(graph)).toEqual([]);
  });

  it('would report one if there were', () => {
    const graph = new Map([
      ['/r/a.ts', ['/r/b.ts']],
      ['/r/b.ts', ['/r/a.ts']],
      ['/r/c.ts', ['/r/a.ts']],
    ]);
    expect((importCycles(graph) as string[][]).map((cycle) => cycle.length)).toEqual([2]);
  });
});
