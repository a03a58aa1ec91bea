import type { Funnel, FunnelStepName } from '../../api/academy';
import { useT } from '../../app/i18n';
import type { MessageKey } from '../../app/messages';
import { percent } from './time';

export const STEP_KEYS: Record<FunnelStepName, MessageKey> = {
  registered: 'funnel.registered',
  attended: 'funnel.attended',
  completed: 'funnel.completed',
  examPassed: 'funnel.examPassed',
  placed: 'funnel.placed',
  active: 'funnel.active',
};

/** The cohort funnel as horizontal SVG bars (same look as the project charts), each with its count and share. */
export function FunnelChart({ funnel }: { funnel: Funnel }) {
  const t = useT();
  const steps = funnel.steps;
  const max = Math.max(1, ...steps.map((s) => s.count));
  const W = 640;
  const rowH = 30;
  const pad = { l: 150, r: 90, t: 6, b: 6 };
  const H = pad.t + pad.b + steps.length * rowH;
  const plotW = W - pad.l - pad.r;
  const name = (s: FunnelStepName) => (STEP_KEYS[s] ? t(STEP_KEYS[s]) : s);
  return (
    <figure className="chart funnel-chart" data-testid="funnel-chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby="funnel-title funnel-desc" preserveAspectRatio="xMidYMid meet">
        <title id="funnel-title">{t('funnel.title')}</title>
        <desc id="funnel-desc">{steps.map((s) => `${name(s.step)}: ${s.count} (${percent(s.shareOfRegistered)})`).join('; ')}</desc>
        {steps.map((s, i) => {
          const y = pad.t + i * rowH;
          const w = (s.count / max) * plotW;
          return (
            <g key={s.step}>
              <text x={pad.l - 8} y={y + rowH / 2 + 4} textAnchor="end" className="axis">
                {name(s.step)}
              </text>
              <rect x={pad.l} y={y + 4} width={Math.max(w, s.count ? 2 : 0)} height={rowH - 8} className="bar approved">
                <title>{`${name(s.step)}: ${s.count}`}</title>
              </rect>
              <text x={pad.l + w + 6} y={y + rowH / 2 + 4} className="axis">
                {`${s.count} · ${percent(s.shareOfRegistered)}`}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
