import type { Side } from '../../../../shared/core/status.js';
import type { RequestDetail } from '../../../../shared/model/request.js';

/** What the request page gives each of its parts that changes the request. */
export interface PaneActionProps {
  detail: RequestDetail;
  /** The person's side of the request, or null when it is neither of theirs (read only). */
  side: Side | null;
  /** A change is under way: buttons wait. */
  busy: boolean;
  /** Runs a change, shows its error under the actions; answers whether it went through. */
  run(action: () => Promise<{ message: string } | null>): Promise<boolean>;
}
