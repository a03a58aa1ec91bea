import { useId, useState, type KeyboardEvent } from 'react';
import { tasks } from '../../api/endpoints';
import { splitFieldErrors, useApiAction, useApiQuery } from '../../api/query';
import { useI18n } from '../../app/i18n';
import { useSaidFieldErrors } from '../../app/serverText';
import { ErrorMessage } from '../../app/ui';

/**
 * Comments on one task (labeler ↔ reviewer ↔ manager), oldest first, and a box to add one (Ctrl+Enter sends; never
 * mid-composition). Each comment is also in the task's history. Shown on the task page and the labeling and review
 * screens, folded there so that it does not push the work down (and read only when opened).
 */
export function CommentsPanel({ taskId, folded = false }: { taskId: number; folded?: boolean }) {
  const { t, formatDate } = useI18n();
  const boxId = useId();
  // Folded (on the work screens), the comments are read when opened: the queue does not wait on them.
  const [open, setOpen] = useState(!folded);
  const list = useApiQuery(['tasks', taskId, 'comments'], () => tasks.comments(taskId), { enabled: open });
  const [text, setText] = useState('');
  const add = useApiAction((s: string) => tasks.addComment(taskId, s), {
    invalidates: [['tasks', taskId]],
    onSuccess: () => setText(''),
  });
  const sayErrors = useSaidFieldErrors();
  const { fieldErrors, error } = splitFieldErrors(add.error, (e) => sayErrors(e.errors));
  const items = list.data ?? [];
  const send = () => {
    if (text.trim() && !add.busy) void add.run(text.trim());
  };
  const onKey = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && !e.nativeEvent.isComposing && e.keyCode !== 229) {
      e.preventDefault();
      e.stopPropagation();
      send();
    }
  };

  const body = (
    <div className="stack comments" data-testid="comments">
      {items.length ? (
        <ol className="comment-list">
          {items.map((c) => (
            <li key={c.id} data-testid="comment">
              <p className="small muted">
                <strong>{c.author.displayName || c.author.username}</strong> · <time dateTime={c.createdAt}>{formatDate(c.createdAt)}</time>
              </p>
              <p className="comment-text">{c.text}</p>
            </li>
          ))}
        </ol>
      ) : list.data ? (
        <p className="muted small">{t('comments.none')}</p>
      ) : null}
      <ErrorMessage error={list.error} />
      <label className="form-row">
        <span>{t('comments.new')}</span>
        <textarea
          rows={2}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            if (add.error) add.reset();
          }}
          onKeyDown={onKey}
          aria-invalid={!!fieldErrors.text}
          data-testid="comment-text"
        />
      </label>
      {fieldErrors.text ? <p className="field-errors">{fieldErrors.text.join(' ')}</p> : null}
      <ErrorMessage error={error} />
      <div className="row">
        <button type="button" className="btn small" disabled={add.busy || !text.trim()} onClick={send} data-testid="comment-send">
          {t('comments.send')} <kbd>Ctrl+Enter</kbd>
        </button>
      </div>
    </div>
  );

  if (!folded) {
    return (
      <section className="card" aria-labelledby={`${boxId}-title`}>
        <h2 id={`${boxId}-title`}>{t('comments.title', { n: items.length })}</h2>
        {body}
      </section>
    );
  }
  return (
    <details className="card comments-fold" data-testid="comments-fold" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{list.data ? t('comments.title', { n: items.length }) : t('comments.open')}</summary>
      {open ? body : null}
    </details>
  );
}
