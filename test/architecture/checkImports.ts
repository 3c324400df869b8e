import { builtinModules } from 'node:module';
import { posix } from 'node:path';
import type { Layer } from './layers.js';

const SPECIFIER =
  /(?:\bimport|\bexport)\s+(?:type\s+)?(?:[\w*{}\s,$]+\s+from\s+)?['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)|\brequire\(\s*['"]([^'"]+)['"]\s*\)/g;

export function importsOf(source: string): string[] {
  return [...source.matchAll(SPECIFIER)].map((m) => (m[1] ?? m[2] ?? m[3])!);
}

export function layerOf(file: string, layers: Layer[]): Layer | undefined {
  return layers.find((l) => file.startsWith(l.path));
}

const packageName = (spec: string) =>
  spec
    .split('/')
    .slice(0, spec.startsWith('@') ? 2 : 1)
    .join('/');
const isBuiltin = (spec: string) => spec.startsWith('node:') || builtinModules.includes(spec.split('/')[0]!);

/** The imports of `file` (a repo-relative POSIX path) that its layer does not allow, as sentences. */
export function violations(file: string, source: string, layers: Layer[]): string[] {
  const layer = layerOf(file, layers);
  if (!layer) return [];
  const out: string[] = [];
  for (const spec of importsOf(source)) {
    if (spec.startsWith('.')) {
      const target = posix.normalize(posix.join(posix.dirname(file), spec));
      const to = layerOf(target, layers);
      if (!to) out.push(`${file} imports ${spec}, outside every layer`);
      else if (to !== layer && !layer.layers.includes(to.name)) out.push(`${file} (${layer.name}) imports ${spec} (${to.name})`);
    } else if (isBuiltin(spec)) {
      if (!layer.node) out.push(`${file} (${layer.name}) imports the Node built-in ${spec}`);
    } else if (!layer.packages.includes(packageName(spec))) {
      out.push(`${file} (${layer.name}) imports the package ${spec}`);
    }
  }
  return out;
}
