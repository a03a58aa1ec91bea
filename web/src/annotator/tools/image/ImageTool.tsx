import { lazy, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { SchemaField } from '../../../api/types';
import type { ToolProps } from '../../core/registry';
import { comboOf, isImeComposing } from '../../core/shortcuts';
import { useAnnotatorText } from '../../i18n';
import { FieldFrame } from '../FieldFrame';
import { MediaLabels, MediaSurface, useMediaKeys } from '../MediaShell';
import { textColorOn } from '../spans/labels';
import { isDegeneratePolygon, moveBox, movePolygon, clampPoint, nextMissingLabel, type Box, type Keypoint, type Point, type Polygon, type Size } from './geometry';
import type { ImageKind, ImageObject } from './ImageStage';
import { imageAction, IMAGE_RESERVED, keyedLabels } from './keys';
import { keyDraftBox, keyDrawAction, moveKeyDraft, resizeKeyDraft, startKeyDraft, stepOf, type KeyDraft } from './keydraw';
import { attributeDefs, cycleIndex, dataSize, mediaUrl, sourceKey, toggled, withAttribute, withoutIndex, type AttributeDef } from './objects';
import { fitViewport, toScreen, zoomAt, type Viewport } from './viewport';

// Konva is loaded only when an image field is on screen: text projects never download it.
const ImageStage = lazy(() => import('./ImageStage'));

export interface ImageField extends SchemaField {
  type: ImageKind;
  labels?: unknown[];
  attributes?: unknown[];
  skeleton?: [string, string][];
  source?: string;
}

function useImageElement(src: string | null) {
  const [state, setState] = useState<{ src: string | null; img: HTMLImageElement | null; failed: boolean }>({ src: null, img: null, failed: false });
  useEffect(() => {
    if (!src) return;
    const img = new window.Image();
    img.onload = () => setState({ src, img, failed: false });
    img.onerror = () => setState({ src, img: null, failed: true });
    img.src = src;
    return () => {
      img.onload = null;
      img.onerror = null;
    };
  }, [src]);
  return state.src === src ? state : { src, img: null, failed: false };
}

function useWidth(ref: React.RefObject<HTMLElement | null>, fallback = 800) {
  const [width, setWidth] = useState(fallback);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    if (el.clientWidth) setWidth(el.clientWidth);
    if (typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(([entry]) => setWidth(Math.max(200, Math.floor(entry.contentRect.width))));
    ro.observe(el);
    return () => ro.disconnect();
  }, [ref]);
  return width;
}

/**
 * The image tools (`boxes`, `polygons`, `keypoints`): the task's image on a canvas with zoom (wheel, + − 0) and pan
 * (drag the background in select mode, arrows with nothing selected), drawing and editing of the field's shapes,
 * an object list (select, hide, lock, delete) and the selected object's label and attributes. Every change to the
 * answer goes through `onChange`, so the annotator's undo/redo (Ctrl+Z, Ctrl+Shift+Z) covers it.
 */
