import { useEffect, useMemo, useState, type MouseEvent } from 'react';
import type { ToolProps } from '../../core/registry';
import { FieldFrame } from '../FieldFrame';
import { focusAfterRemove } from '../focus';
import { comboOf, isImeComposing } from '../../core/shortcuts';
import { useAnnotatorText } from '../../i18n';
import { normalizeLabels } from '../spans/labels';
import { asSpans, type Span } from '../spans/model';
import { TextIndex } from '../spans/offsets';
import { spanSourceText } from '../spans/SpansTool';
import { relationKey, setHighlightedRelation } from './highlight';
import { addRelation, asRelations, type RelationsField, type Relation } from './model';

export { addRelation, asRelations, type Relation, type RelationsField } from './model';

/**
 * A `relations` field: links between two spans of the spans field it names. Pick the "from" and "to" spans and a
 * relation label (click, or its key while the label bar has focus); the relations are listed as
 * "김철수 —소속→ 삼성전자". A relation whose span was deleted is flagged, to be removed (the server refuses it).
 * The spans tool also draws each relation as an arrow over the text; hovering or focusing a relation in the list
 * stresses its arrow, and clicking it keeps it stressed until clicked again.
 */
export function RelationsTool({ field, value, onChange, readOnly, active, onActivate, errors, data, result, fields, idPrefix }: ToolProps<RelationsField, Relation[]>) {
  const tt = useAnnotatorText();
  const spans = asSpans(result?.[field.between]);
  const labels = useMemo(() => normalizeLabels(field.labels), [field.labels]);
  const relations = asRelations(value);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const text = spanSourceText(fields?.find((f) => f.name === field.between) ?? {}, data);
  const index = useMemo(() => new TextIndex(text ?? ''), [text]);
  const base = `${idPrefix}-${field.name}`;
  const keyOf = (id: Span['id']) => JSON.stringify(id);
  const byKey = new Map(spans.map((s) => [keyOf(s.id), s]));
  const describe = (s: Span) => `${s.label} “${index.slice(s.start, s.end)}”`;
  const [hover, setHover] = useState<number | null>(null);
  const [pinned, setPinned] = useState<number | null>(null);
  const hlKey = relationKey(idPrefix, field.name);
  const valid = (i: number | null) => (i !== null && i < relations.length ? i : null);
  const shown = valid(hover) ?? valid(pinned);
  useEffect(() => setHighlightedRelation(hlKey, shown), [hlKey, shown]);
  useEffect(() => () => setHighlightedRelation(hlKey, null), [hlKey]);
  // A new task (the labeling page keeps the tool mounted) starts with nothing picked.
  useEffect(() => {
    setHover(null);
    setPinned(null);
  }, [text]);

  function togglePinned(e: MouseEvent<HTMLLIElement>, i: number) {
    if ((e.target as Element).closest('button')) return;
    setPinned((p) => (p === i ? null : i));
  }

  function add(label: string) {
    const f = byKey.get(from);
    const t = byKey.get(to);
    if (!f || !t) {
      setMessage(tt('relations.pick'));
      return;
    }
    const next = addRelation(relations, { from: f.id, to: t.id, label });
    if (next === 'same' || next === 'duplicate') {
      setMessage(tt(next === 'same' ? 'relations.same' : 'relations.duplicate'));
      return;
    }
    onChange(next);
    setMessage(null);
  }

  function remove(i: number) {
    const rest = relations.filter((_, j) => j !== i);
    onChange(rest.length ? rest : undefined);
    setHover(null);
    setPinned((p) => (p === null || p === i ? null : p > i ? p - 1 : p));
  }

  return (
    <FieldFrame field={field} kind="relations" idPrefix={idPrefix} active={active} readOnly={readOnly} onActivate={onActivate} errors={errors} hint={tt('relations.hint')}>
      {!readOnly && spans.length < 2 ? <p className="muted">{tt('relations.noSpans', { field: field.between })}</p> : null}
      {!readOnly && spans.length >= 2 ? (
        <div className="relations-form">
          <label htmlFor={`${base}-from`}>{tt('relations.from')}</label>
          <select id={`${base}-from`} value={from} onChange={(e) => setFrom(e.target.value)}>
            <option value="">{tt('relations.pick')}</option>
            {spans.map((s) => (
              <option key={keyOf(s.id)} value={keyOf(s.id)}>
                {describe(s)}
              </option>
            ))}
          </select>
          <label htmlFor={`${base}-to`}>{tt('relations.to')}</label>
          <select id={`${base}-to`} value={to} onChange={(e) => setTo(e.target.value)}>
            <option value="">{tt('relations.pick')}</option>
            {spans.map((s) => (
              <option key={keyOf(s.id)} value={keyOf(s.id)}>
                {describe(s)}
              </option>
            ))}
          </select>
          <div
            className="relations-labels"
            role="toolbar"
            aria-label={tt('relations.add')}
            onKeyDown={(e) => {
              if (isImeComposing(e.nativeEvent)) return;
              const l = labels.find((x) => x.hotkey === comboOf(e.nativeEvent));
              if (l) {
                add(l.value);
                e.preventDefault();
                e.stopPropagation();
              }
            }}
          >
            {labels.map((l) => (
              <button key={l.value} type="button" className="spans-label" style={{ borderColor: l.color }} onClick={() => add(l.value)}>
                {l.hotkey ? <kbd className="hotkey">{l.hotkey}</kbd> : null} {l.text}
              </button>
            ))}
          </div>
        </div>
      ) : null}
      {message ? (
        <p className="inline-error" role="alert">
          {message}
        </p>
      ) : null}
      {relations.length === 0 ? (
        <p className="muted">{tt('relations.none')}</p>
      ) : (
        <ul className="relations-list" aria-label={tt('relations.list')}>
          {relations.map((r, i) => {
            const f = byKey.get(keyOf(r.from));
            const t = byKey.get(keyOf(r.to));
            return (
              <li
                key={i}
                className={[!f || !t ? 'relation-broken' : '', shown === i ? 'picked' : ''].filter(Boolean).join(' ') || undefined}
                data-testid={`relation-${i}`}
                onMouseEnter={() => setHover(i)}
                onMouseLeave={() => setHover(null)}
                onFocus={() => setHover(i)}
                onBlur={() => setHover(null)}
                onClick={(e) => togglePinned(e, i)}
              >
                <span>{f ? describe(f) : `${String(r.from)} ${tt('relations.missing')}`}</span>
                <span className="relation-arrow">{` —${r.label}→ `}</span>
                <span>{t ? describe(t) : `${String(r.to)} ${tt('relations.missing')}`}</span>
                {!readOnly ? (
                  <button type="button" className="icon-button" aria-label={tt('relations.delete')} onClick={(e) => {
                    focusAfterRemove(e.currentTarget, 'select');
                    remove(i);
                  }}>
                    ×
                  </button>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
    </FieldFrame>
  );
}
