import type { ReviewSettings } from '../../api/types';
import { useT } from '../../app/i18n';

export interface SettingsValue {
  overlap: number;
  leaseMinutes: number;
  review: ReviewSettings;
  /** 0..1: the share of each labeler's tasks that are gold items (control tasks). */
  goldRate: number;
  /** Automatic pause by gold accuracy; null or absent: off. */
  autoPause?: { minGoldAnswers: number; minAccuracy: number } | null;
  /** How the export merges overlapping approved results; null or absent: every result is exported. */
  consensus?: Consensus | null;
}

export type Consensus = 'MAJORITY' | 'BEST_GOLD' | 'REVIEWER';

function FieldError({ messages, id }: { messages?: string[]; id: string }) {
  if (!messages?.length) return null;
  return (
    <span className="field-errors inline-error" role="alert" id={id}>
      {messages.join(' ')}
    </span>
  );
}

/**
 * One number input with its label, help and errors. A percent row shows a 0..1 share as 0..100 and hands back the
 * share (clamped to 0..100 %).
 */
function NumberRow(props: {
  label: string;
  value: number;
  onChange: (n: number) => void;
  min: number;
  max: number;
  percent?: boolean;
  help?: string;
  errors?: string[];
  errorId: string;
  testId: string;
}) {
  const { percent } = props;
  return (
    <label className="form-row">
      <span>{props.label}</span>
      <input
        type="number"
        min={props.min}
        max={props.max}
        step={percent ? 1 : undefined}
        value={percent ? Math.round(props.value * 100) : props.value}
        onChange={(e) => {
          const n = Number(e.target.value);
          props.onChange(percent ? Math.min(100, Math.max(0, n)) / 100 : n);
        }}
        aria-invalid={!!props.errors?.length}
        data-testid={props.testId}
      />
      {props.help ? <span className="small muted">{props.help}</span> : null}
      <FieldError messages={props.errors} id={props.errorId} />
    </label>
  );
}

