import { Suspense, type CSSProperties, type KeyboardEvent as ReactKeyboardEvent, type ReactNode, type RefObject } from 'react';
import type { SchemaField } from '../../api/types';
import { useShortcut, type ShortcutEntry } from '../core/shortcuts';
import { useAnnotatorText } from '../i18n';
import type { KeyedLabel } from './image/keys';
import { textColorOn } from './spans/labels';

/**
 * What the media tools (the image tools and `segments`) share around their canvas or waveform: whose keys are whose
 * when a schema has several of them, and the label (or speaker) picker. One place, so that the image and the speech
 * tools cannot drift apart in how a labeler reaches them from the keyboard.
 */

/** The field types drawn by a media tool, each in its own `.media-tool` element. */
export const MEDIA_FIELD_TYPES: readonly string[] = ['boxes', 'polygons', 'keypoints', 'segments'];

/**
 * A media tool's keys, registered while it is editable. A key is the tool's when focus is inside its `.media-tool`
 * element, or (focus elsewhere, not in another media tool) when its field is the active one or the schema's only media
 * field. The handler returns false when it did not use the key.
 */
export function useMediaKeys(wrapRef: RefObject<HTMLElement | null>, opts: { active: boolean; readOnly: boolean; fields?: SchemaField[] }, handler: ShortcutEntry['handler']) {
  const soleField = (opts.fields ?? []).filter((f) => MEDIA_FIELD_TYPES.includes(f.type)).length <= 1;
  useShortcut(
    '*',
    (combo, e) => {
      const target = e.target instanceof Element ? e.target : null;
      const inside = !!target && !!wrapRef.current?.contains(target);
      const inOther = !!target?.closest('.media-tool') && !inside;
      if (inOther || !(inside || opts.active || soleField)) return false;
      return handler(combo, e);
    },
    { enabled: !opts.readOnly },
  );
}

/** The labels (speakers) of a media field as a radio group of buttons with their hotkeys and colours. */
export function MediaLabels({ fieldName, labels, value, onPick, name }: { fieldName: string; labels: KeyedLabel[]; value: string; onPick: (value: string) => void; name: string }) {
  return (
    <span className="media-labels" role="radiogroup" aria-label={name}>
      {labels.map((l) => (
        <button
          key={l.value}
          type="button"
          role="radio"
          aria-checked={value === l.value}
          className="media-label"
          style={{ borderColor: l.color, background: value === l.value ? l.color : undefined, color: value === l.value ? textColorOn(l.color) : undefined }}
          onClick={() => onPick(l.value)}
          data-testid={`label-${fieldName}-${l.value}`}
        >
          {l.hotkey ? <kbd className="hotkey">{l.hotkey}</kbd> : null} {l.text}
        </button>
      ))}
    </span>
  );
}

export interface MediaSurfaceProps {
  surfaceRef: RefObject<HTMLDivElement | null>;
  /** `image-tool` or `segments-tool`, beside `media-tool` (what useMediaKeys looks for). */
  className: string;
  /** The accessible name of the canvas or waveform (it is an application: it takes its own keys). */
  name: string;
  /** Its text alternative: the ids of the status line and the object list. */
  describedBy: string;
  testId: string;
  /** data-* attributes the tests and e2e read (counts, what is being drawn). */
  data?: Record<`data-${string}`, string | number | undefined>;
  onKeyDown?: (e: ReactKeyboardEvent<HTMLDivElement>) => void;
  /** The sentence when the task has no media for the field (null: it has). */
  missing: string | null;
  /** The sentence when the media could not be loaded (null: not failed). */
  failed: string | null;
  loading: boolean;
  /** The loading line's look (the waveform's height, the canvas's height), also while the lazy tool loads. */
  loadingProps?: { className?: string; style?: CSSProperties };
  /** The canvas or waveform itself, lazy-loaded. */
  children: ReactNode;
  /** What follows inside the surface (the waveform's toolbar). */
  extra?: ReactNode;
}

/**
 * The focusable `role="application"` element a media tool draws in, with the sentences for no media, failed and
 * loading, and the lazy tool in a Suspense boundary.
 */
export function MediaSurface(props: MediaSurfaceProps) {
  const tt = useAnnotatorText();
  const loadingLine = (
    <p className={props.loadingProps?.className ?? 'muted'} style={props.loadingProps?.style}>
      {tt('media.loading')}
    </p>
  );
  return (
    <div
      className={`media-tool ${props.className}`}
      ref={props.surfaceRef}
      tabIndex={0}
      role="application"
      aria-label={props.name}
      aria-describedby={props.describedBy}
      data-testid={props.testId}
      {...props.data}
      onKeyDown={props.onKeyDown}
    >
      {props.missing !== null ? (
        <p className="muted">{props.missing}</p>
      ) : props.failed !== null ? (
        <p className="field-errors">{props.failed}</p>
      ) : props.loading ? (
        loadingLine
      ) : (
        <Suspense fallback={loadingLine}>{props.children}</Suspense>
      )}
      {props.extra}
    </div>
  );
}
