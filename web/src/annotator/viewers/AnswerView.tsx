import { useEffect } from 'react';
import type { AnnotationResult, LabelSchema, SchemaField, TaskData } from '../../api/types';
import { Annotator } from '../Annotator';
import { useAnnotationStore } from '../core/store';
import { getTool } from '../tools';

/**
 * A stored answer drawn read-only by the tools of its field types (from the registry), over the task's data: spans
 * as highlights in the text, extractive picks as marked sentences, choices as checked options. Pages that show an
 * answer (a task's history, an exam result) use this instead of printing offsets. `only` draws one field.
 */
export function AnswerView({ schema, data, result, only }: { schema: LabelSchema | null | undefined; data: TaskData; result: AnnotationResult; only?: string }) {
  const store = useAnnotationStore(result);
  const key = JSON.stringify(result);
  useEffect(() => store.reset(result), [key]); // eslint-disable-line react-hooks/exhaustive-deps -- compared by content: callers build a new object each render
  const fields = Array.isArray(schema?.fields) ? schema.fields : [];
  const shown = only === undefined ? schema : { ...schema, fields: fields.filter((f) => f.name === only) };
  return (
    <div className="answer-view">
      <Annotator schema={shown} data={data} store={store} readOnly keyboard="none" showData={false} />
    </div>
  );
}

/**
 * Whether a tool draws this field's answer better than words can: the types that draw the task data themselves
 * (spans, extractive) answer with offsets, which mean nothing printed.
 */
export function drawsAnswer(field: SchemaField | undefined, data: TaskData | undefined): boolean {
  if (!field || !data) return false;
  const tool = getTool(field.type);
  return !!tool?.drawsData && tool.drawsData(field, data).some((k) => data[k] != null);
}
