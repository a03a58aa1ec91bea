import type { NextTaskReason } from '../../api/types';
import type { MessageKey } from '../../app/messages';

/** One message per reason the server can give: a reason added there fails the typecheck here until it has one. */
const REASONS: Record<NextTaskReason, MessageKey> = {
  rework: 'reason.rework',
  'held-lease': 'reason.held-lease',
  'returned-draft': 'reason.returned-draft',
  gold: 'reason.gold',
  overlap: 'reason.overlap',
  order: 'reason.order',
};

/** The reason of a lease, or of a task event's detail (older events may carry a reason no longer given). */
export function reasonLabel(t: (k: MessageKey) => string, reason: string | null | undefined): string {
  if (!reason) return '';
  return reason in REASONS ? t(REASONS[reason as NextTaskReason]) : reason;
}
