import { createHash } from 'node:crypto';
import { canonicalState } from '../../shared/model/canonical.js';
import type { Replica } from '../../shared/model/replica.js';

/** SHA-256 of the canonical state: equal on every replica that has seen the same operations. */
export function stateDigest(replica: Replica): string {
  return createHash('sha256').update(canonicalState(replica)).digest('hex');
}
