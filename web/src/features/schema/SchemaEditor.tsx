import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { ApiError, groupFieldErrors } from '../../api/client';
import { projects } from '../../api/endpoints';
import type { LabelSchema, SchemaField, TaskData } from '../../api/types';
import { Annotator } from '../../annotator/Annotator';
import { useAnnotationStore } from '../../annotator/core/store';
import { useAnnotatorText } from '../../annotator/i18n';
import { getTool } from '../../annotator/tools';
import { normalizeOptions } from '../../annotator/tools/choice/options';
import { useI18n, useT } from '../../app/i18n';
import { TableHead } from '../../app/ui';
import { move, TypeForm } from './FieldForms';
import {
  changeType,
  FIELD_TYPES,
  fieldFromForm,
  fieldToForm,
  groupSchemaErrors,
  leftoverErrors,
  newChoiceField,
  parseSchemaText,
  schemaToText,
  splitSentences,
  type EditorField,
  type EditorOption,
  withExtra,
} from './model';
import './schema.css';
import { sayFieldError } from '../../app/serverText';

/**
 * The preview's task data for a schema: the sample as `data.text` (and under any other key a spans field reads),
 * and its sentences as `data.sentences` when a field picks sentences. A summarization-only schema (extractive and
 * abstractive fields only) gets the sentences alone, like a real summarization task.
 */
export function previewData(schema: LabelSchema, sample: string, sentences: string[]): TaskData {
  const fields = Array.isArray(schema.fields) ? schema.fields : [];
  const data: TaskData = {};
  const reads = (f: SchemaField) => getTool(f.type)?.reads;
  const summaryOnly = fields.length > 0 && fields.every((f) => reads(f) === 'sentences');
  if (!summaryOnly) data.text = sample;
  for (const f of fields) {
    // A text field reading another key of the data (a spans field's `source`) gets the sample there too.
    if (reads(f) === 'text' && typeof f.source === 'string' && f.source && f.source !== 'sentences' && f.source !== 'paragraphs') data[f.source] = sample;
  }
  // The document's sentences, for a type that draws them (extractive).
  if (fields.some((f) => getTool(f.type)?.drawsData?.(f, data).includes('sentences'))) data.sentences = sentences;
  return data;
}

export interface SchemaEditorProps {
  value: LabelSchema;
  onChange: (schema: LabelSchema) => void;
  /** Server errors keyed by path ("fields[0].options"), e.g. from a 422 on save. */
  errors?: Record<string, string[]>;
  /** Ask the server to validate while editing (POST /projects/schema/validate). */
  liveValidation?: boolean;
  /** Tells the parent whether the JSON text currently parses. */
  onValidityChange?: (jsonOk: boolean) => void;
}

const VALIDATE_DELAY_MS = 600;

/**
 * Edits a label schema two ways at once — a form and the raw JSON — kept in sync, with a live preview of the
 * labeling screen (the real annotator) beside them.
 */