export function ImageTool({ field, value, onChange, readOnly, active, onActivate, errors, idPrefix, data, fields }: ToolProps<ImageField, ImageObject[]>) {
  const tt = useAnnotatorText();
  const kind = field.type;
  const objects = useMemo(() => (Array.isArray(value) ? value : []), [value]);
  const labels = useMemo(() => keyedLabels(field.labels, IMAGE_RESERVED), [field.labels]);
  const colors = useMemo(() => Object.fromEntries(labels.map((l) => [l.value, l.color])), [labels]);
  const attrs = useMemo(() => attributeDefs(field), [field]);
  const src = mediaUrl(data[sourceKey(field, 'image')]);
  const { img, failed } = useImageElement(src);
  const size: Size | null = dataSize(data) ?? (img ? { width: img.naturalWidth, height: img.naturalHeight } : null);

  const wrapRef = useRef<HTMLDivElement>(null);
  const width = useWidth(wrapRef);
  const height = size ? Math.round(Math.min(640, Math.max(260, (width * size.height) / size.width))) : 320;
  const [viewportSet, setViewport] = useState<Viewport | null>(null);
  const viewport = viewportSet ?? (size ? fitViewport(size, { width, height }) : { scale: 1, x: 0, y: 0 });

  const [mode, setMode] = useState<'select' | 'draw'>('draw');
  const [label, setLabel] = useState(labels[0]?.value ?? '');
  const [selected, setSelected] = useState<number | null>(null);
  const [hidden, setHidden] = useState<ReadonlySet<number>>(new Set());
  const [locked, setLocked] = useState<ReadonlySet<number>>(new Set());
  const [draft, setDraft] = useState<Point[] | null>(null);
  // A new object drawn from the keyboard (N): the box, or the cross-hair of a polygon or key point.
  const [keyDraft, setKeyDraft] = useState<KeyDraft | null>(null);
  const [notice, setNotice] = useState('');
  const sel = selected !== null && selected < objects.length ? selected : null;

  function update(i: number, o: ImageObject) {
    onChange(objects.map((x, k) => (k === i ? o : x)));
  }
  function create(o: ImageObject) {
    const next = [...objects, o];
    onChange(next);
    setSelected(next.length - 1);
    setNotice('');
    // An object drawn with the mouse while a keyboard draft was open ends the draft.
    setKeyDraft(null);
  }
  function remove(i: number) {
    if (locked.has(i)) return setNotice(tt('image.lockedNotice'));
    const next = objects.filter((_, k) => k !== i);
    onChange(next.length ? next : undefined);
    setHidden(withoutIndex(hidden, i));
    setLocked(withoutIndex(locked, i));
    setSelected(null);
  }
  function finishDraft(): boolean {
    if (!draft) return false;
    if (isDegeneratePolygon(draft)) {
      setNotice(tt('image.polygonTooSmall'));
      return false;
    }
    create({ points: draft, label } as Polygon);
    setDraft(null);
    return true;
  }
  const labelText = (v: string) => labels.find((l) => l.value === v)?.text ?? v;

  /** N: a new object of this tool and label at the centre of the view, placed with the keys (keydraw.ts). */
  function startKeyDraw() {
    if (!size) return;
    const d = startKeyDraft(kind, viewport, { width, height }, size);
    setMode('draw');
    setDraft(null);
    setSelected(null);
    setKeyDraft(d);
    setNotice(`${tt(`image.keydraw.start.${kind}`)} ${keyDraftText(d, [])}`);
    wrapRef.current?.focus();
  }
  function keyDraftText(d: KeyDraft, points: Point[]): string {
    if (d.kind === 'boxes') return tt('image.keydraw.box', { w: Math.round(d.w), h: Math.round(d.h), x: Math.round(d.x), y: Math.round(d.y) });
    return tt('image.keydraw.at', { x: Math.round(d.at[0]), y: Math.round(d.at[1]), n: points.length });
  }
  /** Pans so that the draft stays on screen while the keys move it. */
  function keepInView(d: KeyDraft) {
    const [x0, y0] = toScreen(viewport, d.kind === 'boxes' ? d.x : d.at[0], d.kind === 'boxes' ? d.y : d.at[1]);
    const [x1, y1] = d.kind === 'boxes' ? toScreen(viewport, d.x + d.w, d.y + d.h) : [x0, y0];
    const m = 16;
    const dx = x1 > width - m ? width - m - x1 : x0 < m ? m - x0 : 0;
    const dy = y1 > height - m ? height - m - y1 : y0 < m ? m - y0 : 0;
    if (dx || dy) setViewport({ ...viewport, x: viewport.x + dx, y: viewport.y + dy });
  }
  function announceCreated(n: number, o: ImageObject) {
    const l = labelText(o.label);
    if (kind === 'boxes') {
      const b = o as Box;
      setNotice(tt('image.keydraw.created.boxes', { n, label: l, w: Math.round(b.w), h: Math.round(b.h), x: Math.round(b.x), y: Math.round(b.y) }));
    } else if (kind === 'polygons') setNotice(tt('image.keydraw.created.polygons', { n, label: l, points: (o as Polygon).points.length }));
    else setNotice(tt('image.keydraw.created.keypoints', { n, label: l, x: Math.round((o as Keypoint).x), y: Math.round((o as Keypoint).y) }));
  }
  /** The keys of an open keyboard draft; true when the key was the draft's. */
  function keyDrawKey(combo: string): boolean {
    if (!keyDraft) return false;
    const a = keyDrawAction(combo);
    if (!a) return false;
    const points = draft ?? [];
    const addVertex = (at: Point) => {
      const next = [...points, clampPoint(at[0], at[1], size)];
      setDraft(next);
      setNotice(tt('image.keydraw.vertex', { k: next.length, x: Math.round(at[0]), y: Math.round(at[1]) }));
    };
    switch (a.kind) {
      case 'move':
      case 'resize': {
        const step = stepOf(viewport.scale, a.fine);
        const d = a.kind === 'resize' && keyDraft.kind === 'boxes' ? resizeKeyDraft(keyDraft, a.dx * step, a.dy * step, size) : moveKeyDraft(keyDraft, a.dx * step, a.dy * step, size);
        setKeyDraft(d);
        keepInView(d);
        setNotice(keyDraftText(d, points));
        return true;
      }
      case 'undoVertex':
        if (keyDraft.kind === 'polygons' && points.length) {
          setDraft(points.length > 1 ? points.slice(0, -1) : null);
          setNotice(keyDraftText(keyDraft, points.slice(0, -1)));
        }
        return true;
      case 'cancel':
        setKeyDraft(null);
        setDraft(null);
        setNotice(tt('image.keydraw.cancelled'));
        return true;
      case 'vertex':
      case 'finish': {
        if (keyDraft.kind === 'polygons') {
          if (a.kind === 'vertex' || points.length < 3) addVertex(keyDraft.at);
          else if (finishDraft()) {
            setKeyDraft(null);
            announceCreated(objects.length + 1, { points, label } as Polygon);
          }
          return true;
        }
        if (keyDraft.kind === 'keypoints') {
          const [x, y] = clampPoint(keyDraft.at[0], keyDraft.at[1], size);
          const point: Keypoint = { x, y, label };
          create(point);
          setLabel(nextMissingLabel(labels.map((l) => l.value), [...(objects as Keypoint[]), point], label));
          setKeyDraft(null);
          announceCreated(objects.length + 1, point);
          return true;
        }
        if (a.kind === 'vertex') return true;
        const box = keyDraftBox(keyDraft);
        if (!box) return true;
        create({ ...box, label });
        setKeyDraft(null);
        announceCreated(objects.length + 1, { ...box, label });
        return true;
      }
    }
  }

  function pickLabel(value: string) {
    setLabel(value);
    if (sel !== null && !readOnly && !locked.has(sel) && objects[sel].label !== value) update(sel, { ...objects[sel], label: value });
  }

  useMediaKeys(wrapRef, { active, readOnly, fields }, (combo) => {
    const a = imageAction(combo, labels);
    if (!a) return false;
    switch (a.kind) {
      case 'label':
        pickLabel(a.value);
        return true;
      case 'mode':
        setMode(a.mode);
        setDraft(null);
        setKeyDraft(null);
        return true;
      case 'newObject':
        if (!size) return false;
        startKeyDraw();
        return true;
      case 'finish':
        if (!draft) return false;
        finishDraft();
        return true;
      case 'cancel':
        if (draft) setDraft(null);
        else if (sel !== null) setSelected(null);
        else return false;
        return true;
      case 'delete':
        if (draft) {
          setDraft(draft.length > 1 ? draft.slice(0, -1) : null);
          return true;
        }
        if (sel === null) return false;
        remove(sel);
        return true;
      case 'toggleHidden':
        if (sel === null) return false;
        setHidden(toggled(hidden, sel));
        setSelected(null);
        return true;
      case 'toggleLocked':
        if (sel === null) return false;
        setLocked(toggled(locked, sel));
        return true;
      case 'showAll':
        setHidden(new Set());
        return true;
      case 'zoom':
        setViewport(zoomAt(viewport, a.factor, width / 2, height / 2));
        return true;
      case 'fit':
        setViewport(null);
        return true;
      case 'cycle':
        setSelected(cycleIndex(objects.length, sel, a.step, hidden));
        return true;
      case 'nudge': {
        if (sel === null) {
          setViewport({ ...viewport, x: viewport.x - a.dx * 20, y: viewport.y - a.dy * 20 });
          return true;
        }
        if (locked.has(sel)) return true;
        const o = objects[sel];
        if (kind === 'boxes') update(sel, moveBox(o as Box, a.dx, a.dy, size));
        else if (kind === 'polygons') update(sel, movePolygon(o as Polygon, a.dx, a.dy, size));
        else {
          const [x, y] = clampPoint((o as Keypoint).x + a.dx, (o as Keypoint).y + a.dy, size);
          update(sel, { ...(o as Keypoint), x, y });
        }
        return true;
      }
    }
  });

  const descId = `${idPrefix}-${field.name}-canvas`;
  const hint = `${tt(kind === 'boxes' ? 'image.hint.boxes' : kind === 'polygons' ? 'image.hint.polygons' : 'image.hint.keypoints')} · ${tt('image.hint.keydraw')}`;
  return (
    <FieldFrame field={field} kind={`media-field image-field ${kind}`} idPrefix={idPrefix} active={active} readOnly={readOnly} onActivate={onActivate} errors={errors} hint={hint}>
      {!readOnly ? (
        <div className="media-toolbar" role="toolbar" aria-label={tt('image.toolbar')}>
          <button type="button" aria-pressed={mode === 'draw'} onClick={() => setMode('draw')} data-testid={`mode-draw-${field.name}`}>
            <kbd className="hotkey">D</kbd> {tt('image.draw')}
          </button>
          <button type="button" aria-pressed={mode === 'select'} onClick={() => (setMode('select'), setDraft(null))} data-testid={`mode-select-${field.name}`}>
            <kbd className="hotkey">V</kbd> {tt('image.select')}
          </button>
          <MediaLabels fieldName={field.name} labels={labels} value={label} onPick={pickLabel} name={tt('spans.labels')} />
          <button type="button" aria-pressed={keyDraft !== null} onClick={startKeyDraw} disabled={!size} data-testid={`keydraw-${field.name}`}>
            <kbd className="hotkey">N</kbd> {tt('image.keydraw.button')}
          </button>
          {draft ? (
            <button type="button" onClick={finishDraft} data-testid={`finish-${field.name}`}>
              <kbd className="hotkey">F</kbd> {tt('image.finish')}
            </button>
          ) : null}
        </div>
      ) : null}
      {/* An application: the canvas takes its own keys. Its text alternative is the size line and the object list. */}
      <MediaSurface
        surfaceRef={wrapRef}
        className="image-tool"
        name={tt('image.canvas')}
        describedBy={`${descId}-status ${descId}-objects`}
        testId={`image-${field.name}`}
        data={{ 'data-objects': objects.length, 'data-keydraw': keyDraft ? keyDraft.kind : undefined }}
        onKeyDown={(e) => {
          // A keyboard draft takes its keys here, before the page's shortcuts (Enter would submit the task).
          if (readOnly || !keyDraft || isImeComposing(e.nativeEvent)) return;
          if (keyDrawKey(comboOf(e.nativeEvent))) e.preventDefault();
        }}
        missing={!src ? tt('image.noImage', { key: sourceKey(field, 'image') }) : null}
        failed={failed ? tt('image.loadFailed') : null}
        loading={!img}
        loadingProps={{ className: 'muted', style: { height } }}
      >
        <ImageStage
          kind={kind}
          image={img}
          size={size}
          width={width}
          height={height}
          objects={objects}
          selected={sel}
          hidden={hidden}
          locked={locked}
          mode={mode}
          label={label}
          labels={labels.map((l) => l.value)}
          colors={colors}
          skeleton={field.skeleton}
          readOnly={readOnly}
          viewport={viewport}
          onViewport={setViewport}
          onSelect={setSelected}
          onCreate={create}
          onUpdate={update}
          onLabel={setLabel}
          draft={draft}
          onDraft={setDraft}
          onFinishDraft={finishDraft}
          keyDraft={keyDraft}
        />
      </MediaSurface>
      <p className="media-status muted" aria-live="polite" id={`${descId}-status`}>
        {notice || (size ? tt('image.status', { w: size.width, h: size.height, zoom: Math.round(viewport.scale * 100) }) : '')}
      </p>
      <ObjectList
        headingId={`${descId}-objects`}
        fieldName={field.name}
        kind={kind}
        objects={objects}
        selected={sel}
        hidden={hidden}
        locked={locked}
        readOnly={readOnly}
        labels={labels}
        attrs={attrs}
        onSelect={setSelected}
        onHide={(i) => setHidden(toggled(hidden, i))}
        onLock={(i) => setLocked(toggled(locked, i))}
        onDelete={remove}
        onUpdate={update}
      />
    </FieldFrame>
  );
}

