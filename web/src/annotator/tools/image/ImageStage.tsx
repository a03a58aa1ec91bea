import type Konva from 'konva';
import { memo, useEffect, useRef, useState } from 'react';
import { Circle, Group, Image as KImage, Layer, Line, Rect, Stage, Transformer } from 'react-konva';
import {
  boxFromCorners,
  clampPoint,
  closesPolygon,
  insertVertex,
  isDegenerateBox,
  moveBox,
  movePolygon,
  moveVertex,
  nextMissingLabel,
  removeVertex,
  round,
  skeletonLines,
  type Box,
  type Keypoint,
  type Point,
  type Polygon,
  type Size,
} from './geometry';
import type { KeyDraft } from './keydraw';
import { pan, toImage, wheelFactor, zoomAt, type Viewport } from './viewport';

export type ImageKind = 'boxes' | 'polygons' | 'keypoints';
export type ImageObject = Box | Polygon | Keypoint;

export interface ImageStageProps {
  kind: ImageKind;
  image: HTMLImageElement | null;
  size: Size | null;
  width: number;
  height: number;
  objects: ImageObject[];
  selected: number | null;
  hidden: ReadonlySet<number>;
  locked: ReadonlySet<number>;
  mode: 'select' | 'draw';
  label: string;
  labels: string[];
  colors: Record<string, string>;
  skeleton?: unknown;
  readOnly: boolean;
  viewport: Viewport;
  onViewport: (v: Viewport) => void;
  onSelect: (i: number | null) => void;
  onCreate: (o: ImageObject) => void;
  onUpdate: (i: number, o: ImageObject) => void;
  /** Key points: the label to place next (after a point is placed, the next label still missing). */
  onLabel: (label: string) => void;
  /** The polygon being drawn, owned by the tool so its keys (finish, cancel, undo a vertex) reach it. */
  draft: Point[] | null;
  onDraft: (points: Point[] | null) => void;
  /** Finish the polygon being drawn (double-click, or a click on its first vertex). */
  onFinishDraft: () => void;
  /** A new object being placed with the keys (N): its box, or the cross-hair of a polygon or key point. */
  keyDraft?: KeyDraft | null;
}

const STROKE = 2;
const fallbackColor = '#2563eb';

/**
 * The Konva canvas of the image tools. Three layers, so that work costs in proportion to what changes:
 * - the image, never listening (it only redraws on zoom and pan);
 * - every object that is not selected, drawn by a memoised component (React does not even visit it while one
 *   object is dragged) with perfect drawing and stroke scaling off;
 * - the selected object, its handles and what is being drawn: the only layer that redraws while dragging.
 * Geometry changes reach the answer once, at the end of a drag (one undo step), never per mouse move.
 */
