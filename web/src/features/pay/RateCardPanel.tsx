import { useEffect, useState } from 'react';
import { ApiError } from '../../api/client';
import { pay, type RateCardInput } from '../../api/pay';
import { splitFieldErrors, useApiAction, useApiQuery } from '../../api/query';
import type { LabelSchema } from '../../api/types';
import { formatDateTime } from '../../app/datetime';
import { useI18n } from '../../app/i18n';
import { useSaidFieldErrors } from '../../app/serverText';
import { ErrorMessage, Loading } from '../../app/ui';
import { won } from './money';

interface Form {
  labelerPerTask: string;
  reviewerPerDecision: string;
  perUnit: Record<string, string>;
  goldRate: string;
  correctionShare: string;
}

const EMPTY: Form = { labelerPerTask: '0', reviewerPerDecision: '0', perUnit: {}, goldRate: '', correctionShare: '0' };

/** A typed number stays what was typed (1.5 too): the server refuses what is not whole won and names the field. */
const num = (s: string) => Number(s.trim());

function Errors({ messages }: { messages?: string[] }) {
  if (!messages?.length) return null;
  return (
    <span className="field-errors inline-error" role="alert">
      {messages.join(' ')}
    </span>
  );
}

/** The project's rate card for its managers: the version in force, and a form that saves the next version. */
export function RateCardPanel({ projectId, schema }: { projectId: number; schema: LabelSchema }) {
  const { t, lang } = useI18n();
  const card = useApiQuery(['projects', projectId, 'rate-card'], () =>
    pay.rateCard(projectId).catch((e: unknown) => {
      if (e instanceof ApiError && e.status === 404) return null;
      throw e;
    }),
  );
  const [form, setForm] = useState<Form>(EMPTY);
  const current = card.data;
  useEffect(() => {
    if (!current) return;
    setForm({
      labelerPerTask: String(current.labelerPerTask),
      reviewerPerDecision: String(current.reviewerPerDecision),
      perUnit: Object.fromEntries(Object.entries(current.perUnit ?? {}).map(([k, v]) => [k, String(v)])),
      goldRate: current.goldRate == null ? '' : String(current.goldRate),
      correctionShare: String(current.correctionShare),
    });
  }, [current]);
  const save = useApiAction((body: RateCardInput) => pay.putRateCard(projectId, body), {
    onSuccess: (saved) => card.setData(saved),
  });
  // The server's errors[] carry codes: each is said in the reader's language beside its field.
  const sayErrors = useSaidFieldErrors();
  const { fieldErrors, error } = splitFieldErrors(save.error, (e) => sayErrors(e.errors));

  const submit = () => {
    const perUnit: Record<string, number> = {};
    for (const [k, v] of Object.entries(form.perUnit)) if (v.trim() !== '' && num(v) !== 0) perUnit[k] = num(v);
    void save.run({
      labelerPerTask: num(form.labelerPerTask),
      reviewerPerDecision: num(form.reviewerPerDecision),
      perUnit,
      goldRate: form.goldRate.trim() === '' ? null : num(form.goldRate),
      correctionShare: num(form.correctionShare),
    });
  };
  const row = (key: 'labelerPerTask' | 'reviewerPerDecision' | 'goldRate' | 'correctionShare', label: string, unit = '₩') => (
    <label className="form-row">
      <span>{label}</span>
      <span className="row">
        <input
          type="number"
          min={0}
          step={1}
          value={form[key]}
          onChange={(e) => setForm({ ...form, [key]: e.target.value })}
          aria-invalid={!!fieldErrors[key]?.length}
          data-testid={`rate-${key}`}
        />
        <span className="muted">{unit}</span>
      </span>
      <Errors messages={fieldErrors[key]} />
    </label>
  );

  return (
    <section className="card" aria-labelledby="rate-card-title" data-testid="rate-card-panel">
      <h2 id="rate-card-title">{t('pay.card.title')}</h2>
      {card.loading && card.data === undefined ? <Loading /> : null}
      <ErrorMessage error={card.error} onRetry={card.reload} />
      {current ? (
        <p className="small muted" data-testid="rate-card-version">
          {t('pay.card.version', {
            version: current.version,
            by: current.createdBy,
            at: formatDateTime(lang, current.createdAt),
          })}{' '}
          · {won(current.labelerPerTask)} / {won(current.reviewerPerDecision)}
        </p>
      ) : card.data === null ? (
        <p className="notice" data-testid="rate-card-none">
          {t('pay.card.none')}
        </p>
      ) : null}
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        {row('labelerPerTask', t('pay.card.labelerPerTask'))}
        {row('reviewerPerDecision', t('pay.card.reviewerPerDecision'))}
        <fieldset>
          <legend>{t('pay.card.perUnit')}</legend>
          {schema.fields.map((f) => (
            <label className="form-row" key={f.name}>
              <span>
                {f.name} <span className="small muted">{f.type}</span>
              </span>
              <input
                type="number"
                min={0}
                step={1}
                value={form.perUnit[f.name] ?? ''}
                onChange={(e) => setForm({ ...form, perUnit: { ...form.perUnit, [f.name]: e.target.value } })}
                aria-invalid={!!fieldErrors[`perUnit.${f.name}`]?.length}
                data-testid={`rate-perUnit-${f.name}`}
              />
              <Errors messages={fieldErrors[`perUnit.${f.name}`]} />
            </label>
          ))}
        </fieldset>
        {row('goldRate', t('pay.card.goldRate'))}
        {row('correctionShare', t('pay.card.correctionShare'), '%')}
        <p className="small muted">{t('pay.card.note')}</p>
        <ErrorMessage error={error} />
        <button type="submit" className="btn primary" disabled={save.busy} data-testid="rate-card-save">
          {save.busy ? t('common.saving') : t('pay.card.save')}
        </button>
      </form>
    </section>
  );
}
