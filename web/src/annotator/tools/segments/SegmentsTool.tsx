import { forwardRef, lazy, useEffect, useImperativeHandle, useMemo, useRef, useState, type TextareaHTMLAttributes } from 'react';
import type { SchemaField } from '../../../api/types';
import type { ToolProps } from '../../core/registry';
import { isImeComposing } from '../../core/shortcuts';
import { useAnnotatorText } from '../../i18n';
import type { AnnotatorMessageKey } from '../../messages';
import { FieldFrame } from '../FieldFrame';
import { MediaLabels, MediaSurface, useMediaKeys } from '../MediaShell';
import { keyedLabels } from '../image/keys';
import { textColorOn } from '../spans/labels';
import { mediaUrl, sourceKey } from '../image/objects';
import { imeStep, type ImeState } from './ime';
import { insertTag, ksponProblems, NOISE_TAGS, wrapDual, type Edit } from './kspon';
import { formatTime, insertSegment, parsePeaks, retime, segmentAction, SEGMENT_RESERVED, segmentBetween, SPEEDS, stepSpeed, type Segment } from './model';
import type { PlayerControl } from './Waveform';

// wavesurfer.js is loaded only when a speech field is on screen.
const Waveform = lazy(() => import('./Waveform'));

export interface SegmentsField extends SchemaField {
  type: 'segments';
  labels?: unknown[];
  transcript?: boolean;
  conventions?: string;
  source?: string;
}

/** Fetches the server's precomputed peaks; null while loading, false when there are none (then the file is decoded). */
function usePeaks(url: string | null) {
  const [got, setGot] = useState<{ url: string | null; peaks: { peaks: number[][]; duration: number | null } | false | null }>({ url: null, peaks: null });
  useEffect(() => {
    if (!url) return;
    let live = true;
    fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then((r) => (r.ok ? r.json() : null))
      .then((j) => live && setGot({ url, peaks: parsePeaks(j) ?? false }))
      .catch(() => live && setGot({ url, peaks: false }));
    return () => {
      live = false;
    };
  }, [url]);
  return got.url === url ? got.peaks : null;
}

/**
 * A `segments` field: the task's audio as a waveform (server peaks, so it opens at once) with play/pause, seek,
 * playback speed, segments drawn by dragging on the waveform or marked with M at the playhead, and per segment a
 * speaker label and (when the field asks for it) a transcript typed through an IME-safe text box, with helpers for
 * the KsponSpeech conventions when the field says `"conventions": "kspon"`.
 */
