export const LINK_KINDS = ['parent', 'duplicate'] as const;
/** `parent`: the target is part of `other`; `duplicate`: the target asks what `other` asks. Last writer wins per kind and other. */
export type LinkKind = (typeof LINK_KINDS)[number];
