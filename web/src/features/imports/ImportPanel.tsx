import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ApiError } from '../../api/client';
import { imports } from '../../api/endpoints';
import type { ImportJob, ImportOptions } from '../../api/types';
import { useI18n, useT } from '../../app/i18n';
import { sayCode } from '../../app/serverText';
import { ErrorMessage, ProgressBar } from '../../app/ui';
import { useApiAction } from '../../api/query';
import { useJob } from './useJob';

const FORMATS = ['jsonl', 'csv', 'tsv', 'txt', 'txt-document', 'labelstudio', 'aihub-summary', 'conll', 'conll-klue', 'conll-eojeol', 'conll-kmou', 'images-zip', 'audio-zip', 'coco', 'yolo'] as const;
/** Formats that read a zip of media files: they also take several files, which the server packs into one zip. */
export const MEDIA_FORMATS: ReadonlySet<string> = new Set(['images-zip', 'audio-zip', 'coco', 'yolo']);
/** Formats that take several files at once: the media formats, and Label Studio (its JSON with the images or audio it names). */
const SEVERAL_FORMATS: ReadonlySet<string> = new Set([...MEDIA_FORMATS, 'labelstudio']);
/** The formats the server reads from an S3 bucket prefix (`options.source`). */
const SOURCE_FORMATS: ReadonlySet<string> = new Set(['images-zip', 'audio-zip', 'coco']);
/** Help for the formats that carry labels beside their media. */
const FORMAT_HELP: Record<string, string> = { coco: 'import.cocoHelp', yolo: 'import.yoloHelp', labelstudio: 'import.labelstudioHelp' };
const IMAGE_EXT = new Set(['jpg', 'jpeg', 'png', 'webp', 'gif', 'bmp']);
/** m4a is offered so that the server names it in its refusal (it decodes WAV, MP3, FLAC and Ogg Vorbis). */
const AUDIO_EXT = new Set(['wav', 'mp3', 'flac', 'ogg', 'oga', 'm4a']);
/** The import's own label where the export's (same name) says something else. */
const FORMAT_LABEL: Record<string, string> = { conll: 'format.conll-import', labelstudio: 'format.labelstudio-import', coco: 'format.coco-import' };