function shapeText(kind: ImageKind, o: ImageObject): string {
  if (kind === 'boxes') {
    const b = o as Box;
    return `${Math.round(b.x)},${Math.round(b.y)} ${Math.round(b.w)}×${Math.round(b.h)}`;
  }
  if (kind === 'polygons') return `${(o as Polygon).points.length}`;
  const p = o as Keypoint;
  return `${Math.round(p.x)},${Math.round(p.y)}`;
}

/** The objects as a list beside the canvas (keyboard- and screen-reader-usable) and the selected one's attributes. */
export function ObjectList(props: {
  headingId?: string;
  fieldName: string;
  kind: ImageKind;
  objects: ImageObject[];
  selected: number | null;
  hidden: ReadonlySet<number>;
  locked: ReadonlySet<number>;
  readOnly: boolean;
  labels: { value: string; text: string; color: string }[];
  attrs: AttributeDef[];
  onSelect: (i: number | null) => void;
  onHide: (i: number) => void;
  onLock: (i: number) => void;
  onDelete: (i: number) => void;
  onUpdate: (i: number, o: ImageObject) => void;
}) {
  const tt = useAnnotatorText();
  const { fieldName, kind, objects, selected, hidden, locked, readOnly, labels, attrs } = props;
  const colorOf = (l: string) => labels.find((x) => x.value === l)?.color ?? '#2563eb';
  const sel = selected !== null ? objects[selected] : undefined;
  const editable = !readOnly && selected !== null && !locked.has(selected);
  return (
    <div className="media-objects">
      <p className="small-heading" id={props.headingId}>
        {tt('image.objects', { n: objects.length })}
      </p>
      {objects.length === 0 ? <p className="muted">{tt('image.none')}</p> : null}
      <ol className="media-object-list" data-testid={`objects-${fieldName}`}>
        {objects.map((o, i) => (
          <li key={i} className={i === selected ? 'picked' : undefined}>
            <button type="button" className="spans-chip" aria-pressed={i === selected} onClick={() => props.onSelect(i === selected ? null : i)}>
              <span className="spans-chip-label" style={{ background: colorOf(o.label), color: textColorOn(colorOf(o.label)) }}>
                {o.label}
              </span>{' '}
              <span className="muted small">
                #{i + 1} {shapeText(kind, o)}
              </span>
              {o.attributes && Object.keys(o.attributes).length ? <span className="small"> · {Object.entries(o.attributes).map(([k, v]) => (v === true ? k : `${k}=${v}`)).join(', ')}</span> : null}
            </button>
            <button type="button" className="link-button" aria-pressed={hidden.has(i)} onClick={() => props.onHide(i)} aria-label={tt(hidden.has(i) ? 'image.show' : 'image.hide', { n: i + 1 })}>
              {hidden.has(i) ? '◌' : '◉'}
            </button>
            {!readOnly ? (
              <>
                <button type="button" className="link-button" aria-pressed={locked.has(i)} onClick={() => props.onLock(i)} aria-label={tt(locked.has(i) ? 'image.unlock' : 'image.lock', { n: i + 1 })}>
                  {locked.has(i) ? '🔒' : '🔓'}
                </button>
                <button type="button" className="link-button danger" onClick={() => props.onDelete(i)} aria-label={tt('image.delete', { n: i + 1 })} disabled={locked.has(i)}>
                  ×
                </button>
              </>
            ) : null}
          </li>
        ))}
      </ol>
      {sel && selected !== null && !readOnly ? (
        <div className="media-attributes" data-testid={`attributes-${fieldName}`}>
          <p className="small-heading">{tt('image.selected', { n: selected + 1 })}</p>
          <label className="form-row">
            <span>{tt('image.label')}</span>
            <select value={sel.label} disabled={!editable} onChange={(e) => props.onUpdate(selected, { ...sel, label: e.target.value })}>
              {labels.map((l) => (
                <option key={l.value} value={l.value}>
                  {l.text}
                </option>
              ))}
            </select>
          </label>
          {attrs.map((a) =>
            a.type === 'boolean' ? (
              <label key={a.name} className="form-row inline">
                <input
                  type="checkbox"
                  checked={sel.attributes?.[a.name] === true}
                  disabled={!editable}
                  onChange={(e) => props.onUpdate(selected, withAttribute(sel, a.name, e.target.checked))}
                  data-testid={`attr-${fieldName}-${a.name}`}
                />
                <span>{a.name}</span>
              </label>
            ) : (
              <label key={a.name} className="form-row">
                <span>
                  {a.name}
                  {a.required ? ' *' : ''}
                </span>
                <select
                  value={typeof sel.attributes?.[a.name] === 'string' ? (sel.attributes[a.name] as string) : ''}
                  disabled={!editable}
                  onChange={(e) => props.onUpdate(selected, withAttribute(sel, a.name, e.target.value || null))}
                  data-testid={`attr-${fieldName}-${a.name}`}
                >
                  <option value="">{tt('relations.pick')}</option>
                  {a.values.map((v) => (
                    <option key={v} value={v}>
                      {v}
                    </option>
                  ))}
                </select>
              </label>
            ),
          )}
        </div>
      ) : null}
    </div>
  );
}
