import type { Config } from '../../../../shared/contract/api.js';

export interface CatalogHit {
  department: string;
  typeId: string;
  typeName: string;
  /** Why it matched, in a few words a person recognises ("Item: Laptop"). */
  because: string;
}

const words = (text: string) => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

/**
 * The request types of every department (but the asker's own) that a few words point to: "laptop"
 * finds IT › Hardware by its Item choice. Every word must match somewhere in the type (its name,
 * description, what to attach, its questions and their choices) or its department (name, what it
 * does); a match in the type's own name ranks first. At most `limit` answers.
 */
export function searchCatalogs(config: Config, query: string, asker: string, limit = 8): CatalogHit[] {
  const wanted = words(query);
  if (!wanted.length) return [];
  const hits: (CatalogHit & { rank: number })[] = [];
  for (const d of config.departments) {
    if (d.name === asker) continue;
    for (const t of d.config.catalog) {
      const about = Object.hasOwn(d.service.types, t.id) ? d.service.types[t.id] : undefined;
      const places: [rank: number, text: string, shown: string][] = [
        [0, t.name, t.name],
        [1, about?.description ?? '', about?.description ?? ''],
        ...t.fields.flatMap((f): [number, string, string][] => [
          [2, f.label, f.label],
          ...(f.options ?? []).map((o): [number, string, string] => [2, o, `${f.label}: ${o}`]),
        ]),
        [3, about?.attach ?? '', `Attach ${about?.attach ?? ''}`],
        [4, d.name, d.name],
        [5, d.service.does, d.service.does],
      ];
      let rank = 0;
      let because = '';
      const all = wanted.every((w) => {
        const found = places.find(([, text]) => words(text).some((x) => x.startsWith(w)));
        if (!found) return false;
        rank = Math.max(rank, found[0]);
        if (!because && found[0] > 0) because = found[2];
        return true;
      });
      if (all) hits.push({ department: d.name, typeId: t.id, typeName: t.name, because: clip(because), rank });
    }
  }
  hits.sort((a, b) => a.rank - b.rank || a.department.localeCompare(b.department) || a.typeName.localeCompare(b.typeName));
  return hits.slice(0, limit).map(({ rank: _, ...hit }) => hit);
}

const clip = (s: string) => (s.length > 80 ? `${s.slice(0, 79)}…` : s);
