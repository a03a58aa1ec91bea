import { Fragment, useEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import type { ToolProps } from '../../core/registry';
import { FieldFrame } from '../FieldFrame';
import { focusAfterRemove } from '../focus';
import { comboOf, isImeComposing } from '../../core/shortcuts';
import { useAnnotatorText } from '../../i18n';
import { RelationArrows, relationGroups, SPAN_IDS_ATTR } from '../relations/RelationArrows';
import { normalizeLabels, textColorOn, tint, type NormalizedLabel } from './labels';
import { addSpan, asSpans, pieces, type Span, type SpansField } from './model';
import { domPointToCodePoint, nfc, TextIndex } from './offsets';

/** The NFC text a spans field points into, or null when the task has none. */
export function spanSourceText(field: object, data: Record<string, unknown>): string | null {
  const source = (field as { source?: unknown }).source;
  const raw = data[typeof source === 'string' ? source : 'text'];
  return typeof raw === 'string' ? nfc(raw) : null;
}

/**
 * A `spans` field (NER): the text drawn with its spans highlighted, and a label bar.
 *
 * Select with the mouse, or with the keyboard inside the text (←/→ move by character, Shift extends, Ctrl jumps
 * words, Home/End), then press a label's key or click the label. Offsets are kept in code points of the NFC text,
 * which is what the server checks; the DOM's UTF-16 offsets are converted at the edge (offsets.ts).
 */
export function SpansTool({ field, value, onChange, readOnly, active, onActivate, errors, data, idPrefix, result, fields }: ToolProps<SpansField, Span[]>) {
  const tt = useAnnotatorText();
  const text = spanSourceText(field, data);
  const index = useMemo(() => new TextIndex(text ?? ''), [text]);
  const labels = useMemo(() => normalizeLabels(field.labels), [field.labels]);
  const colorOf = useMemo(() => new Map(labels.map((l) => [l.value, l.color])), [labels]);
  const spans = asSpans(value);
  const [caret, setCaret] = useState(0);
  const [anchor, setAnchor] = useState<number | null>(null);
  const [picked, setPicked] = useState<Span['id'] | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [focused, setFocused] = useState(false);
  const textRef = useRef<HTMLDivElement>(null);
  // The relations between these spans are drawn as arrows over the text (relations/RelationArrows.tsx).
  const groups = relationGroups(field.name, fields, result, idPrefix);
  const arrows = groups.some((g) => g.relations.length > 0);
  // The labeling page keeps the tool mounted from one task to the next: a new text starts with a fresh caret.
  useEffect(() => {
    setCaret(0);
    setAnchor(null);
    setPicked(null);
    setMessage(null);
  }, [text]);
  const selection: [number, number] | null = anchor === null || anchor === caret ? null : [Math.min(anchor, caret), Math.max(anchor, caret)];
  const base = `${idPrefix}-${field.name}`;

  function apply(label: NormalizedLabel) {
    if (readOnly) return;
    if (!selection) {
      if (picked !== null && spans.some((s) => s.id === picked)) {
        onChange(spans.map((s) => (s.id === picked ? { ...s, label: label.value } : s)));
        setMessage(null);
      } else {
        setMessage(tt('spans.selectFirst'));
      }
      return;
    }
    const trimmed = index.trim(selection[0], selection[1]);
    if (!trimmed) {
      setMessage(tt('spans.selectFirst'));
      return;
    }
    const res = addSpan(spans, trimmed[0], trimmed[1], label.value, !!field.allowOverlap);
    if ('conflict' in res) {
      setMessage(tt('spans.overlap', { label: res.conflict.label, text: index.slice(res.conflict.start, res.conflict.end) }));
      return;
    }
    onChange(res.spans);
    setAnchor(null);
    setCaret(trimmed[1]);
    setPicked(res.span.id);
    setMessage(null);
  }

  function remove(id: Span['id']) {
    const rest = spans.filter((s) => s.id !== id);
    onChange(rest.length ? rest : undefined);
    if (picked === id) setPicked(null);
  }

  function move(to: number, extend: boolean) {
    if (extend) {
      if (anchor === null) setAnchor(caret);
    } else {
      setAnchor(null);
    }
    setCaret(Math.max(0, Math.min(to, index.length)));
    setPicked(null);
    setMessage(null);
  }

  function onKeyDown(e: KeyboardEvent<HTMLDivElement>) {
    if (isImeComposing(e.nativeEvent)) return;
    const combo = comboOf(e.nativeEvent);
    const extend = combo.includes('shift+');
    const plain = combo.replace('shift+', '');
    let handled = true;
    switch (plain) {
      case 'arrowright':
        move(!extend && selection ? selection[1] : index.nextStop(caret), extend);
        break;
      case 'arrowleft':
        move(!extend && selection ? selection[0] : index.prevStop(caret), extend);
        break;
      case 'ctrl+arrowright':
        move(index.nextWord(caret), extend);
        break;
      case 'ctrl+arrowleft':
        move(index.prevWord(caret), extend);
        break;
      case 'home':
      case 'ctrl+home':
        move(0, extend);
        break;
      case 'end':
      case 'ctrl+end':
        move(index.length, extend);
        break;
      case 'ctrl+a':
        setAnchor(0);
        setCaret(index.length);
        break;
      case 'escape':
        if (selection || picked !== null || message) {
          setAnchor(null);
          setPicked(null);
          setMessage(null);
        } else {
          handled = false;
        }
        break;
      case 'delete':
      case 'backspace':
        if (picked !== null && !readOnly) remove(picked);
        else handled = false;
        break;
      default: {
        const label = labels.find((l) => l.hotkey === combo);
        if (label && !readOnly) apply(label);
        else handled = false;
      }
    }
    if (handled) {
      // The page-wide shortcuts must not see a key the text already used.
      e.preventDefault();
      e.stopPropagation();
    }
  }

  function onMouseUp() {
    const root = textRef.current;
    const sel = typeof window !== 'undefined' ? window.getSelection() : null;
    if (!root || !sel || sel.rangeCount === 0 || !sel.anchorNode || !sel.focusNode) return;
    const a = domPointToCodePoint(root, sel.anchorNode, sel.anchorOffset, index.length);
    const f = domPointToCodePoint(root, sel.focusNode, sel.focusOffset, index.length);
    if (a === null || f === null) return;
    setMessage(null);
    if (a === f) {
      setAnchor(null);
      setCaret(f);
      // A click on a highlight picks that span (the shortest one there), to relabel or delete it.
      const under = spans.filter((s) => s.start <= f && f < s.end).sort((x, y) => x.end - x.start - (y.end - y.start));
      setPicked(under.length ? under[0].id : null);
    } else {
      setAnchor(a);
      setCaret(f);
      setPicked(null);
    }
  }

  const content: ReactNode[] = [];
  if (text !== null) {
    const showCaret = focused && !readOnly && !selection;
    for (const p of pieces(index.length, spans, selection)) {
      if (showCaret && caret === p.start) content.push(<span key={`c${p.start}`} className="spans-caret" data-cp-at={p.start} aria-hidden="true" />);
      const top = p.covering[0];
      const inSelection = selection && p.start >= selection[0] && p.end <= selection[1];
      const isPicked = picked !== null && p.covering.some((s) => s.id === picked);
      content.push(
        <span
          key={`p${p.start}`}
          data-cp-start={p.start}
          className={`spans-piece${top ? ' spans-mark' : ''}${p.covering.length > 1 ? ' spans-nested' : ''}${inSelection ? ' spans-selecting' : ''}${isPicked ? ' spans-picked' : ''}`}
          style={top ? { background: tint(colorOf.get(top.label) ?? '#888') } : undefined}
          data-labels={top ? p.covering.map((s) => s.label).join(' ') : undefined}
          {...(top ? { [SPAN_IDS_ATTR]: p.covering.map((s) => String(s.id)).join(' ') } : {})}
        >
          {index.slice(p.start, p.end)}
        </span>,
      );
      for (const s of spans.filter((x) => x.end === p.end && x.start < p.end)) {
        content.push(
          <sup key={`t${String(s.id)}`} className="spans-tag" data-cp-at={p.end} aria-hidden="true" style={labelFill(colorOf.get(s.label))}>
            {s.label}
          </sup>,
        );
      }
    }
    if (showCaret && caret === index.length) content.push(<span key="cend" className="spans-caret" data-cp-at={index.length} aria-hidden="true" />);
  }

  return (
    <FieldFrame field={field} kind="spans" idPrefix={idPrefix} active={active} readOnly={readOnly} onActivate={onActivate} errors={errors} hint={tt('spans.hint')}>
      {text === null ? (
        <p className="muted">{tt('spans.noText', { key: typeof field.source === 'string' ? field.source : 'text' })}</p>
      ) : (
        <div
          ref={textRef}
          className={`spans-text${arrows ? ' spans-text-arrows' : ''}`}
          role="textbox"
          aria-readonly="true"
          aria-multiline="true"
          aria-label={tt('spans.textLabel')}
          aria-describedby={`${base}-status`}
          tabIndex={0}
          lang="ko"
          data-testid={`spans-text-${field.name}`}
          // The labeling screen focuses the task's main content when a task opens (arrow keys work at once).
          data-main-content={readOnly ? undefined : ''}
          onKeyDown={onKeyDown}
          onMouseUp={onMouseUp}
          onFocus={() => setFocused(true)}
          onBlur={() => setFocused(false)}
        >
          {content}
          {arrows ? <RelationArrows container={textRef} spans={spans} groups={groups} idPrefix={idPrefix} spansField={field.name} /> : null}
        </div>
      )}
      <p className="spans-status muted" id={`${base}-status`} aria-live="polite">
        {selection ? tt('spans.selection', { start: selection[0], end: selection[1] }) + ` “${index.slice(selection[0], selection[1])}”` : ''}
      </p>
      {!readOnly && text !== null ? (
        <div className="spans-labels" role="toolbar" aria-label={tt('spans.labels')}>
          {labels.map((l) => (
            <button
              key={l.value}
              type="button"
              className="spans-label"
              style={{ borderColor: l.color, background: tint(l.color, 0.12) }}
              // Keep the focus (and so the keyboard selection) in the text when a label is clicked.
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => apply(l)}
            >
              {l.hotkey ? <kbd className="hotkey">{l.hotkey}</kbd> : null} {l.text}
            </button>
          ))}
        </div>
      ) : null}
      {message ? (
        <p className="inline-error" role="alert">
          {message}
        </p>
      ) : null}
      <SpanList spans={spans} index={index} colorOf={colorOf} picked={picked} readOnly={readOnly} onPick={setPicked} onRemove={remove} />
    </FieldFrame>
  );
}