export default function ImageStage(props: ImageStageProps) {
  const { kind, image, size, width, height, objects, selected, hidden, locked, mode, label, colors, readOnly, viewport, onViewport } = props;
  const stageRef = useRef<Konva.Stage>(null);
  const [dragStart, setDragStart] = useState<Point | null>(null);
  const [dragNow, setDragNow] = useState<Point | null>(null);
  const [cursor, setCursor] = useState<Point | null>(null);
  const drawing = !readOnly && mode === 'draw';

  function pointer(): Point | null {
    const p = stageRef.current?.getPointerPosition();
    return p ? toImage(viewport, p.x, p.y) : null;
  }

  function onWheel(e: Konva.KonvaEventObject<WheelEvent>) {
    e.evt.preventDefault();
    const p = stageRef.current?.getPointerPosition();
    if (!p) return;
    if (e.evt.ctrlKey || !e.evt.shiftKey) onViewport(zoomAt(viewport, wheelFactor(e.evt.deltaY), p.x, p.y));
    else onViewport(pan(viewport, -e.evt.deltaY, 0));
  }

  function onMouseDown(e: Konva.KonvaEventObject<MouseEvent>) {
    if (e.evt.button !== 0) return;
    const p = pointer();
    if (!p) return;
    if (!drawing) {
      if (e.target === e.target.getStage() || e.target.name() === 'background') props.onSelect(null);
      return;
    }
    if (kind === 'boxes') {
      setDragStart(p);
      setDragNow(p);
    } else if (kind === 'polygons') {
      const draft = props.draft ?? [];
      if (closesPolygon(draft, p[0], p[1], viewport.scale)) props.onFinishDraft();
      else props.onDraft([...draft, clampPoint(p[0], p[1], size)]);
    } else {
      const [x, y] = clampPoint(p[0], p[1], size);
      const point: Keypoint = { x, y, label };
      props.onCreate(point);
      props.onLabel(nextMissingLabel(props.labels, [...(objects as Keypoint[]), point], label));
    }
  }

  function onMouseMove() {
    if (!drawing) return;
    const p = pointer();
    if (kind === 'boxes' && dragStart && p) setDragNow(p);
    if (kind === 'polygons' && props.draft) setCursor(p);
  }

  function onMouseUp() {
    if (kind !== 'boxes' || !dragStart || !dragNow) return;
    const b = boxFromCorners(dragStart, dragNow, size);
    setDragStart(null);
    setDragNow(null);
    if (!isDegenerateBox(b)) props.onCreate({ ...b, label });
  }

  const keyDraft = props.keyDraft ?? null;
  const newBox = keyDraft?.kind === 'boxes' ? keyDraft : dragStart && dragNow ? boxFromCorners(dragStart, dragNow, size) : null;
  const crossHair = keyDraft && keyDraft.kind !== 'boxes' ? keyDraft.at : null;
  const rubber = crossHair ?? cursor;
  const sel = selected !== null && !hidden.has(selected) ? objects[selected] : undefined;
  const selLocked = selected !== null && locked.has(selected);
  const color = (l: string) => colors[l] ?? fallbackColor;

  return (
    <Stage
      ref={stageRef}
      width={width}
      height={height}
      x={viewport.x}
      y={viewport.y}
      scaleX={viewport.scale}
      scaleY={viewport.scale}
      draggable={!drawing}
      onDragEnd={(e) => {
        if (e.target === e.target.getStage()) onViewport({ scale: viewport.scale, x: e.target.x(), y: e.target.y() });
      }}
      onWheel={onWheel}
      onMouseDown={onMouseDown}
      onMouseMove={onMouseMove}
      onMouseUp={onMouseUp}
      onDblClick={() => {
        if (drawing && kind === 'polygons') props.onFinishDraft();
      }}
      style={{ cursor: drawing ? 'crosshair' : 'default' }}
    >
      <Layer listening={!drawing}>
        {image ? <KImage image={image} name="background" width={size?.width ?? image.naturalWidth} height={size?.height ?? image.naturalHeight} /> : null}
      </Layer>
      <StaticShapes kind={kind} objects={objects} skip={selected} hidden={hidden} locked={locked} colors={colors} skeleton={props.skeleton} listening={!drawing} onSelect={props.onSelect} />
      <Layer>
        {sel && kind === 'boxes' ? (
          <SelectedBox box={sel as Box} index={selected!} color={color(sel.label)} editable={!readOnly && !drawing && !selLocked} size={size} onUpdate={props.onUpdate} />
        ) : null}
        {sel && kind === 'polygons' ? (
          <SelectedPolygon polygon={sel as Polygon} index={selected!} color={color(sel.label)} editable={!readOnly && !drawing && !selLocked} size={size} scale={viewport.scale} stage={stageRef} viewport={viewport} onUpdate={props.onUpdate} />
        ) : null}
        {sel && kind === 'keypoints' ? (
          <KeypointShape point={sel as Keypoint} index={selected!} color={color(sel.label)} scale={viewport.scale} selected draggable={!readOnly && !drawing && !selLocked} size={size} onUpdate={props.onUpdate} />
        ) : null}
        {newBox ? <Rect {...{ x: newBox.x, y: newBox.y, width: newBox.w, height: newBox.h }} stroke={color(label)} strokeWidth={STROKE} strokeScaleEnabled={false} dash={[6, 4]} listening={false} /> : null}
        {props.draft ? (
          <>
            <Line points={[...props.draft.flat(), ...(rubber ? rubber : [])]} stroke={color(label)} strokeWidth={STROKE} strokeScaleEnabled={false} dash={[6, 4]} listening={false} />
            {props.draft.map(([x, y], i) => (
              <Circle key={i} x={x} y={y} radius={(i === 0 ? 6 : 4) / viewport.scale} fill={i === 0 ? '#fff' : color(label)} stroke={color(label)} strokeWidth={1} strokeScaleEnabled={false} listening={false} />
            ))}
          </>
        ) : null}
        {crossHair ? (
          <Group listening={false}>
            <Line points={[crossHair[0] - 12 / viewport.scale, crossHair[1], crossHair[0] + 12 / viewport.scale, crossHair[1]]} stroke={color(label)} strokeWidth={STROKE} strokeScaleEnabled={false} />
            <Line points={[crossHair[0], crossHair[1] - 12 / viewport.scale, crossHair[0], crossHair[1] + 12 / viewport.scale]} stroke={color(label)} strokeWidth={STROKE} strokeScaleEnabled={false} />
            <Circle x={crossHair[0]} y={crossHair[1]} radius={4 / viewport.scale} stroke="#fff" strokeWidth={1} strokeScaleEnabled={false} />
          </Group>
        ) : null}
      </Layer>
    </Stage>
  );
}

