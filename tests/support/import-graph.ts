// The project's import graph and the arrows it forbids (DESIGN §3, §11). Imports are read with
// TypeScript's own pre-processor (static, dynamic `import()`, `export … from`, type-only alike),
// resolved against the `@/` alias, and checked against a table of rules, the way the RLS suite
// walks the catalog: a new file is covered the moment it exists.
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

export interface ImportEdge {
  from: string; // repository-relative path of the importing file
  to: string; // repository-relative path (or bare package name) it imports
  line: number;
}

export interface Rule {
  /** What the rule protects, shown with every violation. */
  why: string;
  /** Files the rule applies to. */
  from: (file: string) => boolean;
  /** Imports those files must not make. */
  to: (target: string) => boolean;
  /** Files exempt from the rule (the one bootstrap file, say). */
  except?: (file: string) => boolean;
}

export interface Violation extends ImportEdge {
  why: string;
}

const SOURCE = /\.(ts|tsx)$/;
const SKIP_DIRS = new Set(['node_modules', '.next', '.data', '.git', 'test-results', 'playwright-report', 'coverage']);

export function sourceFiles(root: string, dir = ''): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
    if (SKIP_DIRS.has(entry.name)) continue;
    const rel = dir ? `${dir}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...sourceFiles(root, rel));
    else if (SOURCE.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(rel);
  }
  return out;
}

/** Repository-relative target of a specifier, extension-less; bare packages stay as they are. */
export function resolveSpecifier(fromFile: string, specifier: string): string {
  let target: string;
  if (specifier.startsWith('@/')) target = specifier.slice(2);
  else if (specifier.startsWith('.')) target = path.posix.normalize(path.posix.join(path.posix.dirname(fromFile), specifier));
  else return specifier;
  return target.replace(/\.(ts|tsx|js|mjs)$/, '');
}

export function importsOf(file: string, text: string): ImportEdge[] {
  const info = ts.preProcessFile(text, true, true);
  const lineAt = (pos: number) => text.slice(0, pos).split('\n').length;
  return info.importedFiles.map((f) => ({ from: file, to: resolveSpecifier(file, f.fileName), line: lineAt(f.pos) }));
}

export function importGraph(root: string, files = sourceFiles(root)): ImportEdge[] {
  return files.flatMap((f) => importsOf(f, fs.readFileSync(path.join(root, f), 'utf8')));
}

export function violations(edges: ImportEdge[], rules: Rule[]): Violation[] {
  const out: Violation[] = [];
  for (const edge of edges) {
    for (const rule of rules) {
      if (rule.from(edge.from) && !rule.except?.(edge.from) && rule.to(edge.to)) out.push({ ...edge, why: rule.why });
    }
  }
  return out;
}

export const under = (...dirs: string[]) => (p: string) => dirs.some((d) => p === d || p.startsWith(`${d}/`));
export const isTestFile = (p: string) =>
  /\.(test|spec)\.tsx?$/.test(p) || under('tests', 'e2e', 'bench')(p) || /(^|\/)test-(harness|support|data)\.ts$/.test(p);
