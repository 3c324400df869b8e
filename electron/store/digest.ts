import { canonicalState } from '../../shared/model/canonical.js';
import type { Operation } from '../../shared/ops/operations.js';
import { Replica } from '../../shared/model/replica.js';
import { sha256 } from './sha256.js';

/** SHA-256 of the canonical state: equal on every replica that has seen the same operations. */
export function stateDigest(ops: Iterable<Operation>): string {
  const replica = new Replica();
  for (const op of ops) replica.apply(op);
  return sha256(canonicalState(replica));
}
