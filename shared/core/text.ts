/**
 * Rules for text people read and names used as keys (docs/sync.md §Names people read). A name
 * may come from the share, where anyone can write anything.
 */

/**
 * C0 and C1 controls, and the bidirectional marks, embeddings, overrides and isolates that make
 * "Payslip-<U+202E>fdp.exe" read as "Payslip-exe.pdf".
 */
const HIDDEN = /[\p{Cc}\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;
const HAS_HIDDEN = /[\p{Cc}\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;

/** Whether a one-line text (a title, a person's or a file's name) holds characters that hide or reorder what is shown. */
export function hasHiddenCharacters(text: string): boolean {
  return HAS_HIDDEN.test(text);
}

/** The text with every such character shown as its code point, so what is read is what is there. */
export function visibleText(text: string): string {
  return HAS_HIDDEN.test(text) ? text.replace(HIDDEN, (c) => `⟨U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}⟩`) : text;
}

/**
 * A name that a plain object already answers to (`constructor`, `toString`, `__proto__` …):
 * refused as a department's name, so no lookup by name can find something nobody named.
 */
export function isReservedName(name: string): boolean {
  return RESERVED.has(name);
}
// A set, not `Object.hasOwn(Object.prototype, name)`: this runs for every name of every operation read.
const RESERVED: ReadonlySet<string> = new Set(Object.getOwnPropertyNames(Object.prototype));

/** A file name's real extension (after its last dot), as it would be opened; "" when it has none. */
export function realExtension(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 && dot < name.length - 1 ? name.slice(dot + 1).toLowerCase() : '';
}
