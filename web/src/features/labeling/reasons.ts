import type { MessageKey } from '../../app/messages';

const REASONS: Record<string, MessageKey> = {
  rework: 'reason.rework',
  'held-lease': 'reason.held-lease',
  overlap: 'reason.overlap',
  order: 'reason.order',
  gold: 'reason.gold',
};

export function reasonLabel(t: (k: MessageKey) => string, reason: string | null | undefined): string {
  if (!reason) return '';
  return REASONS[reason] ? t(REASONS[reason]) : reason;
}
