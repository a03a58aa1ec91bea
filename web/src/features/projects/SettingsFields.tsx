import type { ReviewSettings } from '../../api/types';
import { useT } from '../../app/i18n';

export interface SettingsValue {
  overlap: number;
  leaseMinutes: number;
  review: ReviewSettings;
  /** 0..1: the share of each labeler's tasks that are gold items (control tasks). */
  goldRate: number;
}

function FieldError({ messages, id }: { messages?: string[]; id: string }) {
  if (!messages?.length) return null;
  return (
    <span className="field-errors inline-error" role="alert" id={id}>
      {messages.join(' ')}
    </span>
  );
}

/** Overlap, lease minutes, review mode and gold rate — shared by "New project" and the project's settings. */
export function SettingsFields({ value, onChange, errors = {} }: { value: SettingsValue; onChange: (v: SettingsValue) => void; errors?: Record<string, string[]> }) {
  const t = useT();
  const sample = value.review.mode === 'SAMPLE';
  return (
    <div className="settings-grid">
      <label className="form-row">
        <span>{t('settings.overlap')}</span>
        <input
          type="number"
          min={1}
          max={20}
          value={value.overlap}
          onChange={(e) => onChange({ ...value, overlap: Number(e.target.value) })}
          aria-invalid={!!errors.overlap}
          data-testid="settings-overlap"
        />
        <span className="small muted">{t('settings.overlapHelp')}</span>
        <FieldError messages={errors.overlap} id="err-overlap" />
      </label>
      <label className="form-row">
        <span>{t('settings.lease')}</span>
        <input
          type="number"
          min={1}
          max={1440}
          value={value.leaseMinutes}
          onChange={(e) => onChange({ ...value, leaseMinutes: Number(e.target.value) })}
          aria-invalid={!!errors.leaseMinutes}
          data-testid="settings-lease"
        />
        <FieldError messages={errors.leaseMinutes} id="err-lease" />
      </label>
      <label className="form-row">
        <span>{t('settings.reviewMode')}</span>
        <select
          aria-label={t('settings.reviewMode')}
          value={value.review.mode}
          onChange={(e) => onChange({ ...value, review: { mode: e.target.value as ReviewSettings['mode'], sampleRate: e.target.value === 'SAMPLE' ? (value.review.sampleRate ?? 0.2) : null } })}
          data-testid="settings-review-mode"
        >
          <option value="FULL">{t('settings.reviewFull')}</option>
          <option value="SAMPLE">{t('settings.reviewSample')}</option>
        </select>
        <FieldError messages={errors['review.mode'] ?? errors.review} id="err-review" />
      </label>
      <label className="form-row">
        <span>{t('settings.goldRate')}</span>
        <input
          type="number"
          min={0}
          max={100}
          step={1}
          value={Math.round((value.goldRate ?? 0) * 100)}
          onChange={(e) => onChange({ ...value, goldRate: Math.min(100, Math.max(0, Number(e.target.value))) / 100 })}
          aria-invalid={!!errors.goldRate}
          data-testid="settings-gold-rate"
        />
        <span className="small muted">{t('settings.goldRateHelp')}</span>
        <FieldError messages={errors.goldRate} id="err-gold" />
      </label>
      {sample ? (
        <label className="form-row">
          <span>{t('settings.sampleRate')}</span>
          <input
            type="number"
            min={0}
            max={100}
            step={1}
            value={Math.round((value.review.sampleRate ?? 0) * 100)}
            onChange={(e) => onChange({ ...value, review: { mode: 'SAMPLE', sampleRate: Number(e.target.value) / 100 } })}
            data-testid="settings-sample-rate"
          />
          <FieldError messages={errors['review.sampleRate']} id="err-sample" />
        </label>
      ) : null}
    </div>
  );
}

/**
 * FULL review means every task, i.e. a sample rate of 1 — sent explicitly, because the server reads
 * `sampleRate` as a plain number and refuses a review object without it.
 */
export function reviewPayload(review: ReviewSettings): ReviewSettings {
  return review.mode === 'SAMPLE' ? { mode: 'SAMPLE', sampleRate: review.sampleRate ?? 0.2 } : { mode: 'FULL', sampleRate: 1 };
}