interface StaticShapesProps {
  kind: ImageKind;
  objects: ImageObject[];
  skip: number | null;
  hidden: ReadonlySet<number>;
  locked: ReadonlySet<number>;
  colors: Record<string, string>;
  skeleton?: unknown;
  listening: boolean;
  onSelect: (i: number | null) => void;
}

/** Every object but the selected one. Memoised: a drag elsewhere never re-renders a thousand shapes. */
const StaticShapes = memo(function StaticShapes({ kind, objects, skip, hidden, locked, colors, skeleton, listening, onSelect }: StaticShapesProps) {
  const color = (l: string) => colors[l] ?? fallbackColor;
  const shown = objects.map((o, i) => [o, i] as const).filter(([, i]) => i !== skip && !hidden.has(i));
  return (
    <Layer listening={listening}>
      {kind === 'keypoints'
        ? skeletonLines(objects.filter((_, i) => !hidden.has(i)) as Keypoint[], skeleton).map(([a, b], k) => (
            <Line key={`s${k}`} points={[...a, ...b]} stroke="#facc15" strokeWidth={STROKE} strokeScaleEnabled={false} listening={false} perfectDrawEnabled={false} />
          ))
        : null}
      {shown.map(([o, i]) => {
        const c = color(o.label);
        const common = {
          key: i,
          stroke: c,
          strokeWidth: STROKE,
          strokeScaleEnabled: false,
          perfectDrawEnabled: false,
          shadowForStrokeEnabled: false,
          dash: locked.has(i) ? [4, 3] : undefined,
          onMouseDown: (e: Konva.KonvaEventObject<MouseEvent>) => {
            if (e.evt.button !== 0) return;
            e.cancelBubble = true;
            onSelect(i);
          },
        };
        if (kind === 'boxes') {
          const b = o as Box;
          return <Rect {...common} x={b.x} y={b.y} width={b.w} height={b.h} fill={`${c}1a`} />;
        }
        if (kind === 'polygons') {
          return <Line {...common} points={(o as Polygon).points.flat()} closed fill={`${c}26`} />;
        }
        const p = o as Keypoint;
        return <Circle {...common} x={p.x} y={p.y} radius={4} fill={c} strokeWidth={1} />;
      })}
    </Layer>
  );
});

function SelectedBox({ box, index, color, editable, size, onUpdate }: { box: Box; index: number; color: string; editable: boolean; size: Size | null; onUpdate: (i: number, o: ImageObject) => void }) {
  const rectRef = useRef<Konva.Rect>(null);
  const trRef = useRef<Konva.Transformer>(null);
  useEffect(() => {
    if (editable && rectRef.current && trRef.current) trRef.current.nodes([rectRef.current]);
  }, [editable, box]);
  return (
    <>
      <Rect
        ref={rectRef}
        x={box.x}
        y={box.y}
        width={box.w}
        height={box.h}
        stroke={color}
        strokeWidth={STROKE + 1}
        strokeScaleEnabled={false}
        fill={`${color}33`}
        draggable={editable}
        onMouseDown={(e) => (e.cancelBubble = true)}
        onDragEnd={(e) => {
          const node = e.target;
          const moved = moveBox(box, node.x() - box.x, node.y() - box.y, size);
          node.position({ x: moved.x, y: moved.y });
          onUpdate(index, moved);
        }}
        onTransformEnd={() => {
          const node = rectRef.current!;
          const w = node.width() * node.scaleX();
          const h = node.height() * node.scaleY();
          node.scale({ x: 1, y: 1 });
          const r = boxFromCorners([node.x(), node.y()], [node.x() + w, node.y() + h], size);
          node.setAttrs({ x: r.x, y: r.y, width: r.w, height: r.h });
          onUpdate(index, { ...box, ...r });
        }}
      />
      {editable ? (
        <Transformer
          ref={trRef}
          rotateEnabled={false}
          flipEnabled={false}
          ignoreStroke
          keepRatio={false}
          anchorSize={8}
          // Anchors sit outside the box: a small box stays draggable by its middle.
          padding={6}
          boundBoxFunc={(oldBox, newBox) => (newBox.width < 1 || newBox.height < 1 ? oldBox : newBox)}
        />
      ) : null}
    </>
  );
}

