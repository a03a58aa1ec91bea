import { useCallback, useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { academy, type Attempt, type AttemptResult } from '../../api/academy';
import { ApiError } from '../../api/client';
import type { AnnotationResult } from '../../api/types';
import { Annotator } from '../../annotator/Annotator';
import { enterHasOwnMeaning, useShortcut } from '../../annotator/core/shortcuts';
import { useAutosave } from '../../annotator/core/autosave';
import { useAnnotationStore } from '../../annotator/core/store';
import { useI18n } from '../../app/i18n';
import { useServerText } from '../../app/serverText';
import { ErrorMessage, Loading, PageHeader } from '../../app/ui';
import { useApiAction, useApiQuery } from '../../api/query';
import { resultFieldErrors } from '../labeling/queue';
import { AnswerCell } from './ExamResult';
import { formatCountdown, useNow } from './time';

export const ANSWER_SAVE_DELAY_MS = 600;

/**
 * The exam's score, pass mark and, per item, the answer beside the reference with feedback — the reference and
 * feedback only when the server sends them (no attempt left, or never by the exam's setting).
 */
export function AttemptResultView({ result, attempt }: { result: AttemptResult; attempt?: Attempt | null }) {
  const { t, formatDate } = useI18n();
  const say = useServerText();
  const dataOf = (itemId: number) => attempt?.items.find((i) => i.itemId === itemId)?.data;
  // References (and the feedback that names expected answers) come only once no attempt is left, or never.
  const shown = result.referencesShown !== false;
  return (
    <section className="card stack" aria-labelledby="result-title" data-testid="exam-result" data-passed={result.passed}>
      <h2 id="result-title">{t('exam.result')}</h2>
      <p className="exam-score">
        <strong data-testid="exam-score">{t('exam.scoreLine', { score: Math.round(result.score * 10) / 10, pass: result.passScore })}</strong>{' '}
        <span className={`tag ${result.passed ? 'state-APPROVED' : 'state-REJECTED'}`} data-testid="exam-passed">
          {result.passed ? t('exam.passed') : t('exam.failed')}
        </span>
      </p>
      <p className="muted small">
        {t('exam.submittedAt', { time: formatDate(result.submittedAt) })}
        {result.late ? ` · ${t('exam.late')}` : ''}
      </p>
      {result.referencesShown === false ? (
        <p className="muted small" data-testid="references-withheld">
          {t('exam.referencesWithheld')}
        </p>
      ) : null}
      <ol className="result-items">
        {result.perItem.map((item, i) => {
          const data = dataOf(item.itemId);
          const text = data && typeof data.text === 'string' ? data.text : null;
          return (
            <li key={item.itemId} className="result-item" data-testid="result-item" data-score={item.score}>
              <h3 className="small-heading">
                {t('exam.itemN', { n: i + 1 })} · {t('exam.itemScore', { score: Math.round(item.score * 100) })}
              </h3>
              {text ? <p className="result-text">{text}</p> : null}
              <div className="table-scroll">
                <table className="table">
                  <thead>
                    <tr>
                      <th scope="col">{t('exam.field')}</th>
                      <th scope="col">{t('exam.yourAnswer')}</th>
                      {shown ? <th scope="col">{t('exam.reference')}</th> : null}
                      <th scope="col" className="num">
                        {t('exam.score')}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {(item.fields.length ? item.fields : Object.keys(item.reference ?? {}).map((f) => ({ field: f, type: '', score: null, feedback: null }))).map(
                      (f) => (
                        <tr key={f.field}>
                          <th scope="row">{f.field}</th>
                          <td>
                            <AnswerCell schema={attempt?.schema} data={data} field={f.field} value={item.answer?.[f.field]} />
                          </td>
                          {shown ? (
                            <td>
                              <AnswerCell schema={attempt?.schema} data={data} field={f.field} value={item.reference?.[f.field]} />
                            </td>
                          ) : null}
                          <td className="num">{f.score == null ? '—' : Math.round(f.score * 100)}</td>
                        </tr>
                      ),
                    )}
                  </tbody>
                </table>
              </div>
              {item.feedback ? (
                <p className="small" data-testid="item-feedback">
                  {item.answer == null || !item.fields.length
                    ? say.feedback({ code: item.answer == null ? 'score.notAnswered' : null, feedback: item.feedback })
                    : item.fields.map((f) => `${f.field}: ${say.feedback(f)}`).join('; ')}
                </p>
              ) : null}
            </li>
          );
        })}
      </ol>
    </section>
  );
}

/**
 * One attempt, item by item, in the same labeling form the workers use. Each item's answer is saved a moment after
 * the last edit (and at once when moving on); the countdown submits by itself at the deadline.
 */
export function AttemptRunner({ attempt, onResult }: { attempt: Attempt; onResult: (r: AttemptResult) => void }) {
  const { t, lang } = useI18n();
  const items = [...attempt.items].sort((a, b) => a.position - b.position);
  const [index, setIndex] = useState(0);
  const [answers, setAnswers] = useState<Record<string, AnnotationResult>>(() => ({ ...(attempt.answers ?? {}) }));
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  // A failed autosave that is not about the answer's fields (a 422 goes on the fields).
  const [saveError, setSaveError] = useState<unknown>(null);
  const store = useAnnotationStore(attempt.answers?.[String(items[0]?.itemId)] ?? {});
  const submitted = useRef(false);
  const [confirming, setConfirming] = useState(false);
  const now = useNow(1000);
  const left = Date.parse(attempt.deadline) - now;
  const item = items[index];

  // Each item's answer saves a moment after the last edit, and at once (flush) when moving on or submitting.
  const { state: saveState, flush } = useAutosave(store, item?.itemId, {
    save: (itemId, value) => academy.saveAnswer(attempt.attemptId, itemId, value),
    delayMs: ANSWER_SAVE_DELAY_MS,
    onSaved: () => setFieldErrors({}),
    onFailed: (_itemId, e) => {
      if (e instanceof ApiError && e.status === 422) setFieldErrors(resultFieldErrors(e, lang));
      else setSaveError(e);
    },
  });

  const go = async (next: number) => {
    if (next < 0 || next >= items.length || next === index) return;
    // What is on screen is this item's answer, whether or not its save has landed yet.
    const current = { ...answers };
    if (store.revision > 0 || item.itemId in current) current[String(item.itemId)] = store.value;
    setAnswers(current);
    await flush();
    setFieldErrors({});
    store.reset(current[String(items[next].itemId)] ?? {});
    setIndex(next);
  };

  const send = useApiAction(
    async () => {
      await flush();
      return academy.submit(attempt.attemptId);
    },
    { onSuccess: (r) => onResult(r) },
  );
  const { run: runSend } = send;
  const submitting = send.busy;
  const error = send.error ?? saveError;
  const submit = useCallback(async () => {
    if (submitted.current) return;
    submitted.current = true;
    setSaveError(null);
    // A failed submit may be tried again.
    if ((await runSend()) === undefined) submitted.current = false;
  }, [runSend]);

  // The deadline submits what was saved.
  useEffect(() => {
    if (left <= 0 && !submitted.current) void submit();
  }, [left <= 0]); // eslint-disable-line react-hooks/exhaustive-deps -- fires once, when the time runs out

  useShortcut(
    ['enter'],
    (_c, e) => {
      if (enterHasOwnMeaning(e.target)) return false;
      if (index < items.length - 1) void go(index + 1);
      else return false;
    },
    { enabled: !submitting },
  );

  if (!item) return <p className="empty">{t('exam.noItems')}</p>;
  const answered = (id: number) => {
    const a = id === item.itemId ? store.value : answers[String(id)];
    return !!a && Object.keys(a).length > 0;
  };
  const unanswered = items.filter((i) => !answered(i.itemId)).length;

  return (
    <div className="stack exam-runner" data-testid="exam-runner" data-attempt-id={attempt.attemptId}>
      <div className="work-head row wrap space-between">
        <h2 data-testid="exam-item-title">{t('exam.itemOf', { n: index + 1, total: items.length })}</h2>
        <div className="work-status row wrap">
          <span className={`lease${left <= 0 ? ' expired' : left < 60_000 ? ' warn' : ''}`} role="timer" aria-live="off" data-testid="exam-countdown">
            {left <= 0 ? t('exam.timeUp') : t('exam.timeLeft', { time: formatCountdown(left) })}
          </span>
          <span className={`save-state ${saveState}`} aria-live="polite" data-testid="answer-save-state">
            {saveState === 'saving' || saveState === 'pending'
              ? t('label.saving')
              : saveState === 'saved'
                ? t('exam.answerSaved')
                : saveState === 'failed'
                  ? t('exam.answerNotSaved')
                  : ''}
          </span>
        </div>
      </div>
      <nav aria-label={t('exam.items')}>
        <ol className="row wrap exam-nav">
          {items.map((it, i) => (
            <li key={it.itemId}>
              <button
                type="button"
                className={`btn small${i === index ? ' primary' : ''}`}
                aria-current={i === index ? 'step' : undefined}
                onClick={() => void go(i)}
              >
                {/* The name starts with the number shown (WCAG 2.5.3 label in name); the rest is for screen readers. */}
                {i + 1}
                {' '}
                <span className="visually-hidden">{`· ${t('exam.itemN', { n: i + 1 })}${answered(it.itemId) ? ` (${t('exam.answered')})` : ''}`}</span>
                {answered(it.itemId) ? <span aria-hidden="true"> ✓</span> : null}
              </button>
            </li>
          ))}
        </ol>
      </nav>
      <div className="card" data-item-id={item.itemId} data-testid="exam-item">
        <Annotator key={item.itemId} schema={attempt.schema} data={item.data} store={store} errors={fieldErrors} />
      </div>
      <ErrorMessage error={error} />
      <div className="row wrap work-actions">
        <button type="button" className="btn" onClick={() => void go(index - 1)} disabled={index === 0}>
          {t('exam.previous')}
        </button>
        <button type="button" className="btn" onClick={() => void go(index + 1)} disabled={index >= items.length - 1} data-testid="exam-next">
          {t('exam.next')} <kbd lang="en">Enter</kbd>
        </button>
        <span className="spacer" />
        {unanswered > 0 ? <span className="muted small">{t('exam.unanswered', { n: unanswered })}</span> : null}
        <button
          type="button"
          className="btn primary"
          // Items left unanswered score nothing: ask first (the deadline still submits by itself).
          onClick={() => (unanswered > 0 ? setConfirming(true) : void submit())}
          disabled={submitting || confirming}
          data-testid="exam-submit"
        >
          {submitting ? t('exam.submitting') : t('exam.submit')}
        </button>
      </div>
      {confirming ? (
        <div className="card confirm-box" role="alertdialog" aria-labelledby="exam-confirm-text" data-testid="exam-submit-confirm">
          <p id="exam-confirm-text">{t('exam.confirmUnanswered', { n: unanswered })}</p>
          <div className="row">
            <button type="button" className="btn primary" onClick={() => { setConfirming(false); void submit(); }} data-testid="exam-submit-anyway">
              {t('exam.submitAnyway')}
            </button>
            <button type="button" className="btn" autoFocus onClick={() => setConfirming(false)}>
              {t('exam.keepAnswering')}
            </button>
          </div>
        </div>
      ) : null}
    </div>
  );
}

/** /academy/exams/:id — the exam's rules, then an attempt (a new one or the one still running). */
export function ExamPage() {
  const { t } = useI18n();
  const { id } = useParams();
  const examId = Number(id);
  const navigate = useNavigate();
  const summary = useApiQuery(['exams', examId], async () => (await academy.exams()).find((e) => e.id === examId) ?? null);
  const [attempt, setAttempt] = useState<Attempt | null>(null);
  const [result, setResult] = useState<AttemptResult | null>(null);
  const startAttempt = useApiAction(academy.startAttempt, { onSuccess: (a) => setAttempt(a) });
  const { busy, error } = startAttempt;
  const s = summary.data;
  const start = () => void startAttempt.run(examId);

  return (
    <section className="stack">
      <p className="crumbs">
        <Link to="/academy/me">{t('nav.myAcademy')}</Link>
      </p>
      <PageHeader title={attempt?.examName ?? s?.name ?? t('exam.title')} />
      {summary.loading && !s ? <Loading /> : null}
      <ErrorMessage error={summary.error} onRetry={summary.reload} />
      {result ? (
        <>
          <AttemptResultView result={result} attempt={attempt} />
          <button type="button" className="btn" onClick={() => navigate('/academy/me')}>
            {t('exam.backToAcademy')}
          </button>
        </>
      ) : attempt ? (
        <AttemptRunner attempt={attempt} onResult={setResult} />
      ) : s || summary.data === null ? (
        <div className="card stack" data-testid="exam-intro">
          {s ? (
            <ul className="small">
              <li>{t('exam.itemsCount', { n: s.itemCount })}</li>
              <li>{t('exam.timeLimit', { n: s.timeLimitMinutes })}</li>
              <li>{t('exam.passScore', { n: s.passScore })}</li>
              <li>{t('exam.attemptsUsed', { used: s.attemptsUsed, max: s.maxAttempts })}</li>
              {s.bestScore != null ? <li>{t('exam.best', { score: Math.round(s.bestScore * 10) / 10 })}</li> : null}
            </ul>
          ) : null}
          <p className="muted">{t('exam.howTo')}</p>
          <ErrorMessage error={error} />
          <div>
            <button type="button" className="btn primary" onClick={start} disabled={busy || (!!s && s.attemptsUsed >= s.maxAttempts)} data-testid="exam-start">
              {t('exam.start')}
            </button>
          </div>
        </div>
      ) : null}
    </section>
  );
}

/** /academy/attempts/:id — a submitted attempt's result, or the attempt itself while it runs. */
export function AttemptPage() {
  const { t } = useI18n();
  const { id } = useParams();
  const view = useApiQuery(['attempts', Number(id)], () => academy.attempt(Number(id)));
  const [result, setResult] = useState<AttemptResult | null>(null);
  const v = view.data;
  return (
    <section className="stack">
      <p className="crumbs">
        <Link to="/academy/me">{t('nav.myAcademy')}</Link>
      </p>
      <PageHeader title={v?.attempt.examName ?? t('exam.title')} />
      {view.loading && !v ? <Loading /> : null}
      <ErrorMessage error={view.error} onRetry={view.reload} />
      {v && (result ?? v.result) ? (
        <AttemptResultView result={(result ?? v.result)!} attempt={v.attempt} />
      ) : v ? (
        <AttemptRunner attempt={v.attempt} onResult={setResult} />
      ) : null}
    </section>
  );
}
