import type { ChoiceField } from '../../api/types';
import { fieldTypes, getTool, registerTool } from '../core/registry';
import { AbstractiveTool, type CharLimitedField } from './abstractive/AbstractiveTool';
import { ChoiceTool } from './choice/ChoiceTool';
import { handleChoiceKey } from './choice/options';
import { ExtractiveTool, type ExtractiveField } from './extractive/ExtractiveTool';
import { RelationsTool, type Relation, type RelationsField } from './relations/RelationsTool';
import type { Span, SpansField } from './spans/model';
import { SpansTool } from './spans/SpansTool';
import { ImageTool, type ImageField } from './image/ImageTool';
import type { ImageObject } from './image/ImageStage';
import { SegmentsTool, type SegmentsField } from './segments/SegmentsTool';
import type { Segment } from './segments/model';
import './tools.css';
import './media.css';

/**
 * Every field type the browser knows, in the order the schema editor offers them: exactly the types the server
 * accepts (the FieldType beans of the server's schema package; WebFieldTypesTest fails when the two lists differ).
 * A new field type (boxes, segments, …) is a server FieldType, a tools/<type>/ folder, its messages in
 * annotator/messages.ts (`type.<type>`, `type.<type>.hint`) and one registration here; the labeling, review and
 * schema-editor screens take it from here.
 */
registerTool<ChoiceField, unknown>({
  type: 'choice',
  labelKey: 'type.choice',
  hintKey: 'type.choice.hint',
  Component: ChoiceTool,
  handleKey: handleChoiceKey,
  reads: 'any',
  editor: { labelsKey: 'options', formKeys: ['options', 'multiple', 'min', 'max'], countNoun: 'items' },
});
registerTool<SpansField, Span[]>({
  type: 'spans',
  labelKey: 'type.spans',
  hintKey: 'type.spans.hint',
  Component: SpansTool,
  drawsData: (field) => [typeof field.source === 'string' ? field.source : 'text'],
  reads: 'text',
  editor: { labelsKey: 'labels', formKeys: ['labels', 'allowOverlap', 'min', 'max'], countNoun: 'spans', labelColors: true, defaults: () => ({ allowOverlap: false }) },
});
registerTool<RelationsField, Relation[]>({
  type: 'relations',
  labelKey: 'type.relations',
  hintKey: 'type.relations.hint',
  Component: RelationsTool,
  reads: 'text',
  editor: {
    labelsKey: 'labels',
    formKeys: ['between', 'labels', 'min', 'max'],
    countNoun: 'relations',
    defaults: ({ spansFields }) => ({ between: spansFields[0] ?? '' }),
  },
});
registerTool<ExtractiveField, number[]>({
  type: 'extractive',
  labelKey: 'type.extractive',
  hintKey: 'type.extractive.hint',
  Component: ExtractiveTool,
  drawsData: () => ['sentences'],
  reads: 'sentences',
  editor: { labelsKey: null, formKeys: ['min', 'max'], countNoun: 'sentences' },
});
registerTool<CharLimitedField, string>({
  type: 'abstractive',
  labelKey: 'type.abstractive',
  hintKey: 'type.abstractive.hint',
  Component: AbstractiveTool,
  reads: 'sentences',
  editor: { labelsKey: null, formKeys: ['minChars', 'maxChars'] },
});
registerTool<CharLimitedField, string>({
  type: 'text',
  labelKey: 'type.text',
  hintKey: 'type.text.hint',
  Component: AbstractiveTool,
  reads: 'any',
  editor: { labelsKey: null, formKeys: ['minChars', 'maxChars'] },
});

// Media types (issue 10): the image tools share one canvas component (tools/image), speech has tools/segments.
// Both draw the task's media themselves (`image` / `audio`, or the field's `source` key).
const imageEditor = (countNoun: 'items') => ({ labelsKey: 'labels' as const, formKeys: ['labels', 'min', 'max'], countNoun, labelColors: true });
registerTool<ImageField, ImageObject[]>({
  type: 'boxes',
  labelKey: 'type.boxes',
  hintKey: 'type.boxes.hint',
  Component: ImageTool,
  drawsData: (field) => [typeof field.source === 'string' ? field.source : 'image'],
  reads: 'any',
  editor: imageEditor('items'),
});
registerTool<ImageField, ImageObject[]>({
  type: 'polygons',
  labelKey: 'type.polygons',
  hintKey: 'type.polygons.hint',
  Component: ImageTool,
  drawsData: (field) => [typeof field.source === 'string' ? field.source : 'image'],
  reads: 'any',
  editor: imageEditor('items'),
});
registerTool<ImageField, ImageObject[]>({
  type: 'keypoints',
  labelKey: 'type.keypoints',
  hintKey: 'type.keypoints.hint',
  Component: ImageTool,
  drawsData: (field) => [typeof field.source === 'string' ? field.source : 'image'],
  reads: 'any',
  editor: imageEditor('items'),
});
registerTool<SegmentsField, Segment[]>({
  type: 'segments',
  labelKey: 'type.segments',
  hintKey: 'type.segments.hint',
  Component: SegmentsTool,
  drawsData: (field) => [typeof field.source === 'string' ? field.source : 'audio'],
  reads: 'any',
  // `transcript` and `conventions` are edited in the JSON; a new segments field starts with transcripts on.
  editor: { labelsKey: 'labels', formKeys: ['labels', 'min', 'max'], countNoun: 'items', labelColors: true, defaults: () => ({ transcript: true }) },
});

/** Imported from here, the registry is filled before it is read. */
export { fieldTypes, getTool };
