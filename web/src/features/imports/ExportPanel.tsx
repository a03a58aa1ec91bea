import { useState } from 'react';
import { exports_ } from '../../api/endpoints';
import type { ExportJob } from '../../api/types';
import { useT } from '../../app/i18n';
import { ErrorMessage, ProgressBar } from '../../app/ui';
import { useApiAction } from '../../api/query';
import { useJob } from './useJob';

const FORMATS = ['jsonl', 'labelstudio', 'aihub-summary', 'conll', 'conll-eojeol', 'conll-morpheme', 'coco', 'yolo', 'voc', 'aihub-image', 'segments-jsonl'] as const;
type Format = (typeof FORMATS)[number];
/** Product names for the button; the select says more. */
const SHORT: Record<Format, string> = { jsonl: 'JSONL', labelstudio: 'Label Studio', 'aihub-summary': 'AI-Hub', conll: 'CoNLL', 'conll-eojeol': 'CoNLL', 'conll-morpheme': 'CoNLL', coco: 'COCO', yolo: 'YOLO', voc: 'VOC', 'aihub-image': 'AI-Hub', 'segments-jsonl': 'JSONL' };
const EXTENSION: Record<Format, string> = { jsonl: 'jsonl', labelstudio: 'json', 'aihub-summary': 'json', conll: 'conll', 'conll-eojeol': 'conll', 'conll-morpheme': 'conll', coco: 'json', yolo: 'zip', voc: 'zip', 'aihub-image': 'json', 'segments-jsonl': 'jsonl' };
/** Formats that can carry the media files themselves (the `media` option). */
const WITH_MEDIA: ReadonlySet<Format> = new Set<Format>(['yolo', 'voc']);

/** Start an export in the chosen format, follow the job, then offer the file. */
export function ExportPanel({ projectId }: { projectId: number }) {
  const t = useT();
  const [format, setFormat] = useState<Format>('jsonl');
  const [media, setMedia] = useState(false);
  const [started, setJob] = useState<ExportJob | null>(null);
  const starting = useApiAction(exports_.start, { onSuccess: (job) => setJob(job) });
  const { busy, error } = starting;
  const { job, error: pollError } = useJob('exports', started, exports_.get);
  const running = !!job && (job.status === 'QUEUED' || job.status === 'RUNNING');


  async function start() {
    setJob(null);
    if (WITH_MEDIA.has(format) && media) await starting.run(projectId, format, { media: true });
    else await starting.run(projectId, format);
  }

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
        <div className="job" data-testid="export-job" data-status={job.status}>
          <p>
            <span className={`tag job-${job.status}`} data-testid="export-status">
              {t(`job.${job.status}` as 'job.DONE')}
            </span>{' '}
            {t('export.counts', { written: job.written ?? 0, total: job.total ?? 0 })}
          </p>
          {running ? <ProgressBar value={job.written ?? 0} max={job.total ?? 0} label={t('export.progress')} /> : null}
          {job.status === 'FAILED' && job.error ? (
            <p className="field-errors" role="alert" data-testid="export-error">
              {job.error}
            </p>
          ) : null}
          {job.status === 'DONE' ? (
            <a className="btn" href={exports_.fileUrl(job.id)} download={`project-${projectId}-export-${job.id}.${EXTENSION[job.format as Format] ?? 'jsonl'}`} data-testid="export-download">
              {t('export.download')}
            </a>
          ) : null}
        </div>
      ) : null}
      <ErrorMessage error={error ?? pollError} />
    </section>
  );
}
