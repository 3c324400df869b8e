import type { Replica } from './replica.js';
import { toDetail } from './replica.js';

/**
 * The replica's whole visible state as one canonical string: requests by id, each as its
 * detail view, and every department's configuration. Replicas that have seen the same
 * operations give the same string.
 */
export function canonicalState(replica: Replica): string {
  const details = [...replica.requests()].map((rec) => toDetail(rec)).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const config = replica.config.departments().map((name) => [name, replica.config.get(name)]);
  return JSON.stringify({ requests: details, config });
}