/** Overlap, lease minutes, review mode and gold rate — shared by "New project" and the project's settings. */
export function SettingsFields({ value, onChange, errors = {} }: { value: SettingsValue; onChange: (v: SettingsValue) => void; errors?: Record<string, string[]> }) {
  const t = useT();
  const sample = value.review.mode === 'SAMPLE';
  const adaptive = value.review.mode === 'ADAPTIVE';
  const review = (patch: Partial<ReviewSettings>) => onChange({ ...value, review: { ...value.review, ...patch } });
  return (
    <div className="settings-grid">
      <NumberRow
        label={t('settings.overlap')}
        value={value.overlap}
        onChange={(overlap) => onChange({ ...value, overlap })}
        min={1}
        max={20}
        help={t('settings.overlapHelp')}
        errors={errors.overlap}
        errorId="err-overlap"
        testId="settings-overlap"
      />
      <NumberRow
        label={t('settings.lease')}
        value={value.leaseMinutes}
        onChange={(leaseMinutes) => onChange({ ...value, leaseMinutes })}
        min={1}
        max={1440}
        errors={errors.leaseMinutes}
        errorId="err-lease"
        testId="settings-lease"
      />
      <label className="form-row">
        <span>{t('settings.reviewMode')}</span>
        <select
          aria-label={t('settings.reviewMode')}
          value={value.review.mode}
          onChange={(e) => onChange({ ...value, review: reviewDefaults(e.target.value as ReviewSettings['mode'], value.review) })}
          data-testid="settings-review-mode"
        >
          <option value="FULL">{t('settings.reviewFull')}</option>
          <option value="SAMPLE">{t('settings.reviewSample')}</option>
          <option value="ADAPTIVE">{t('settings.reviewAdaptive')}</option>
        </select>
        {adaptive ? <span className="small muted">{t('settings.reviewAdaptiveHelp')}</span> : null}
        <FieldError messages={errors['review.mode'] ?? errors.review} id="err-review" />
      </label>
      <NumberRow
        label={t('settings.goldRate')}
        value={value.goldRate ?? 0}
        onChange={(goldRate) => onChange({ ...value, goldRate })}
        min={0}
        max={100}
        percent
        help={t('settings.goldRateHelp')}
        errors={errors.goldRate}
        errorId="err-gold"
        testId="settings-gold-rate"
      />
      <label className="check form-row">
        <input
          type="checkbox"
          checked={!!value.autoPause}
          onChange={(e) => onChange({ ...value, autoPause: e.target.checked ? { minGoldAnswers: 10, minAccuracy: 0.8 } : null })}
          data-testid="settings-auto-pause"
        />
        <span>{t('settings.autoPause')}</span>
        <span className="small muted">{t('settings.autoPauseHelp')}</span>
        <FieldError messages={errors.autoPause} id="err-auto-pause" />
      </label>
      {value.autoPause ? (
        <>
          <NumberRow
            label={t('settings.autoPauseMinGold')}
            value={value.autoPause.minGoldAnswers}
            onChange={(minGoldAnswers) => onChange({ ...value, autoPause: { ...value.autoPause!, minGoldAnswers } })}
            min={1}
            max={100000}
            errors={errors['autoPause.minGoldAnswers']}
            errorId="err-auto-pause-gold"
            testId="settings-auto-pause-min-gold"
          />
          <NumberRow
            label={t('settings.autoPauseMinAccuracy')}
            value={value.autoPause.minAccuracy}
            onChange={(minAccuracy) => onChange({ ...value, autoPause: { ...value.autoPause!, minAccuracy } })}
            min={1}
            max={100}
            percent
            errors={errors['autoPause.minAccuracy']}
            errorId="err-auto-pause-accuracy"
            testId="settings-auto-pause-min-accuracy"
          />
        </>
      ) : null}
      <label className="form-row">
        <span>{t('settings.consensus')}</span>
        <select
          aria-label={t('settings.consensus')}
          value={value.consensus ?? ''}
          onChange={(e) => onChange({ ...value, consensus: e.target.value === '' ? null : (e.target.value as Consensus) })}
          data-testid="settings-consensus"
        >
          <option value="">{t('settings.consensusNone')}</option>
          <option value="MAJORITY">{t('settings.consensusMajority')}</option>
          <option value="BEST_GOLD">{t('settings.consensusBestGold')}</option>
          <option value="REVIEWER">{t('settings.consensusReviewer')}</option>
        </select>
        <span className="small muted">{t('settings.consensusHelp')}</span>
        <FieldError messages={errors.consensus} id="err-consensus" />
      </label>
      {sample ? (
        <NumberRow
          label={t('settings.sampleRate')}
          value={value.review.sampleRate ?? 0}
          onChange={(sampleRate) => onChange({ ...value, review: { mode: 'SAMPLE', sampleRate } })}
          min={0}
          max={100}
          percent
          errors={errors['review.sampleRate']}
          errorId="err-sample"
          testId="settings-sample-rate"
        />
      ) : null}
      {adaptive ? (
        <>
          <NumberRow
            label={t('settings.adaptiveBase')}
            value={value.review.sampleRate ?? 0}
            onChange={(sampleRate) => review({ sampleRate })}
            min={1}
            max={100}
            percent
            errors={errors['review.sampleRate']}
            errorId="err-adaptive-base"
            testId="settings-adaptive-base"
          />
          <NumberRow
            label={t('settings.adaptiveMin')}
            value={value.review.minRate ?? 0}
            onChange={(minRate) => review({ minRate })}
            min={1}
            max={100}
            percent
            errors={errors['review.minRate']}
            errorId="err-adaptive-min"
            testId="settings-adaptive-min"
          />
          <NumberRow
            label={t('settings.adaptiveMax')}
            value={value.review.maxRate ?? 1}
            onChange={(maxRate) => review({ maxRate })}
            min={1}
            max={100}
            percent
            errors={errors['review.maxRate']}
            errorId="err-adaptive-max"
            testId="settings-adaptive-max"
          />
          <NumberRow
            label={t('settings.adaptiveWindow')}
            value={value.review.window ?? 50}
            onChange={(window) => review({ window })}
            min={1}
            max={1000}
            help={t('settings.adaptiveWindowHelp')}
            errors={errors['review.window']}
            errorId="err-adaptive-window"
            testId="settings-adaptive-window"
          />
        </>
      ) : null}
    </div>
  );
}

/** The review settings when the mode changes: each mode's own figures, with defaults for the new ones. */
function reviewDefaults(mode: ReviewSettings['mode'], was: ReviewSettings): ReviewSettings {
  if (mode === 'SAMPLE') return { mode, sampleRate: was.sampleRate != null && was.mode !== 'FULL' ? was.sampleRate : 0.2 };
  if (mode === 'ADAPTIVE') {
    return { mode, sampleRate: was.mode === 'SAMPLE' ? (was.sampleRate ?? 0.3) : 0.3, minRate: 0.1, maxRate: 1, window: 50 };
  }
  return { mode: 'FULL', sampleRate: null };
}

/**
 * FULL review means every task, i.e. a sample rate of 1 — sent explicitly, because the server reads
 * `sampleRate` as a plain number and refuses a review object without it.
 */
export function reviewPayload(review: ReviewSettings): ReviewSettings {
  if (review.mode === 'ADAPTIVE') {
    return {
      mode: 'ADAPTIVE',
      sampleRate: review.sampleRate ?? 0.3,
      minRate: review.minRate ?? 0.1,
      maxRate: review.maxRate ?? 1,
      window: review.window ?? 50,
    };
  }
  return review.mode === 'SAMPLE' ? { mode: 'SAMPLE', sampleRate: review.sampleRate ?? 0.2 } : { mode: 'FULL', sampleRate: 1 };
}