export function SchemaEditor({ value, onChange, errors = {}, liveValidation = true, onValidityChange }: SchemaEditorProps) {
  const t = useT();
  const { lang } = useI18n();
  const tt = useAnnotatorText();
  const uid = useId().replace(/:/g, '');
  const [text, setText] = useState(() => schemaToText(value));
  const [parseError, setParseError] = useState<string | null>(null);
  const [serverErrors, setServerErrors] = useState<Record<string, string[]>>({});
  const [validState, setValidState] = useState<'idle' | 'checking' | 'valid' | 'invalid' | 'unavailable'>('idle');
  const [sample, setSample] = useState(() => t('schema.sampleText'));
  const [sentencesText, setSentencesText] = useState(() => splitSentences(t('schema.sampleText')).join('\n'));
  const lastFromText = useRef<LabelSchema | null>(null);
  const preview = useAnnotationStore();

  // Outside changes (form edits, a loaded project) rewrite the JSON; our own JSON edits do not.
  useEffect(() => {
    if (value === lastFromText.current) return;
    setText(schemaToText(value));
    setParseError(null);
    onValidityChange?.(true);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only a new value from outside rewrites the text; onValidityChange is the parent's latest callback
  }, [value]);

  useEffect(() => {
    if (!liveValidation) return;
    setValidState('checking');
    const timer = setTimeout(() => {
      projects.validateSchema(value).then(
        () => {
          setServerErrors({});
          setValidState('valid');
        },
        (e) => {
          if (e instanceof ApiError && (e.status === 422 || e.status === 400)) {
            setServerErrors(groupFieldErrors(e.errors, 'schema.', (x) => sayFieldError(lang, x)));
            if (e.errors.length === 0) setServerErrors({ '': [e.detail ?? e.title] });
            setValidState('invalid');
          } else {
            setValidState('unavailable');
          }
        },
      );
    }, VALIDATE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [value, liveValidation, lang]); // a new language words the errors again

  const form = value.fields.map(fieldToForm);
  const grouped = groupSchemaErrors({ ...serverErrors, ...errors });
  const spansFields = form.filter((f) => f.type === 'spans' && f.name.trim() !== '').map((f) => f.name);
  const sentences = useMemo(() => sentencesText.split(/\r?\n/).map((x) => x.trim()).filter((x) => x !== ''), [sentencesText]);
  const data = useMemo(() => previewData(value, sample, sentences), [value, sample, sentences]);
  const hasExtractive = value.fields.some((f) => getTool(f.type)?.drawsData?.(f, data).includes('sentences'));

  const emit = (fields: EditorField[]) => onChange({ ...value, fields: fields.map(fieldFromForm) });
  const replaceField = (i: number, next: EditorField) => emit(form.map((f, j) => (j === i ? next : f)));
  const updateField = (i: number, patch: Partial<EditorField>) => replaceField(i, { ...form[i], ...patch });
  const updateOption = (i: number, k: number, patch: Partial<EditorOption>) =>
    updateField(i, { options: form[i].options.map((o, j) => (j === k ? { ...o, ...patch } : o)) });
  // Renaming a spans field carries the relations fields that link it along.
  const renameField = (i: number, name: string) => {
    const old = form[i].name;
    const follows = (f: EditorField) => form[i].type === 'spans' && old !== '' && f.type === 'relations' && f.extra.between === old;
    emit(form.map((f, j) => (j === i ? { ...f, name } : follows(f) ? withExtra(f, 'between', name) : f)));
  };
  const onSample = (next: string) => {
    setSample(next);
    setSentencesText(splitSentences(next).join('\n'));
  };

  const onText = (next: string) => {
    setText(next);
    const parsed = parseSchemaText(next);
    if ('error' in parsed) {
      const known: Record<string, string> = {
        'not-object': t('schema.jsonNotObject'),
        'no-fields': t('schema.jsonNoFields'),
        'field-not-object': t('schema.jsonFieldNotObject'),
      };
      setParseError(known[parsed.error] ?? parsed.error);
      onValidityChange?.(false);
      return;
    }
    setParseError(null);
    onValidityChange?.(true);
    lastFromText.current = parsed.schema;
    onChange(parsed.schema);
  };

  return (
    <div className="schema-editor" data-testid="schema-editor">
      <div className="schema-edit-col">
        <h2 className="small-heading">{t('schema.form')}</h2>
        {grouped.top.length ? (
          <ul className="field-errors" role="alert" data-testid="schema-errors-top">
            {grouped.top.map((m, i) => (
              <li key={i}>{m}</li>
            ))}
          </ul>
        ) : null}
        <ol className="schema-fields">
          {form.map((f, i) => {
            const fe = grouped.byField[i];
            const hotkeys = normalizeOptions(fieldFromForm(f).options as never).map((o) => o.hotkey ?? '');
            const attrErr = (attr: string) =>
              fe?.attrs[attr]?.length ? (
                <span className="field-errors inline-error" role="alert" data-testid={`schema-error-${i}-${attr}`}>
                  {fe.attrs[attr].join(' ')}
                </span>
              ) : null;
            return (
              <li key={i} className={`card schema-field${fe ? ' field-invalid' : ''}`} data-testid={`schema-field-${i}`}>
                <div className="schema-field-head">
                  <label className="form-row grow">
                    <span>{t('schema.fieldName')}</span>
                    <input
                      value={f.name}
                      onChange={(e) => renameField(i, e.target.value)}
                      aria-invalid={!!fe?.attrs.name}
                      data-testid={`schema-field-name-${i}`}
                    />
                    {attrErr('name')}
                  </label>
                  <label className="form-row">
                    <span>{t('schema.fieldType')}</span>
                    <select aria-label={t('schema.fieldType')} value={f.type} onChange={(e) => replaceField(i, changeType(f, e.target.value, spansFields.filter((n) => n !== f.name)))} data-testid={`schema-field-type-${i}`}>
                      {(FIELD_TYPES.includes(f.type) ? FIELD_TYPES : [f.type, ...FIELD_TYPES]).map((ty) => {
                        const def = getTool(ty);
                        return (
                          <option key={ty} value={ty}>
                            {def ? tt(def.labelKey) : ty}
                          </option>
                        );
                      })}
                    </select>
                    {getTool(f.type) ? <span className="small muted">{tt(getTool(f.type)!.hintKey)}</span> : null}
                    {attrErr('type')}
                  </label>
                  <div className="icon-buttons">
                    <button type="button" className="btn small" onClick={() => emit(move(form, i, i - 1))} disabled={i === 0} aria-label={t('schema.moveUp', { name: f.name })}>
                      ↑
                    </button>
                    <button type="button" className="btn small" onClick={() => emit(move(form, i, i + 1))} disabled={i === form.length - 1} aria-label={t('schema.moveDown', { name: f.name })}>
                      ↓
                    </button>
                    <button type="button" className="btn small danger" onClick={() => emit(form.filter((_, j) => j !== i))} aria-label={t('schema.removeField', { name: f.name })}>
                      ✕
                    </button>
                  </div>
                </div>
                <div className="row">
                  <label className="check">
                    <input type="checkbox" checked={f.required} onChange={(e) => updateField(i, { required: e.target.checked })} data-testid={`schema-field-required-${i}`} />
                    {t('schema.required')}
                  </label>
                  {f.type === 'choice' ? (
                    <label className="check">
                      <input type="checkbox" checked={f.multiple} onChange={(e) => updateField(i, { multiple: e.target.checked })} data-testid={`schema-field-multiple-${i}`} />
                      {t('schema.multiple')}
                    </label>
                  ) : null}
                  {attrErr('required')}
                  {attrErr('multiple')}
                </div>
                {getTool(f.type) ? (
                  <TypeForm
                    field={f}
                    index={i}
                    onChange={(next) => replaceField(i, next)}
                    errors={fe}
                    spansFields={spansFields.filter((n) => n !== f.name)}
                    choiceOptions={
                      <fieldset className="options-editor">
                      <legend>{t('schema.options')}</legend>
                      {attrErr('options')}
                      {f.options.length === 0 ? <p className="muted small">{t('schema.noOptions')}</p> : null}
                      <table className="options-table">
                        <TableHead columns={[t('schema.optionValue'), t('schema.optionLabel'), t('schema.optionHotkey')]} actions />
                        <tbody>
                          {f.options.map((o, k) => (
                            <tr key={k}>
                              <td>
                                <input
                                  value={o.value}
                                  onChange={(e) => updateOption(i, k, { value: e.target.value })}
                                  aria-label={t('schema.optionValueN', { n: k + 1 })}
                                  aria-invalid={!!fe?.items.options?.[k]}
                                  data-testid={`schema-option-value-${i}-${k}`}
                                />
                              </td>
                              <td>
                                <input
                                  value={o.label}
                                  onChange={(e) => updateOption(i, k, { label: e.target.value })}
                                  aria-label={t('schema.optionLabelN', { n: k + 1 })}
                                  placeholder={o.value}
                                  data-testid={`schema-option-label-${i}-${k}`}
                                />
                              </td>
                              <td>
                                <input
                                  className="hotkey-input"
                                  value={o.hotkey}
                                  maxLength={1}
                                  onChange={(e) => updateOption(i, k, { hotkey: e.target.value.toLowerCase() })}
                                  aria-label={t('schema.optionHotkeyN', { n: k + 1 })}
                                  placeholder={hotkeys[k]}
                                  data-testid={`schema-option-hotkey-${i}-${k}`}
                                />
                              </td>
                              <td className="icon-buttons">
                                <button type="button" className="btn small" disabled={k === 0} onClick={() => updateField(i, { options: move(f.options, k, k - 1) })} aria-label={t('schema.moveUp', { name: o.value })}>
                                  ↑
                                </button>
                                <button type="button" className="btn small danger" onClick={() => updateField(i, { options: f.options.filter((_, j) => j !== k) })} aria-label={t('schema.removeOption', { name: o.value })}>
                                  ✕
                                </button>
                              </td>
                            </tr>
                          ))}
                        </tbody>
                      </table>
                      <button
                        type="button"
                        className="btn small"
                        onClick={() => updateField(i, { options: [...f.options, { value: '', label: '', hotkey: '' }] })}
                        data-testid={`schema-add-option-${i}`}
                      >
                        + {t('schema.addOption')}
                      </button>
                    </fieldset>
                    }
                  />
                ) : (
                  <p className="muted small">{t('schema.editInJson', { type: f.type })}</p>
                )}
                {leftoverErrors(fe, f.type).length ? (
                  <ul className="field-errors" role="alert" data-testid={`schema-errors-${i}`}>
                    {leftoverErrors(fe, f.type).map((m, k) => (
                      <li key={k}>{m}</li>
                    ))}
                  </ul>
                ) : null}
              </li>
            );
          })}
        </ol>
        <button
          type="button"
          className="btn"
          onClick={() => onChange({ ...value, fields: [...value.fields, newChoiceField(value.fields.map((f) => f.name))] })}
          data-testid="schema-add-field"
        >
          + {t('schema.addField')}
        </button>

        <label className="form-row json-editor" htmlFor={`${uid}-json`}>
          <span>{t('schema.json')}</span>
        </label>
        <textarea
          id={`${uid}-json`}
          className={`code${parseError ? ' invalid' : ''}`}
          rows={14}
          spellCheck={false}
          value={text}
          onChange={(e) => onText(e.target.value)}
          aria-invalid={!!parseError}
          aria-describedby={`${uid}-json-status`}
          data-testid="schema-json"
        />
        <p id={`${uid}-json-status`} className={parseError ? 'field-errors' : 'small muted'} role={parseError ? 'alert' : undefined} data-testid="schema-json-status">
          {parseError
            ? t('schema.jsonInvalid', { message: parseError })
            : validState === 'checking'
              ? t('schema.checking')
              : validState === 'valid'
                ? t('schema.valid')
                : validState === 'invalid'
                  ? t('schema.invalid')
                  : validState === 'unavailable'
                    ? t('schema.checkUnavailable')
                    : ''}
        </p>
      </div>
      <div className="schema-preview-col">
        <h2 className="small-heading">{t('schema.preview')}</h2>
        <label className="form-row">
          <span>{t('schema.sampleLabel')}</span>
          <textarea rows={3} lang="ko" aria-label={t('schema.sampleLabel')} value={sample} onChange={(e) => onSample(e.target.value)} data-testid="schema-sample" />
        </label>
        {hasExtractive ? (
          <label className="form-row">
            <span>{t('schema.sampleSentences')}</span>
            <textarea rows={4} lang="ko" aria-label={t('schema.sampleSentences')} value={sentencesText} onChange={(e) => setSentencesText(e.target.value)} data-testid="schema-sample-sentences" />
            <span className="small muted">{t('schema.sampleSplitHelp')}</span>
          </label>
        ) : null}
        <div className="card preview" data-testid="schema-preview">
          <Annotator schema={value} data={data} store={preview} keyboard="container" showMetadata={false} />
        </div>
        <p className="small muted">{t('schema.previewHelp')}</p>
        <pre className="code small" aria-label={t('schema.previewResult')}>
          {JSON.stringify(preview.value)}
        </pre>
      </div>
    </div>
  );
}
