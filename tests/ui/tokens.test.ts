// The tokens file is the one home of the page's colours: every var(--name)
// the CSS and the code use is defined there, and app.css holds no colour
// literal of its own.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseColor } from '../../src/ui/tokens';

const ui = join(__dirname, '../../src/ui');
const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? files(join(dir, name)) : [join(dir, name)]));
const tokens = readFileSync(join(ui, 'tokens.css'), 'utf8');
const defined = new Set([...tokens.matchAll(/--([a-z0-9-]+):/g)].map((m) => m[1]));

describe('design tokens', () => {
  it('defines every token the styles and the code use', () => {
    const used = new Set<string>();
    for (const file of files(ui).filter((f) => !/tokens\.(css|ts)$/.test(f))) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/var\(--([a-z0-9-]+)\)/g)) used.add(m[1]);
      for (const m of text.matchAll(/(?:cssVar|tokenColor)\('([a-z0-9-]+)'\)/g)) used.add(m[1]);
    }
    expect(used.size).toBeGreaterThan(25);
    expect([...used].filter((name) => !defined.has(name))).toEqual([]);
  });

  it('leaves no colour literal in app.css', () => {
    expect(readFileSync(join(ui, 'app.css'), 'utf8').match(/#[0-9a-f]{3,8}\b/gi)).toBeNull();
  });

  it('reads the colours canvases get from CSS', () => {
    expect(parseColor('#1c7ed6')).toEqual([28, 126, 214]);
    expect(parseColor('#fff')).toEqual([255, 255, 255]);
    expect(parseColor('rgb(240, 140, 0)')).toEqual([240, 140, 0]);
    expect(parseColor('nonsense')).toEqual([0, 0, 0]);
  });
});
