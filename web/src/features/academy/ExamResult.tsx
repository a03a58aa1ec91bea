import type { LabelSchema, TaskData } from '../../api/types';
import { AnswerView, drawsAnswer } from '../../annotator/viewers/AnswerView';
import { formatValue } from './time';

/**
 * One answer (or reference) of an exam result's table. A field whose tool draws the item's text (spans, extractive)
 * is drawn the same way, read-only: the text with the spans highlighted, not `[{"start":0,"end":3,…}]`. Other
 * answers are short words already (a choice, a summary).
 */
export function AnswerCell({ schema, data, field, value }: { schema: LabelSchema | null | undefined; data: TaskData | undefined; field: string; value: unknown }) {
  const def = Array.isArray(schema?.fields) ? schema.fields.find((f) => f.name === field) : undefined;
  if (value == null || !drawsAnswer(def, data)) return <>{formatValue(value)}</>;
  return <AnswerView schema={schema} data={data ?? {}} result={{ [field]: value }} only={field} />;
}