function SelectedPolygon(props: {
  polygon: Polygon;
  index: number;
  color: string;
  editable: boolean;
  size: Size | null;
  scale: number;
  viewport: Viewport;
  stage: React.RefObject<Konva.Stage | null>;
  onUpdate: (i: number, o: ImageObject) => void;
}) {
  const { polygon, index, color, editable, size, scale, onUpdate } = props;
  // While a vertex is dragged the outline follows it here; the answer changes once, when the vertex is let go.
  const [live, setLive] = useState<Polygon | null>(null);
  const shown = live ?? polygon;
  return (
    <Group>
      <Line
        points={shown.points.flat()}
        closed
        stroke={color}
        strokeWidth={STROKE + 1}
        strokeScaleEnabled={false}
        fill={`${color}40`}
        draggable={editable}
        onMouseDown={(e) => (e.cancelBubble = true)}
        onDblClick={(e) => {
          // A double-click on the outline adds a vertex there.
          e.cancelBubble = true;
          if (!editable) return;
          const p = props.stage.current?.getPointerPosition();
          if (!p) return;
          const [x, y] = toImage(props.viewport, p.x, p.y);
          onUpdate(index, insertVertex(polygon, x, y, size).polygon);
        }}
        onDragEnd={(e) => {
          const node = e.target;
          const moved = movePolygon(polygon, node.x(), node.y(), size);
          node.position({ x: 0, y: 0 });
          onUpdate(index, moved);
        }}
      />
      {editable
        ? shown.points.map(([x, y], v) => (
            <Circle
              key={v}
              x={x}
              y={y}
              radius={5 / scale}
              fill="#fff"
              stroke={color}
              strokeWidth={2}
              strokeScaleEnabled={false}
              draggable
              onMouseDown={(e) => (e.cancelBubble = true)}
              onDragMove={(e) => setLive(moveVertex(polygon, v, e.target.x(), e.target.y(), size))}
              onDragEnd={(e) => {
                const next = moveVertex(polygon, v, e.target.x(), e.target.y(), size);
                e.target.position({ x: next.points[v][0], y: next.points[v][1] });
                setLive(null);
                onUpdate(index, next);
              }}
              onContextMenu={(e) => {
                // Right-click (or Alt+click) takes a vertex out; a polygon keeps three.
                e.evt.preventDefault();
                const next = removeVertex(polygon, v);
                if (next) onUpdate(index, next);
              }}
              onClick={(e) => {
                if (!e.evt.altKey) return;
                const next = removeVertex(polygon, v);
                if (next) onUpdate(index, next);
              }}
            />
          ))
        : null}
    </Group>
  );
}

function KeypointShape(props: { point: Keypoint; index: number; color: string; scale: number; selected?: boolean; draggable: boolean; size: Size | null; onUpdate: (i: number, o: ImageObject) => void }) {
  const { point, index, color, scale, draggable, size, onUpdate } = props;
  return (
    <Circle
      x={point.x}
      y={point.y}
      radius={6 / scale}
      fill={color}
      stroke="#fff"
      strokeWidth={2}
      strokeScaleEnabled={false}
      draggable={draggable}
      onMouseDown={(e) => (e.cancelBubble = true)}
      onDragEnd={(e) => {
        const [x, y] = clampPoint(e.target.x(), e.target.y(), size);
        e.target.position({ x, y });
        onUpdate(index, { ...point, x: round(x), y: round(y) });
      }}
    />
  );
}
