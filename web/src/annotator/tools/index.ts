import type { ChoiceField } from '../../api/types';
import { registerTool } from '../core/registry';
import { AbstractiveTool, type CharLimitedField } from './abstractive/AbstractiveTool';
import { ChoiceTool } from './choice/ChoiceTool';
import { handleChoiceKey } from './choice/options';
import { ExtractiveTool, type ExtractiveField } from './extractive/ExtractiveTool';
import { RelationsTool, type Relation, type RelationsField } from './relations/RelationsTool';
import type { Span, SpansField } from './spans/model';
import { SpansTool } from './spans/SpansTool';
import './tools.css';

/**
 * Every tool the annotator knows. A new field type (boxes, segments, …) is a new tools/<type>/ folder registered
 * here; the labeling, review and schema-preview screens draw whatever is registered.
 */
registerTool<ChoiceField, unknown>({ type: 'choice', Component: ChoiceTool, handleKey: handleChoiceKey });
registerTool<SpansField, Span[]>({
  type: 'spans',
  Component: SpansTool,
  drawsData: (field) => [typeof field.source === 'string' ? field.source : 'text'],
});
registerTool<RelationsField, Relation[]>({ type: 'relations', Component: RelationsTool });
registerTool<ExtractiveField, number[]>({ type: 'extractive', Component: ExtractiveTool, drawsData: () => ['sentences'] });
registerTool<CharLimitedField, string>({ type: 'abstractive', Component: AbstractiveTool });
registerTool<CharLimitedField, string>({ type: 'text', Component: AbstractiveTool });
