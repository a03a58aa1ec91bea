import type { NextTaskReason } from '../../api/types';
import type { MessageKey } from '../../app/messages';

/**
 * One message per reason the server can give: a reason added there fails the typecheck here until it has one. There is
 * no 'gold': a control item looks like any other task to its labeler, and the server never says otherwise.
 */
const REASONS: Record<NextTaskReason, MessageKey> = {
  rework: 'reason.rework',
  'held-lease': 'reason.held-lease',
  'returned-draft': 'reason.returned-draft',
  overlap: 'reason.overlap',
  order: 'reason.order',
};

/** Reasons only a task's event log keeps (its history is for managers when the task is gold). */
const LOGGED_ONLY: Record<string, MessageKey> = { gold: 'reason.gold', assigned: 'reason.assigned', opened: 'reason.opened' };

/** The reason of a lease, or of a task event's detail (older events may carry a reason no longer given). */
export function reasonLabel(t: (k: MessageKey) => string, reason: string | null | undefined): string {
  if (!reason) return '';
  if (reason in REASONS) return t(REASONS[reason as NextTaskReason]);
  return reason in LOGGED_ONLY ? t(LOGGED_ONLY[reason]) : reason;
}