export function SegmentsTool({ field, value, onChange, readOnly, active, onActivate, errors, idPrefix, data, fields }: ToolProps<SegmentsField, Segment[]>) {
  const tt = useAnnotatorText();
  const segments = useMemo(() => (Array.isArray(value) ? value : []), [value]);
  const labels = useMemo(() => keyedLabels(field.labels, SEGMENT_RESERVED), [field.labels]);
  const colors = useMemo(() => Object.fromEntries(labels.map((l) => [l.value, l.color])), [labels]);
  const ref = data[sourceKey(field, 'audio')];
  const url = mediaUrl(ref);
  const peaksUrl = mediaUrl(ref, 'peaks');
  const peaks = usePeaks(peaksUrl);
  const dataDuration = typeof data.duration === 'number' && data.duration > 0 ? data.duration : null;
  const [loadedDuration, setLoadedDuration] = useState<number | null>(null);
  const duration = dataDuration ?? (peaks ? peaks.duration : null) ?? loadedDuration;

  const control = useRef<PlayerControl | null>(null);
  const wrapRef = useRef<HTMLDivElement>(null);
  const [time, setTime] = useState(0);
  const [playing, setPlaying] = useState(false);
  const [rate, setRate] = useState(1);
  const [failed, setFailed] = useState(false);
  const [selected, setSelected] = useState<number | null>(null);
  const [label, setLabel] = useState(labels[0]?.value ?? '');
  const [markFrom, setMarkFrom] = useState<number | null>(null);
  const [notice, setNotice] = useState('');
  const sel = selected !== null && selected < segments.length ? selected : null;
  const transcripts = field.transcript === true;
  const kspon = field.conventions === 'kspon';

  function add(start: number, end: number) {
    const s = segmentBetween(start, end, duration, label);
    if (!s) return setNotice(tt('segments.tooShort'));
    const r = insertSegment(segments, transcripts ? { ...s, transcript: '' } : s);
    onChange(r.segments);
    setSelected(r.index);
    // Said in the live region, as a new image object is: whoever marked it with M hears where it went.
    setNotice(tt('segments.created', { n: r.index + 1, label: labels.find((l) => l.value === s.label)?.text ?? s.label, from: formatTime(s.start), to: formatTime(s.end) }));
  }
  function update(i: number, s: Segment) {
    onChange(segments.map((x, k) => (k === i ? s : x)));
  }
  function remove(i: number) {
    const next = segments.filter((_, k) => k !== i);
    onChange(next.length ? next : undefined);
    setSelected(null);
  }
  function pickLabel(v: string) {
    setLabel(v);
    if (sel !== null && !readOnly && segments[sel].label !== v) update(sel, { ...segments[sel], label: v });
  }
  function mark() {
    const now = control.current?.time() ?? time;
    if (markFrom === null) setMarkFrom(now);
    else {
      add(markFrom, now);
      setMarkFrom(null);
    }
  }

  useMediaKeys(wrapRef, { active, readOnly, fields }, (combo) => {
    const a = segmentAction(combo, labels);
    if (!a) return false;
    switch (a.kind) {
      case 'label':
        pickLabel(a.value);
        return true;
      case 'play':
        control.current?.playPause();
        return true;
      case 'mark':
        mark();
        return true;
      case 'seek':
        control.current?.seek((control.current?.time() ?? time) + a.by);
        return true;
      case 'speed':
        setRate(stepSpeed(rate, a.dir));
        return true;
      case 'delete':
        if (sel === null) return false;
        remove(sel);
        return true;
      case 'cancel':
        if (markFrom !== null) setMarkFrom(null);
        else if (sel !== null) setSelected(null);
        else return false;
        return true;
      case 'cycle': {
        if (!segments.length) return false;
        const i = sel === null ? (a.step > 0 ? 0 : segments.length - 1) : (sel + a.step + segments.length) % segments.length;
        setSelected(i);
        control.current?.seek(segments[i].start);
        return true;
      }
    }
  });

  const descId = `${idPrefix}-${field.name}-wave`;
  return (
    <FieldFrame field={field} kind="media-field segments" idPrefix={idPrefix} active={active} readOnly={readOnly} onActivate={onActivate} errors={errors} hint={tt('segments.hint')}>
      {/* An application: the waveform takes its own keys. Its text alternative is the time and the segment list. */}
      <MediaSurface
        surfaceRef={wrapRef}
        className="segments-tool"
        name={tt('segments.waveform')}
        describedBy={`${descId}-time ${descId}-list`}
        testId={`segments-${field.name}`}
        data={{ 'data-segments': segments.length }}
        missing={!url ? tt('segments.noAudio', { key: sourceKey(field, 'audio') }) : null}
        failed={failed ? tt('segments.loadFailed') : null}
        loading={peaks === null && !!peaksUrl}
        loadingProps={{ className: 'muted waveform' }}
        extra={
          <div className="media-toolbar" role="toolbar" aria-label={tt('segments.waveform')}>
            <button type="button" onClick={() => control.current?.playPause()} data-testid={`play-${field.name}`}>
              <kbd className="hotkey">Space</kbd> {tt(playing ? 'segments.pause' : 'segments.play')}
            </button>
            <span className="media-time" aria-live="off" id={`${descId}-time`} data-testid={`time-${field.name}`}>
              {formatTime(time)}
              {duration ? ` / ${formatTime(duration)}` : ''}
            </span>
            <label>
              <span className="sr-only">{tt('segments.speed')}</span>
              <select value={rate} onChange={(e) => setRate(Number(e.target.value))} aria-label={tt('segments.speed')}>
                {SPEEDS.map((s) => (
                  <option key={s} value={s}>
                    {s}×
                  </option>
                ))}
              </select>
            </label>
            {!readOnly ? (
              <>
                <button type="button" aria-pressed={markFrom !== null} onClick={mark} data-testid={`mark-${field.name}`}>
                  <kbd className="hotkey">M</kbd> {tt('segments.mark')}
                </button>
                <MediaLabels fieldName={field.name} labels={labels} value={label} onPick={pickLabel} name={tt('segments.speaker')} />
              </>
            ) : null}
          </div>
        }
      >
        {url ? (
          <Waveform
            url={url}
            peaks={peaks ? peaks.peaks : null}
            duration={duration}
            segments={segments}
            selected={sel}
            colors={colors}
            readOnly={readOnly}
            rate={rate}
            control={control}
            onCreate={add}
            onRetime={(i, start, end) => {
              const s = segments[i] && retime(segments[i], start, end, duration);
              if (s) update(i, s);
              setSelected(i);
            }}
            onSelect={setSelected}
            onTime={setTime}
            onPlaying={setPlaying}
            onReady={(d) => setLoadedDuration(d)}
            onError={() => setFailed(true)}
          />
        ) : null}
      </MediaSurface>
      <p className="media-status muted" aria-live="polite">
        {notice || (markFrom !== null ? tt('segments.marking', { t: markFrom.toFixed(2) }) : '')}
      </p>
      <p className="small-heading" id={`${descId}-list`}>
        {tt('segments.list', { n: segments.length })}
      </p>
      {segments.length === 0 ? <p className="muted">{tt('segments.none')}</p> : null}
      <ol className="segment-list" data-testid={`segment-list-${field.name}`}>
        {segments.map((s, i) => (
          <li key={i} className={`segment-row${i === sel ? ' picked' : ''}`} onFocus={() => setSelected(i)} data-testid={`segment-${field.name}-${i}`}>
            <div className="segment-head">
              <button type="button" className="spans-chip" aria-pressed={i === sel} onClick={() => (setSelected(i), control.current?.seek(s.start))}>
                <span className="spans-chip-label" style={{ background: colors[s.label] ?? '#2563eb', color: textColorOn(colors[s.label] ?? '#2563eb') }}>
                  {s.label}
                </span>{' '}
                <span className="small">
                  {formatTime(s.start)} – {formatTime(s.end)}
                </span>
              </button>
              <button type="button" className="link-button" onClick={() => control.current?.playRange(s.start, s.end)} aria-label={tt('segments.playSegment', { n: i + 1 })}>
                ▶
              </button>
              {!readOnly ? (
                <>
                  <TimeInput label={tt('segments.start')} value={s.start} onCommit={(v) => {
                    const r = retime(s, v, s.end, duration);
                    if (r) update(i, r);
                  }} />
                  <TimeInput label={tt('segments.end')} value={s.end} onCommit={(v) => {
                    const r = retime(s, s.start, v, duration);
                    if (r) update(i, r);
                  }} />
                  <label>
                    <span className="sr-only">{tt('segments.speaker')}</span>
                    <select aria-label={tt('segments.speaker')} value={s.label} onChange={(e) => update(i, { ...s, label: e.target.value })} data-testid={`speaker-${field.name}-${i}`}>
                      {labels.map((l) => (
                        <option key={l.value} value={l.value}>
                          {l.text}
                        </option>
                      ))}
                    </select>
                  </label>
                  <button type="button" className="link-button danger" onClick={() => remove(i)} aria-label={tt('segments.delete', { n: i + 1 })}>
                    ×
                  </button>
                </>
              ) : null}
            </div>
            {transcripts ? (
              readOnly ? (
                <p className="segment-transcript" lang="ko">
                  {s.transcript ?? ''}
                </p>
              ) : (
                <TranscriptBox
                  id={`${idPrefix}-${field.name}-t${i}`}
                  label={tt('segments.transcript')}
                  value={s.transcript ?? ''}
                  kspon={kspon}
                  onCommit={(text) => update(i, { ...s, transcript: text })}
                  testId={`transcript-${field.name}-${i}`}
                />
              )
            ) : null}
          </li>
        ))}
      </ol>
    </FieldFrame>
  );
}

