import { useState } from 'react';
import { exports_ } from '../../api/endpoints';
import type { ExportJob } from '../../api/types';
import { useT } from '../../app/i18n';
import { ErrorMessage, ProgressBar } from '../../app/ui';
import { POLL_MS, usePolling } from './usePolling';

/** Start a JSONL export, follow the job, then offer the file. */
export function ExportPanel({ projectId }: { projectId: number }) {
  const t = useT();
  const [job, setJob] = useState<ExportJob | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const running = !!job && (job.status === 'QUEUED' || job.status === 'RUNNING');

  usePolling(
    async () => {
      if (!job) return true;
      const next = await exports_.get(job.id);
      setJob(next);
      return next.status === 'DONE' || next.status === 'FAILED';
    },
    POLL_MS,
    running,
    setError,
  );

  async function start() {
    setBusy(true);
    setError(null);
    setJob(null);
    try {
      setJob(await exports_.start(projectId, 'jsonl'));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card" aria-labelledby="export-title" data-testid="export-panel">
      <h2 id="export-title">{t('export.title')}</h2>
      <p className="small muted">{t('export.help')}</p>
      <button type="button" className="btn primary" onClick={start} disabled={busy || running} data-testid="export-start">
        {t('export.start')}
      </button>
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
            <a className="btn" href={exports_.fileUrl(job.id)} download={`project-${projectId}-export-${job.id}.jsonl`} data-testid="export-download">
              {t('export.download')}
            </a>
          ) : null}
        </div>
      ) : null}
      <ErrorMessage error={error} />
    </section>
  );
}
