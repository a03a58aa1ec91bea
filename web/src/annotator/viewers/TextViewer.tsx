import type { TaskData } from '../../api/types';
import { useAnnotatorText } from '../i18n';

/** Keys the viewer itself draws; everything else in `data` is metadata. */
export const VIEWED_KEYS = ['text', 'sentences', 'paragraphs'];

/**
 * The text of a task (or its sentences / paragraphs), kept as written: line breaks and spacing matter. Keys in
 * `hidden` are drawn by a tool instead (the spans tool draws `text` with its highlights).
 */
export function TextViewer({ data, hidden = [] }: { data: TaskData; hidden?: string[] }) {
  const t = useAnnotatorText();
  if (typeof data.text === 'string' && !hidden.includes('text')) {
    return (
      <div className="viewer text-viewer" data-testid="task-text" lang="ko">
        {data.text}
      </div>
    );
  }
  // `sentences` stands for the document in either shape (sentences or paragraphs).
  const sentences = hidden.includes('sentences')
    ? null
    : Array.isArray(data.sentences)
    ? (data.sentences as unknown[])
    : Array.isArray(data.paragraphs)
      ? (data.paragraphs as unknown[]).flatMap((p) => (Array.isArray(p) ? p : [p]))
      : null;
  if (sentences) {
    return (
      <ol className="viewer sentence-viewer" data-testid="task-text" start={0} lang="ko">
        {sentences.map((s, i) => (
          <li key={i}>{String(s)}</li>
        ))}
      </ol>
    );
  }
  if (hidden.length) return null;
  return <p className="viewer muted">{t('viewer.noText')}</p>;
}

/** The other keys of `data` (source, id, …) as a small definition list. */
export function MetadataList({ data }: { data: TaskData }) {
  const t = useAnnotatorText();
  const entries = Object.entries(data).filter(([k]) => !VIEWED_KEYS.includes(k));
  if (entries.length === 0) return null;
  return (
    <section className="metadata" aria-label={t('viewer.metadata')}>
      <h2 className="small-heading">{t('viewer.metadata')}</h2>
      <dl>
        {entries.map(([k, v]) => (
          <div key={k} className="metadata-row">
            <dt>{k}</dt>
            <dd>{typeof v === 'string' ? v : JSON.stringify(v)}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
