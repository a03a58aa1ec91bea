import type { ChoiceField } from '../../api/types';
import { registerTool } from '../core/registry';
import { ChoiceTool } from './choice/ChoiceTool';
import { handleChoiceKey } from './choice/options';

/**
 * Every tool the annotator knows. A new field type (spans, relations, extractive, abstractive, boxes,
 * segments, …) is a new tools/<type>/ folder registered here.
 */
registerTool<ChoiceField, unknown>({ type: 'choice', Component: ChoiceTool, handleKey: handleChoiceKey });
