import { useRef, useState, type FormEvent } from 'react';
import { imports } from '../../api/endpoints';
import type { ImportJob } from '../../api/types';
import { useT } from '../../app/i18n';
import { ErrorMessage, ProgressBar } from '../../app/ui';
import { useApiAction } from '../../api/query';
import { useJob } from './useJob';

const FORMATS = ['jsonl', 'csv', 'txt', 'txt-document', 'labelstudio', 'aihub-summary', 'images-zip', 'audio-zip'] as const;
/** Formats that read a zip of media files: they also take several files, which the server packs into one zip. */
export const MEDIA_FORMATS: ReadonlySet<string> = new Set(['images-zip', 'audio-zip']);
const IMAGE_EXT = new Set(['jpg', 'jpeg', 'png', 'webp', 'gif', 'bmp']);
const AUDIO_EXT = new Set(['wav', 'mp3', 'flac', 'ogg', 'm4a']);

export function guessFormat(fileName: string): string | null {
  const ext = fileName.toLowerCase().split('.').pop() ?? '';
  if (ext === 'jsonl' || ext === 'ndjson') return 'jsonl';
  if (ext === 'csv') return 'csv';
  if (ext === 'txt') return 'txt';
  if (IMAGE_EXT.has(ext)) return 'images-zip';
  if (AUDIO_EXT.has(ext)) return 'audio-zip';
  return null;
}

/**
 * Where the import bar stands: full when done; while running, bytes read of the file when the server says (its
 * `total` is then only an estimate), else items seen of total.
 */
export function importProgress(job: ImportJob): { value: number | null; max: number } {
  if (job.status === 'DONE') return { value: job.total || 1, max: job.total || 1 };
  if (job.status === 'FAILED') return { value: job.imported + job.rejected, max: job.total || job.imported + job.rejected };
  if (job.fileSize && job.bytesRead != null) return { value: job.bytesRead, max: job.fileSize };
  return { value: (job.imported ?? 0) + (job.rejected ?? 0), max: job.total ?? 0 };
}

/** Upload a file (with an upload progress bar), then follow the import job until it is done. */
export function ImportPanel({ projectId, onFinished }: { projectId: number; onFinished?: () => void }) {
  const t = useT();
  const [files, setFiles] = useState<File[]>([]);
  const [format, setFormat] = useState('jsonl');
  const [uploadFraction, setUploadFraction] = useState<number | null>(null);
  const [started, setJob] = useState<ImportJob | null>(null);
  const upload = useApiAction(imports.start, { onSuccess: (job) => setJob(job) });
  const { busy: uploading, error } = upload;
  const inputRef = useRef<HTMLInputElement>(null);

  const { job, error: pollError } = useJob('imports', started, imports.get, onFinished);
  const running = !!job && (job.status === 'QUEUED' || job.status === 'RUNNING');

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!files.length) return;
    setJob(null);
    setUploadFraction(0);
    // Several files (or one media file that is not a zip) go as `files`; the server packs them into one zip.
    const several = MEDIA_FORMATS.has(format) && (files.length > 1 || !files[0].name.toLowerCase().endsWith('.zip'));
    void upload.run(projectId, several ? files : files[0], format, setUploadFraction);
  }

  return (
    <section className="card" aria-labelledby="import-title" data-testid="import-panel">
      <h2 id="import-title">{t('import.title')}</h2>
      <form onSubmit={submit} className="row wrap">
        <label className="form-row">
          <span>{t('import.file')}</span>
          <input
            ref={inputRef}
            type="file"
            multiple
            accept=".jsonl,.ndjson,.csv,.txt,.json,application/json,text/csv,text/plain,.zip,application/zip,image/*,audio/*"
            onChange={(e) => {
              const picked = Array.from(e.target.files ?? []);
              setFiles(picked);
              const g = picked.length ? guessFormat(picked[0].name) : null;
              if (g) setFormat(g);
            }}
            data-testid="import-file"
          />
        </label>
        <label className="form-row">
          <span>{t('import.format')}</span>
          <select aria-label={t('import.format')} value={format} onChange={(e) => setFormat(e.target.value)} data-testid="import-format">
            {FORMATS.map((f) => (
              <option key={f} value={f}>
                {t(`format.${f}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="btn primary" disabled={!files.length || (files.length > 1 && !MEDIA_FORMATS.has(format)) || uploading || running} data-testid="import-submit">
          {t('import.upload')}
        </button>
      </form>
      {files.length > 1 ? (
        <p className="small" data-testid="import-files-count">
          {MEDIA_FORMATS.has(format) ? t('import.severalFiles', { n: files.length }) : t('import.oneFileOnly')}
        </p>
      ) : null}
      <p className="small muted">{t(MEDIA_FORMATS.has(format) ? 'import.mediaHelp' : 'import.help')}</p>
      {uploading ? (
        <div>
          <span className="small">{t('import.uploading')}</span>
          <ProgressBar value={uploadFraction == null ? null : Math.round(uploadFraction * 100)} max={100} label={t('import.uploadProgress')} testId="upload-progress" />
        </div>
      ) : null}
      {job ? (
        <div className="job" data-testid="import-job" data-status={job.status}>
          <p>
            <span className={`tag job-${job.status}`} data-testid="import-status">
              {t(`job.${job.status}` as 'job.DONE')}
            </span>{' '}
            {t('import.counts', { imported: job.imported ?? 0, total: job.total ?? 0, rejected: job.rejected ?? 0 })}
          </p>
          <ProgressBar {...importProgress(job)} label={t('import.progress')} testId="import-progress" />
          {job.errors?.length ? (
            <div className="import-errors">
              <h3 className="small-heading">{t('import.errors', { n: job.errors.length })}</h3>
              <ul data-testid="import-errors">
                {job.errors.map((er, i) => (
                  <li key={i}>
                    {er.line != null ? <strong>{t('error.line', { line: er.line })}</strong> : null} {er.message}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
        </div>
      ) : null}
      <ErrorMessage error={error ?? pollError} />
    </section>
  );
}