/** A tag or chip filled with the label's colour, its text black or white by contrast. */
function labelFill(color: string | undefined) {
  const background = color ?? '#888';
  return { background, color: textColorOn(background) };
}

function SpanList(props: {
  spans: Span[];
  index: TextIndex;
  colorOf: Map<string, string>;
  picked: Span['id'] | null;
  readOnly: boolean;
  onPick: (id: Span['id']) => void;
  onRemove: (id: Span['id']) => void;
}) {
  const tt = useAnnotatorText();
  const { spans, index, colorOf, picked, readOnly, onPick, onRemove } = props;
  if (spans.length === 0) return <p className="muted spans-none">{tt('spans.none')}</p>;
  return (
    <ul className="spans-list" aria-label={tt('spans.list')}>
      {spans.map((s) => {
        const quoted = index.slice(s.start, s.end);
        return (
          <li key={String(s.id)} className={picked === s.id ? 'picked' : undefined} data-testid={`span-${String(s.id)}`}>
            <Fragment>
              <button type="button" className="spans-chip" onClick={() => onPick(s.id)} aria-pressed={picked === s.id}>
                <span className="spans-chip-label" style={labelFill(colorOf.get(s.label))}>
                  {s.label}
                </span>{' '}
                <span className="spans-chip-text">{quoted}</span> <span className="muted">{`${s.start}–${s.end}`}</span>
              </button>
              {!readOnly ? (
                <button
                  type="button"
                  className="icon-button"
                  aria-label={tt('spans.delete', { label: s.label, text: quoted })}
                  onClick={(e) => {
                    focusAfterRemove(e.currentTarget, '.spans-text');
                    onRemove(s.id);
                  }}
                >
                  ×
                </button>
              ) : null}
            </Fragment>
          </li>
        );
      })}
    </ul>
  );
}
