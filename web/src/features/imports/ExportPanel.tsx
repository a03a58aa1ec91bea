import { useState, type MouseEvent } from 'react';
import { exports_ } from '../../api/endpoints';
import type { ExportJob } from '../../api/types';
import { formatDateTime, locale } from '../../app/datetime';
import { useI18n, type Lang } from '../../app/i18n';
import { ErrorMessage, ProgressBar } from '../../app/ui';
import { useApiAction, useApiQuery } from '../../api/query';
import { useJob } from './useJob';

const FORMATS = ['jsonl', 'labelstudio', 'aihub-summary', 'conll', 'conll-eojeol', 'conll-morpheme', 'coco', 'yolo', 'voc', 'aihub-image', 'segments-jsonl'] as const;
type Format = (typeof FORMATS)[number];
/** Product names for the button; the select says more. */
const SHORT: Record<Format, string> = { jsonl: 'JSONL', labelstudio: 'Label Studio', 'aihub-summary': 'AI-Hub', conll: 'CoNLL', 'conll-eojeol': 'CoNLL', 'conll-morpheme': 'CoNLL', coco: 'COCO', yolo: 'YOLO', voc: 'VOC', 'aihub-image': 'AI-Hub', 'segments-jsonl': 'JSONL' };
const EXTENSION: Record<Format, string> = { jsonl: 'jsonl', labelstudio: 'json', 'aihub-summary': 'json', conll: 'conll', 'conll-eojeol': 'conll', 'conll-morpheme': 'conll', coco: 'json', yolo: 'zip', voc: 'zip', 'aihub-image': 'json', 'segments-jsonl': 'jsonl' };
/** Formats that can carry the media files themselves (the `media` option). */
const WITH_MEDIA: ReadonlySet<Format> = new Set<Format>(['yolo', 'voc']);

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

/** "in 3 days" / "3일 후": the largest whole unit, at least a minute. */
export function fromNow(lang: Lang, iso: string, now = Date.now()): string {
  const ms = new Date(iso).getTime() - now;
  const rtf = new Intl.RelativeTimeFormat(locale(lang), { numeric: 'auto' });
  for (const [unit, size] of UNITS) {
    if (Math.abs(ms) >= size || unit === 'minute') return rtf.format(Math.round(ms / size), unit);
  }
  return '';
}

/**
 * Start an export in the chosen format, follow the job, then offer the file. Before one is started here, the
 * project's last export is shown, so that one whose file expired (LABELCREW_EXPORT_RETENTION) can be run again.
 */
