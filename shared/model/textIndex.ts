import { isKnownOperation } from '../ops/operationSchema.js';
import type { RequestOperation, SealedNoteOp } from '../ops/operations.js';

/** A sealed note's text, where this machine holds its department's key (else null). */
export type NoteOpener = (op: SealedNoteOp) => string | null;

/**
 * Which words each request's text holds — title, type, details, form answers, replies and
 * internal notes — so a search finds a request by a word in a comment without reading the log.
 *
 * Words are kept as 32-bit hashes in one sorted array per request (~4 bytes a word instead of
 * a string per posting: 100,000 requests fit in a few MB). A hash collision can make a request
 * match a word it does not contain (odds about n / 2³² per word); it can never hide a match.
 * An internal note's words are hashed with the writing department, so only that department's
 * searches see them; a sealed one's only where this machine can open it.
 */
export class TextIndex {
  private readonly words = new Map<string, Uint32Array>();

  add(op: RequestOperation, open?: NoteOpener): void {
    if (!isKnownOperation(op)) return;
    const text = op.type === 'request.sealedNote' ? open?.(op) : textOf(op);
    if (!text) return;
    const scope = op.type === 'request.sealedNote' || (op.type === 'request.comment' && op.fields.internal) ? op.actor.department : '';
    const hashes = new Set<number>();
    for (const word of wordsOf(text)) hashes.add(hashWord(word, scope));
    if (!hashes.size) return;
    this.words.set(op.target, merge(this.words.get(op.target), hashes));
  }

  /**
   * The requests among `candidates` whose text holds every word of `query` (whole words, any
   * case); internal notes count only for `department`.
   */
  search(query: string, department: string, candidates: Iterable<string>): string[] {
    const wanted = wordsOf(query).map((w) => [hashWord(w, ''), hashWord(w, department)] as const);
    if (!wanted.length) return [];
    const out: string[] = [];
    for (const id of candidates) {
      const have = this.words.get(id);
      if (have && wanted.every(([open, scoped]) => contains(have, open) || contains(have, scoped))) out.push(id);
    }
    return out;
  }

  get size(): number {
    return this.words.size;
  }

  /** For saving: the request ids, how many word hashes each has, and all hashes end to end. */
  dump(): TextIndexDump {
    const ids = [...this.words.keys()];
    const counts = new Uint32Array(ids.length);
    let total = 0;
    ids.forEach((id, i) => (total += counts[i] = this.words.get(id)!.length));
    const hashes = new Uint32Array(total);
    let at = 0;
    for (const id of ids) {
      const own = this.words.get(id)!;
      hashes.set(own, at);
      at += own.length;
    }
    return { ids, counts, hashes };
  }

  /** An index as `dump()` gave it; each request's hashes are a view into the one array. */
  static restore({ ids, counts, hashes }: TextIndexDump): TextIndex {
    if (counts.length !== ids.length) throw new Error(`A saved search index has ${ids.length} requests but ${counts.length} word counts.`);
    const index = new TextIndex();
    let at = 0;
    ids.forEach((id, i) => {
      index.words.set(id, hashes.subarray(at, (at += counts[i]!)));
    });
    if (at !== hashes.length) throw new Error(`A saved search index counts ${at} word hashes but holds ${hashes.length}.`);
    return index;
  }
}

export interface TextIndexDump {
  ids: string[];
  counts: Uint32Array;
  hashes: Uint32Array;
}

function textOf(op: RequestOperation): string {
  switch (op.type) {
    case 'request.create':
      return `${op.fields.title} ${op.fields.type} ${op.fields.details} ${Object.values(op.fields.form ?? {}).join(' ')}`;
    case 'request.comment':
      return op.fields.body;
    case 'request.attach':
      return op.fields.name;
    case 'request.edit':
      // A corrected text adds its words; the earlier version's stay findable, as it stays in the history.
      return op.fields.value;
    default:
      return '';
  }
}

/** Lower-case runs of letters and digits, in any script. */
function wordsOf(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** FNV-1a over the word, then the scope (a department, or '' for text both sides see). */
function hashWord(word: string, scope: string): number {
  let h = 0x811c9dc5;
  const s = scope ? `${word}\u0000${scope}` : word;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function merge(current: Uint32Array | undefined, add: Set<number>): Uint32Array {
  const all = new Set(current ?? []);
  for (const h of add) all.add(h);
  if (current && all.size === current.length) return current;
  return Uint32Array.from(all).sort();
}

function contains(sorted: Uint32Array, h: number): boolean {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = sorted[mid]!;
    if (v === h) return true;
    if (v < h) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}
