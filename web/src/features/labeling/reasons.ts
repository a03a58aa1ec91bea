import type { MessageKey } from '../../app/messages';

// No 'gold': a control item looks like any other task to its labeler, and the server never says otherwise.
const REASONS: Record<string, MessageKey> = {
  rework: 'reason.rework',
  'held-lease': 'reason.held-lease',
  overlap: 'reason.overlap',
  order: 'reason.order',
};

export function reasonLabel(t: (k: MessageKey) => string, reason: string | null | undefined): string {
  if (!reason) return '';
  return REASONS[reason] ? t(REASONS[reason]) : reason;
}
