// The layout's rules that lint cannot see: no import cycles (type-only imports count: a type cycle
// still ties two folders into one), the simulators import nothing from the gateway, and no source
// file grows past 500 lines. Folder boundaries themselves are lint rules (eslint.config.js).
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (name === 'generated' || name === 'node_modules' || name === 'dist') return [];
    if (statSync(file).isDirectory()) return sourceFiles(file);
    return file.endsWith('.ts') ? [file] : [];
  });
}

/** Static imports and re-exports (value or type) of a file, resolved to files; `import()` is lazy on purpose. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/^(?:import|export)\s[^;]*?\sfrom\s+'([^']+)'/gms)].map(
    (m) => m[1] as string,
  );
  return specifiers
    .filter((s) => s.startsWith('.'))
    .map((s) => path.resolve(path.dirname(file), s).replace(/\.js$/, '.ts'));
}

/** Strongly connected components with more than one file (Tarjan). */
function cycles(graph: Map<string, string[]>): string[][] {
  let index = 0;
  const stack: string[] = [];
  const on = new Set<string>();
  const indices = new Map<string, number>();
  const low = new Map<string, number>();
  const found: string[][] = [];
  const visit = (v: string) => {
    indices.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue;
      if (!indices.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, indices.get(w)!));
    }
    if (low.get(v) === indices.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        component.push(path.relative(root, w));
      } while (w !== v);
      if (component.length > 1) found.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!indices.has(v)) visit(v);
  return found;
}

const gateway = sourceFiles(path.join(root, 'src'));
const sandbox = sourceFiles(path.join(root, 'packages/sandbox/src'));
const sandboxPackage = sourceFiles(path.join(root, 'packages/sandbox'));

describe('the layout', () => {
  it('has no import cycles in the gateway or the sandbox', () => {
    const graph = new Map([...gateway, ...sandbox].map((f) => [f, importsOf(f)]));
    expect(cycles(graph)).toEqual([]);
  });

  it('keeps the simulators apart: the sandbox package (code, tests, benches) imports nothing from the gateway', () => {
    const outside = sandboxPackage.flatMap((f) =>
      importsOf(f)
        .filter((target) => !target.startsWith(path.join(root, 'packages/sandbox/')))
        .map((target) => `${path.relative(root, f)} → ${path.relative(root, target)}`),
    );
    expect(outside).toEqual([]);
  });

  it('has no source file over 500 lines', () => {
    const long = [...gateway, ...sandbox]
      .map((f) => ({ file: path.relative(root, f), lines: readFileSync(f, 'utf8').split('\n').length }))
      .filter((f) => f.lines > 500);
    expect(long).toEqual([]);
  });
});
