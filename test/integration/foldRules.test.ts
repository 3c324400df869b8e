import { describe, expect, it } from 'vitest';
import { RequestStore } from '../../electron/store/requestStore.js';
import { REQUEST_A, createOp, statusOp } from '../helpers/ops.js';
import { undoAfterEach } from '../helpers/undo.js';

/**
 * The rules as the local store folds the share (FoldedState): a change judged before its
 * request's creation arrived is judged again when it comes, from the log, and after a restart.
 */
const { cleanup, tempDir } = undoAfterEach();

function open(dir: string) {
  const store = RequestStore.open({ dir, deviceId: 'reader' });
  cleanup.push(() => store.close());
  return store;
}

describe('the store folds what the rules allow', () => {
  it('a requester’s “done”, read before the request it closes, is passed over once the pull that brings the creation ends, and stays so after a restart', async () => {
    const dir = tempDir('interdesk-rules-');
    const store = open(dir);
    const now = Date.now();
    // Sam (Sales, the requester) marks the request done from his own machine; the creation comes from another.
    const forged = { ...statusOp(REQUEST_A, 'sam-laptop', 1, now + 1_000, 'done'), actor: { user: 'Sam', department: 'Sales' } };
    store.ingest([forged]);
    expect(store.index.entry(REQUEST_A)?.status?.value).toBe('done'); // not judged yet: who provides is not known
    store.ingest([createOp(REQUEST_A, 'sam-desk', 1, now)]);
    // Judged again once the pull that brought it ends (not per batch: a join's batches are large).
    store.pulled();
    expect(store.index.get(REQUEST_A)?.status?.value).toBe('new');
    expect(store.index.refusals.get(forged.id)?.why).toBe('only Engineering, the providing department, may make this change');
    store.close();
    const again = open(dir);
    expect(again.index.get(REQUEST_A)?.status?.value).toBe('new');
    // The provider's own change still counts.
    again.ingest([statusOp(REQUEST_A, 'eve', 1, now + 2_000, 'acknowledged')]);
    expect(again.index.get(REQUEST_A)?.status?.value).toBe('acknowledged');
  });
});