function TimeInput({ label, value, onCommit }: { label: string; value: number; onCommit: (v: number) => void }) {
  const [text, setText] = useState<string | null>(null);
  return (
    <label className="segment-time">
      <span className="small muted">{label}</span>
      <input
        type="number"
        step="0.01"
        min="0"
        value={text ?? String(value)}
        onChange={(e) => setText(e.target.value)}
        onBlur={() => {
          const v = Number(text);
          if (text !== null && text !== '' && Number.isFinite(v)) onCommit(v);
          setText(null);
        }}
      />
    </label>
  );
}

const TAG_KEYS: Record<string, AnnotatorMessageKey> = { 'b/': 'kspon.tag.b', 'n/': 'kspon.tag.n', 'l/': 'kspon.tag.l', 'o/': 'kspon.tag.o', 'u/': 'kspon.tag.u' };

/** A transcript box with the KsponSpeech helpers under it (when the field follows those conventions). */
function TranscriptBox({ id, label, value, kspon, onCommit, testId }: { id: string; label: string; value: string; kspon: boolean; onCommit: (v: string) => void; testId: string }) {
  const tt = useAnnotatorText();
  const box = useRef<HTMLTextAreaElement>(null);
  function apply(edit: (text: string, start: number, end: number) => Edit) {
    const el = box.current;
    if (!el) return;
    const e = edit(el.value, el.selectionStart, el.selectionEnd);
    onCommit(e.text);
    requestAnimationFrame(() => {
      el.focus();
      el.setSelectionRange(e.selStart, e.selEnd);
    });
  }
  const problems = kspon ? ksponProblems(value) : [];
  return (
    <div className="segment-transcript">
      <label htmlFor={id} className="sr-only">
        {label}
      </label>
      <ImeTextarea ref={box} id={id} lang="ko" rows={2} placeholder={label} value={value} onCommit={onCommit} data-testid={testId} aria-invalid={problems.length > 0 || undefined} />
      {kspon ? (
        <div className="kspon-tools" role="toolbar" aria-label={tt('kspon.tools')}>
          {/* onMouseDown keeps the text box's selection: the helper works on what is selected there. */}
          <button type="button" title={tt('kspon.dual.title')} onMouseDown={(e) => e.preventDefault()} onClick={() => apply(wrapDual)}>
            {tt('kspon.dual')}
          </button>
          {NOISE_TAGS.map((tag) => (
            <button key={tag} type="button" onMouseDown={(e) => e.preventDefault()} onClick={() => apply((t, s, e) => insertTag(t, s, e, tag))}>
              {tt(TAG_KEYS[tag])}
            </button>
          ))}
          <button type="button" onMouseDown={(e) => e.preventDefault()} onClick={() => apply((t, s, e) => insertTag(t, s, e, '*'))}>
            {tt('kspon.unclear')}
          </button>
          {problems.map((p) => (
            <span key={p} className="field-errors small">
              {tt(p === 'parens' ? 'kspon.problem.parens' : 'kspon.problem.dual')}
            </span>
          ))}
        </div>
      ) : null}
    </div>
  );
}

