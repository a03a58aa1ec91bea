import type { ReactNode } from 'react';
import { ApiError } from '../api/client';
import { useI18n, useT } from './i18n';
import type { MessageKey } from './messages';
import { sayCode, sayFieldError, sayFieldPath } from './serverText';

export function Loading({ label }: { label?: string }) {
  const t = useT();
  return (
    <p className="loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      {label ?? t('common.loading')}
    </p>
  );
}

/**
 * Turns any thrown thing into words for people; problem-detail `errors[]` are listed, each worded by its code in the
 * reader's language (the server's English when it has none). `fieldLabels` (field name → the name the form shows)
 * says `result.topic[2]` as `Topic · #3`.
 */
export function ErrorMessage({ error, onRetry, fieldLabels }: { error: unknown; onRetry?: () => void; fieldLabels?: Record<string, string> }) {
  const { t, lang } = useI18n();
  if (!error) return null;
  let title = t('error.generic');
  let detail: string | undefined;
  let items: string[] = [];
  if (error instanceof ApiError) {
    const known: Record<number, MessageKey> = {
      0: 'error.network',
      401: 'error.401',
      403: 'error.403',
      404: 'error.404',
      409: 'error.409',
      413: 'error.413',
      429: 'error.429',
    };
    title = known[error.status] ? t(known[error.status]) : error.title;
    detail = error.detail && error.detail !== title ? error.detail : undefined;
    // A coded sentence is said in the reader's language; the server's English detail is the fallback.
    const { code, params } = error.problem;
    if (typeof code === 'string') detail = sayCode(lang, code, params && typeof params === 'object' ? (params as Record<string, unknown>) : {}, detail ?? '') || undefined;
    items = error.errors.map((e) => {
      const said = sayFieldError(lang, e);
      return e.line != null ? `${t('error.line', { line: e.line })}: ${said}` : e.field ? `${sayFieldPath(lang, e.field, fieldLabels)}: ${said}` : said;
    });
    // A one-field problem says the same sentence as its one field error: said once, beside the field it names.
    const only = error.errors.length === 1 ? error.errors[0] : undefined;
    if (only && ((typeof code === 'string' && only.code === code) || (error.detail && only.message === error.detail))) detail = undefined;
  } else if (error instanceof Error) {
    detail = error.message;
  }
  return (
    <div className="error-box" role="alert">
      <strong>{title}</strong>
      {detail ? <p>{detail}</p> : null}
      {items.length ? (
        <ul>
          {items.map((m, i) => (
            <li key={i}>{m}</li>
          ))}
        </ul>
      ) : null}
      {onRetry ? (
        <button type="button" className="btn small" onClick={onRetry}>
          {t('common.retry')}
        </button>
      ) : null}
    </div>
  );
}

/** A labelled progress bar; `value` of `max`. Indeterminate when max is 0 or value is null. */
export function ProgressBar({ value, max, label, testId }: { value: number | null; max: number; label: string; testId?: string }) {
  const pct = value == null || max <= 0 ? null : Math.max(0, Math.min(100, (value / max) * 100));
  return (
    <div className="progress" data-testid={testId}>
      <div
        className={`progress-track${pct == null ? ' indeterminate' : ''}`}
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={max > 0 ? max : undefined}
        aria-valuenow={value ?? undefined}
      >
        <div className="progress-fill" style={{ width: pct == null ? undefined : `${pct}%` }} />
      </div>
    </div>
  );
}

export function PageHeader({ title, children }: { title: ReactNode; children?: ReactNode }) {
  return (
    <div className="page-header">
      <h1>{title}</h1>
      {children ? <div className="page-actions">{children}</div> : null}
    </div>
  );
}

/**
 * A table's header row: one column header per entry, then (with `actions`) the buttons' column, named for screen
 * readers only.
 */
export function TableHead({ columns, actions = false }: { columns: ReactNode[]; actions?: boolean }) {
  const t = useT();
  return (
    <thead>
      <tr>
        {columns.map((c, i) => (
          <th key={i} scope="col">
            {c}
          </th>
        ))}
        {actions ? (
          <th scope="col">
            <span className="visually-hidden">{t('common.actions')}</span>
          </th>
        ) : null}
      </tr>
    </thead>
  );
}