export function guessFormat(fileName: string): string | null {
  const ext = fileName.toLowerCase().split('.').pop() ?? '';
  if (ext === 'jsonl' || ext === 'ndjson') return 'jsonl';
  if (ext === 'csv') return 'csv';
  if (ext === 'tsv') return 'tsv';
  if (ext === 'conll') return 'conll';
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

/** The column names of a CSV/TSV file's first line (or its numbers, 1-based, when it has no header). */
export function columnsOf(firstLine: string, separator: string, header: boolean): string[] {
  const cells = firstLine.replace(/^\uFEFF/, '').replace(/\r$/, '').split(separator).map((c) => c.trim().replace(/^"(.*)"$/, '$1'));
  return header ? cells : cells.map((_, i) => String(i + 1));
}

/** The options a form of this format sends: only what the manager set. */
export function importOptions(format: string, o: { header: boolean; textColumn: string; labelColumn: string; labelAs: string; skip: boolean; encoding?: string }): ImportOptions {
  const out: ImportOptions = {};
  if (format === 'csv' || format === 'tsv') {
    if (!o.header) out.header = false;
    if (o.textColumn && o.textColumn !== (o.header ? 'text' : '1')) out.textColumn = o.textColumn;
    if (o.labelColumn) {
      out.labelColumn = o.labelColumn;
      out.labelAs = o.labelAs as ImportOptions['labelAs'];
    }
  }
  if (o.skip) out.onError = 'skip';
  if (o.encoding) out.encoding = o.encoding as ImportOptions['encoding'];
  return out;
}

/** Upload a file (with an upload progress bar), then follow the import job until it is done. */
export function ImportPanel({ projectId, onFinished }: { projectId: number; onFinished?: () => void }) {
  const t = useT();
  const { lang } = useI18n();
  const [files, setFiles] = useState<File[]>([]);
  const file = files[0] ?? null;
  const [format, setFormat] = useState('jsonl');
  const [uploadFraction, setUploadFraction] = useState<number | null>(null);
  const [started, setJob] = useState<ImportJob | null>(null);
  const upload = useApiAction(imports.start, { onSuccess: (job) => setJob(job) });
  const { busy: uploading, error } = upload;
  const inputRef = useRef<HTMLInputElement>(null);
  const [header, setHeader] = useState(true);
  const [firstLine, setFirstLine] = useState('');
  const [textColumn, setTextColumn] = useState('');
  const [labelColumn, setLabelColumn] = useState('');
  const [labelAs, setLabelAs] = useState('prediction');
  const [skip, setSkip] = useState(false);
  const [consent, setConsent] = useState<string | null>(null);
  // Media formats: an S3-compatible bucket prefix instead of files (the server lists and reads it).
  const [source, setSource] = useState('');
  const fromSource = SOURCE_FORMATS.has(format) && source.trim() !== '';
  const tabular = format === 'csv' || format === 'tsv';
  const columns = tabular && firstLine ? columnsOf(firstLine, format === 'tsv' ? '\t' : ',', header) : [];

  // The column mapping offers the file's own column names: its first line, read in the browser.
  useEffect(() => {
    let live = true;
    setFirstLine('');
    if (file && typeof file.slice === 'function') {
      void file
        .slice(0, 64 * 1024)
        .text()
        .then((head) => {
          if (live) setFirstLine(head.split('\n')[0] ?? '');
        })
        .catch(() => undefined);
    }
    return () => {
      live = false;
    };
  }, [file]);

  useEffect(() => {
    setTextColumn(columns.includes(header ? 'text' : '1') ? (header ? 'text' : '1') : columns.includes('document') ? 'document' : columns[0] ?? '');
    setLabelColumn('');
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [firstLine, header, format]);

  const { job, error: pollError } = useJob('imports', started, imports.get, onFinished);
  const running = !!job && (job.status === 'QUEUED' || job.status === 'RUNNING');

  async function send(encoding?: string) {
    if (fromSource) {
      setJob(null);
      setConsent(null);
      setUploadFraction(null);
      await upload.run(projectId, [], format, setUploadFraction, { ...importOptions(format, { header, textColumn, labelColumn, labelAs, skip }), source: source.trim() });
      return;
    }
    if (!file) return;
    setJob(null);
    setConsent(null);
    setUploadFraction(0);
    const options = importOptions(format, { header, textColumn, labelColumn, labelAs, skip, encoding });
    // Several files (or one media file that is not a zip) go as `files`; the server packs them into one zip.
    const several = SEVERAL_FORMATS.has(format) && (files.length > 1 || (MEDIA_FORMATS.has(format) && !file.name.toLowerCase().endsWith('.zip')));
    await upload.run(projectId, several ? files : file, format, setUploadFraction, options);
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    void send();
  }

  // A file that is not UTF-8 is refused until the manager agrees to convert it (the server names what it saw).
  useEffect(() => {
    if (error instanceof ApiError && error.problem.code === 'import.encoding.consent') {
      const params = error.problem.params as { detected?: string } | undefined;
      setConsent(params?.detected ?? 'unknown');
    }
  }, [error]);
  const consentError = error instanceof ApiError && error.problem.code === 'import.encoding.consent';

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
            accept=".jsonl,.ndjson,.csv,.tsv,.txt,.json,.conll,application/json,text/csv,text/tab-separated-values,text/plain,.zip,application/zip,image/*,audio/*"
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
                {t((FORMAT_LABEL[f] ?? `format.${f}`) as 'format.jsonl')}
              </option>
            ))}
          </select>
        </label>
        {SOURCE_FORMATS.has(format) ? (
          <label className="form-row">
            <span>{t('import.source')}</span>
            <input
              type="text"
              inputMode="url"
              lang="en"
              placeholder="s3://bucket/prefix/"
              value={source}
              onChange={(e) => setSource(e.target.value)}
              aria-describedby="import-source-help"
              data-testid="import-source"
            />
          </label>
        ) : null}
        <button type="submit" className="btn primary" disabled={fromSource ? uploading || running : !file || (files.length > 1 && !SEVERAL_FORMATS.has(format)) || uploading || running} data-testid="import-submit">
          {t(fromSource ? 'import.fromSource' : 'import.upload')}
        </button>
      </form>
      {SOURCE_FORMATS.has(format) ? (
        <p className="small muted" id="import-source-help">
          {t('import.sourceHelp')}
        </p>
      ) : null}
      {files.length > 1 ? (
        <p className="small" data-testid="import-files-count">
          {SEVERAL_FORMATS.has(format) ? t('import.severalFiles', { n: files.length }) : t('import.oneFileOnly')}
        </p>
      ) : null}
      {tabular ? (
        <fieldset className="row wrap" data-testid="import-mapping">
          <legend>{t('import.mapping')}</legend>
          <label className="row">
            <input type="checkbox" checked={header} onChange={(e) => setHeader(e.target.checked)} data-testid="import-header" />
            <span>{t('import.header')}</span>
          </label>
          <label className="form-row">
            <span>{t('import.textColumn')}</span>
            <select aria-label={t('import.textColumn')} value={textColumn} onChange={(e) => setTextColumn(e.target.value)} data-testid="import-text-column">
              {columns.map((c) => (
                <option key={c} value={c}>
                  {header ? c : t('import.column', { n: c })}
                </option>
              ))}
            </select>
          </label>
          <label className="form-row">
            <span>{t('import.labelColumn')}</span>
            <select aria-label={t('import.labelColumn')} value={labelColumn} onChange={(e) => setLabelColumn(e.target.value)} data-testid="import-label-column">
              <option value="">{t('import.noLabel')}</option>
              {columns
                .filter((c) => c !== textColumn)
                .map((c) => (
                  <option key={c} value={c}>
                    {header ? c : t('import.column', { n: c })}
                  </option>
                ))}
            </select>
          </label>
          {labelColumn ? (
            <label className="form-row">
              <span>{t('import.labelAs')}</span>
              <select aria-label={t('import.labelAs')} value={labelAs} onChange={(e) => setLabelAs(e.target.value)} data-testid="import-label-as">
                <option value="prediction">{t('import.labelAs.prediction')}</option>
                <option value="gold">{t('import.labelAs.gold')}</option>
              </select>
            </label>
          ) : null}
        </fieldset>
      ) : null}
      <label className="row">
        <input type="checkbox" checked={skip} onChange={(e) => setSkip(e.target.checked)} data-testid="import-skip" />
        <span className="small">{t('import.skip')}</span>
      </label>
      {consent ? (
        <div className="card warn" role="alertdialog" aria-labelledby="import-encoding-question" data-testid="import-encoding">
          <p id="import-encoding-question">
            {t('import.encoding.question', { detected: consent === 'cp949' ? 'CP949 (EUC-KR)' : consent === 'utf-16' ? 'UTF-16' : t('import.encoding.unknown') })}
          </p>
          <div className="row">
            {consent === 'cp949' || consent === 'utf-16' ? (
              <button type="button" className="btn primary" onClick={() => void send(consent)} data-testid="import-encoding-convert">
                {t('import.encoding.convert')}
              </button>
            ) : null}
            <button type="button" className="btn" onClick={() => setConsent(null)}>
              {t('import.encoding.cancel')}
            </button>
          </div>
        </div>
      ) : null}
      <p className="small muted">{t((FORMAT_HELP[format] ?? (MEDIA_FORMATS.has(format) ? 'import.mediaHelp' : 'import.help')) as 'import.help')}</p>
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
          {job.normalized ? <p className="small muted" data-testid="import-normalized">{t('import.normalized', { n: job.normalized })}</p> : null}
          {job.hasReport ? (
            <p>
              <a href={imports.reportUrl(job.id)} download data-testid="import-report">
                {t('import.report')}
              </a>
            </p>
          ) : null}
          {job.warnings?.length ? (
            <div className="import-warnings">
              <h3 className="small-heading">{t('import.warnings')}</h3>
              <ul data-testid="import-warnings">
                {job.warnings.map((w) => (
                  <li key={`${w.field} ${w.code}`}>
                    {t(`import.warning.${w.code}` as 'import.warning.prediction.overlap', { field: w.field, n: w.count })}
                    <ul>
                      {w.examples.map((ex, i) => (
                        <li key={i} className="small">
                          {ex.region != null
                            ? t('import.warning.exampleRegion', { line: ex.line, label: ex.label ?? '', region: ex.region })
                            : ex.with != null
                            ? t('import.warning.exampleOverlap', { line: ex.line, label: ex.label ?? '', start: ex.start ?? '', end: ex.end ?? '', with: ex.with })
                            : ex.start != null
                              ? t('import.warning.exampleSpan', { line: ex.line, label: ex.label ?? '', start: ex.start, end: ex.end ?? '' })
                              : t('import.warning.example', { line: ex.line, label: ex.label ?? '' })}
                        </li>
                      ))}
                    </ul>
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          {job.errors?.length ? (
            <div className="import-errors">
              <h3 className="small-heading">{t('import.errors', { n: job.errors.length })}</h3>
              <ul data-testid="import-errors">
                {job.errors.map((er, i) => (
                  <li key={i}>
                    {er.line != null ? <strong>{t('error.line', { line: er.line })}</strong> : null} {sayCode(lang, er.code, er.params, er.message)}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
        </div>
      ) : null}
      <ErrorMessage error={consentError ? pollError : (error ?? pollError)} />
    </section>
  );
}