export function ExportPanel({ projectId }: { projectId: number }) {
  const { t, lang } = useI18n();
  const [format, setFormat] = useState<Format>('jsonl');
  const [media, setMedia] = useState(false);
  const [started, setJob] = useState<ExportJob | null>(null);
  /** Whether an export was started here: the project's last export is then no longer the one shown. */
  const [chosen, setChosen] = useState(false);
  /** The job as read again when its download was asked for after it should have expired. */
  const [fresh, setFresh] = useState<ExportJob | null>(null);
  const last = useApiQuery(['exports', 'last', projectId], () => exports_.list(projectId, 1), { enabled: !chosen });
  const lastJob = chosen ? null : (last.data?.items[0] ?? null);
  const starting = useApiAction(exports_.start, { onSuccess: (job) => setJob(job) });
  const again = useApiAction(exports_.again, { onSuccess: (job) => setJob(job) });
  const { job: followed, error: pollError } = useJob('exports', started ?? lastJob, exports_.get);
  const job = fresh && followed && fresh.id === followed.id ? fresh : followed;
  const mine = !!started;
  const running = !!job && (job.status === 'QUEUED' || job.status === 'RUNNING');
  const busy = starting.busy || again.busy;

  async function start() {
    setChosen(true);
    setJob(null);
    setFresh(null);
    if (WITH_MEDIA.has(format) && media) await starting.run(projectId, format, { media: true });
    else await starting.run(projectId, format);
  }

  async function runAgain(expired: ExportJob) {
    setChosen(true);
    setJob(null);
    setFresh(null);
    await again.run(expired);
  }

  /** A page left open past the file's expiry: ask again before sending the browser to a download that is gone. */
  async function download(e: MouseEvent<HTMLAnchorElement>, current: ExportJob) {
    if (!current.expiresAt || new Date(current.expiresAt).getTime() > Date.now()) return;
    e.preventDefault();
    const now = await exports_.get(current.id).catch(() => null);
    if (now?.expired) setFresh(now);
    else window.location.assign(exports_.fileUrl(current.id));
  }

  const testId = (name: string) => (mine ? `export-${name}` : `export-last-${name}`);

  return (
    <section className="card" aria-labelledby="export-title" data-testid="export-panel">
      <h2 id="export-title">{t('export.title')}</h2>
      <p className="small muted">{t('export.help')}</p>
      <div className="row wrap">
        <label className="form-row">
          <span>{t('export.format')}</span>
          <select aria-label={t('export.format')} value={format} onChange={(e) => setFormat(e.target.value as Format)} data-testid="export-format">
            {FORMATS.map((f) => (
              <option key={f} value={f}>
                {t(`format.${f}`)}
              </option>
            ))}
          </select>
        </label>
        {WITH_MEDIA.has(format) ? (
          <label className="row">
            <input type="checkbox" checked={media} onChange={(e) => setMedia(e.target.checked)} data-testid="export-media" />
            <span>{t('export.withMedia')}</span>
          </label>
        ) : null}
        <button type="button" className="btn primary" onClick={start} disabled={busy || running} data-testid="export-start">
          {t('export.start', { format: SHORT[format] })}
        </button>
      </div>
      {job ? (
        <div className="job" data-testid={mine ? 'export-job' : 'export-last'} data-status={job.status} data-expired={job.expired ? 'true' : undefined}>
          {mine ? null : <p className="small muted">{t('export.last', { at: formatDateTime(lang, job.createdAt), format: t(`format.${job.format}` as 'format.jsonl') })}</p>}
          <p>
            <span className={`tag job-${job.status}`} data-testid={testId('status')}>
              {t(`job.${job.status}` as 'job.DONE')}
            </span>{' '}
            {t('export.counts', { written: job.written ?? 0, total: job.total ?? 0 })}
          </p>
          {running ? <ProgressBar value={job.written ?? 0} max={job.total ?? 0} label={t('export.progress')} /> : null}
          {job.status === 'FAILED' && job.error ? (
            <p className="field-errors" role="alert" data-testid={testId('error')}>
              {job.error}
            </p>
          ) : null}
          {job.status === 'DONE' && job.expired ? (
            <div data-testid={testId('expired')}>
              <p>{t('export.expired', { at: formatDateTime(lang, job.expiresAt) })}</p>
              <button type="button" className="btn" onClick={() => runAgain(job)} disabled={busy} data-testid={testId('again')}>
                {t('export.again')}
              </button>
            </div>
          ) : null}
          {job.status === 'DONE' && !job.expired ? (
            <p className="row wrap">
              <a className="btn" href={exports_.fileUrl(job.id)} download={`project-${projectId}-export-${job.id}.${EXTENSION[job.format as Format] ?? 'jsonl'}`} onClick={(e) => void download(e, job)} data-testid={testId('download')}>
                {t('export.download')}
              </a>
              {job.expiresAt ? (
                <span className="small muted" data-testid={testId('expires')}>
                  <time dateTime={job.expiresAt}>{t('export.expires', { in: fromNow(lang, job.expiresAt), at: formatDateTime(lang, job.expiresAt) })}</time>
                </span>
              ) : null}
            </p>
          ) : null}
        </div>
      ) : null}
      <ErrorMessage error={starting.error ?? again.error ?? pollError} />
    </section>
  );
}