/**
 * A text area whose text reaches the answer only outside Hangul composition (see ./ime): while a syllable is being
 * composed the text stays in the box, and the keys pressed belong to the IME, not to the page's shortcuts.
 */
export const ImeTextarea = forwardRef<HTMLTextAreaElement, Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'value' | 'onChange'> & { value: string; onCommit: (v: string) => void }>(
  function ImeTextarea({ value, onCommit, ...rest }, ref) {
    const inner = useRef<HTMLTextAreaElement>(null);
    useImperativeHandle(ref, () => inner.current!, []);
    const [st, setSt] = useState<ImeState>({ draft: value, composing: false });
    // Events of one composition can arrive in one task (input, then compositionend): each step reads the last one's
    // state from here, not from the render that is not done yet.
    const live = useRef(st);
    const [seen, setSeen] = useState(value);
    if (seen !== value) {
      setSeen(value);
      const r = imeStep(st, { type: 'external', value });
      if (r.state !== st) setSt(r.state);
    }
    function step(e: Parameters<typeof imeStep>[1]) {
      const r = imeStep(live.current, e);
      live.current = r.state;
      setSt(r.state);
      if (r.commit !== undefined && r.commit !== value) onCommit(r.commit);
    }
    return (
      <textarea
        {...rest}
        ref={inner}
        value={st.draft}
        onCompositionStart={() => step({ type: 'compositionstart' })}
        onCompositionEnd={(e) => step({ type: 'compositionend', value: e.currentTarget.value })}
        onChange={(e) => step({ type: 'input', value: e.target.value, isComposing: (e.nativeEvent as InputEvent).isComposing })}
        onKeyDown={(e) => {
          if (st.composing || isImeComposing(e.nativeEvent)) e.stopPropagation();
        }}
      />
    );
  },
);
