import { useEffect, useState } from 'react';
import { useT } from '../../app/i18n';

export function formatRemaining(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  const mm = String(m).padStart(h ? 2 : 1, '0');
  const ss = String(sec).padStart(2, '0');
  return h ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}

/** Time left on a lease, ticking each second; warns in the last minute. */
export function LeaseCountdown({ expiresAt, onExpire }: { expiresAt: string | null | undefined; onExpire?: () => void }) {
  const t = useT();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const end = expiresAt ? Date.parse(expiresAt) : NaN;
  const left = Number.isNaN(end) ? null : end - now;
  const expired = left != null && left <= 0;
  useEffect(() => {
    if (expired) onExpire?.();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- onExpire is told once, when the lease runs out, not whenever the parent re-renders
  }, [expired]);
  if (left == null) return null;
  return (
    <span className={`lease${expired ? ' expired' : left < 60_000 ? ' warn' : ''}`} data-testid="lease-countdown" role="timer" aria-live="off">
      {expired ? t('label.leaseExpiredShort') : t('label.leaseLeft', { time: formatRemaining(left) })}
    </span>
  );
}
