import { Fragment, type ReactNode } from 'react';
import { getTool } from '../../annotator/tools';
import { normalizeLabels } from '../../annotator/tools/spans/labels';
import { useT } from '../../app/i18n';
import { TableHead } from '../../app/ui';
import { labelFromForm, withExtra, type EditorField, type EditorLabel, type FieldErrors } from './model';

/**
 * The type-specific parts of a schema field's form: labels (spans, relations), the spans field a relations field
 * links, count limits (min/max) and character limits (minChars/maxChars). Each control names itself for screen
 * readers and shows the server's error for its key beside it.
 */

export interface PartProps {
  field: EditorField;
  index: number;
  onChange: (f: EditorField) => void;
  errors?: FieldErrors;
}

function Errors({ messages, testId }: { messages?: string[]; testId?: string }) {
  if (!messages?.length) return null;
  return (
    <span className="field-errors inline-error" role="alert" data-testid={testId}>
      {messages.join(' ')}
    </span>
  );
}

export function move<T>(list: T[], from: number, to: number): T[] {
  if (to < 0 || to >= list.length) return list;
  const copy = [...list];
  const [x] = copy.splice(from, 1);
  copy.splice(to, 0, x);
  return copy;
}

/** The labels of a spans or relations field: value, hotkey (default shown as placeholder), colour, display name. */
export function LabelsEditor({ field, index: i, onChange, errors, withColor = true }: PartProps & { withColor?: boolean }) {
  const t = useT();
  const defaults = normalizeLabels(field.labels.map(labelFromForm));
  const update = (k: number, patch: Partial<EditorLabel>) => onChange({ ...field, labels: field.labels.map((l, j) => (j === k ? { ...l, ...patch } : l)) });
  const itemErrors = errors?.items.labels ?? {};
  return (
    <fieldset className="options-editor labels-editor" data-testid={`schema-labels-${i}`}>
      <legend>{t('schema.labels')}</legend>
      <Errors messages={errors?.attrs.labels} testId={`schema-error-${i}-labels`} />
      {field.labels.length === 0 ? <p className="muted small">{t('schema.noLabels')}</p> : null}
      <table className="options-table">
        <TableHead columns={[t('schema.optionValue'), t('schema.optionLabel'), t('schema.optionHotkey'), ...(withColor ? [t('schema.labelColor')] : [])]} actions />
        <tbody>
          {field.labels.map((l, k) => {
            const err = itemErrors[k];
            return (
              <Fragment key={k}>
              <tr className={err ? 'row-invalid' : undefined}>
                <td>
                  <input
                    value={l.value}
                    onChange={(e) => update(k, { value: e.target.value })}
                    aria-label={t('schema.labelValueN', { n: k + 1 })}
                    aria-invalid={!!err}
                    data-testid={`schema-label-value-${i}-${k}`}
                  />
                </td>
                <td>
                  <input
                    value={l.label}
                    onChange={(e) => update(k, { label: e.target.value })}
                    aria-label={t('schema.labelNameN', { n: k + 1 })}
                    placeholder={l.value}
                    data-testid={`schema-label-name-${i}-${k}`}
                  />
                </td>
                <td>
                  <input
                    className="hotkey-input"
                    value={l.hotkey}
                    maxLength={1}
                    onChange={(e) => update(k, { hotkey: e.target.value.toLowerCase() })}
                    aria-label={t('schema.labelHotkeyN', { n: k + 1 })}
                    placeholder={defaults[k]?.hotkey ?? ''}
                    data-testid={`schema-label-hotkey-${i}-${k}`}
                  />
                </td>
                {withColor ? (
                  <td>
                    <div className="color-cell">
                      <input
                        type="color"
                        value={/^#[0-9a-f]{6}$/i.test(l.color) ? l.color : (defaults[k]?.color ?? '#888888')}
                        onChange={(e) => update(k, { color: e.target.value })}
                        aria-label={t('schema.labelColorN', { n: k + 1 })}
                        data-testid={`schema-label-color-${i}-${k}`}
                      />
                      {l.color ? (
                        <button type="button" className="btn small" onClick={() => update(k, { color: '' })} aria-label={t('schema.labelColorReset', { n: k + 1 })}>
                          ↺
                        </button>
                      ) : null}
                    </div>
                  </td>
                ) : null}
                <td className="icon-buttons">
                  <button
                    type="button"
                    className="btn small"
                    disabled={k === 0}
                    onClick={() => onChange({ ...field, labels: move(field.labels, k, k - 1) })}
                    aria-label={t('schema.moveUp', { name: l.value || String(k + 1) })}
                  >
                    ↑
                  </button>
                  <button
                    type="button"
                    className="btn small danger"
                    onClick={() => onChange({ ...field, labels: field.labels.filter((_, j) => j !== k) })}
                    aria-label={t('schema.removeLabel', { name: l.value || String(k + 1) })}
                  >
                    ✕
                  </button>
                </td>
              </tr>
              {err ? (
                <tr className="row-errors">
                  <td colSpan={withColor ? 5 : 4}>
                    <Errors messages={err} testId={`schema-error-${i}-labels-${k}`} />
                  </td>
                </tr>
              ) : null}
              </Fragment>
            );
          })}
        </tbody>
      </table>
      <button
        type="button"
        className="btn small"
        onClick={() => onChange({ ...field, labels: [...field.labels, { value: '', hotkey: '', color: '', label: '' }] })}
        data-testid={`schema-add-label-${i}`}
      >
        + {t('schema.addLabel')}
      </button>
    </fieldset>
  );
}

function numberOrUndefined(raw: string): number | undefined {
  if (raw.trim() === '') return undefined;
  const n = Number(raw);
  return Number.isFinite(n) ? n : undefined;
}

function NumberInput({ field, index: i, onChange, errors, attr, label, min = 0 }: PartProps & { attr: string; label: string; min?: number }) {
  const raw = field.extra[attr];
  const value = typeof raw === 'number' ? String(raw) : raw === undefined || raw === null ? '' : String(raw);
  return (
    <label className="form-row number-row">
      <span>{label}</span>
      <input
        type="number"
        aria-label={label}
        inputMode="numeric"
        min={min}
        step={1}
        value={value}
        onChange={(e) => onChange(withExtra(field, attr, numberOrUndefined(e.target.value)))}
        aria-invalid={!!errors?.attrs[attr]}
        data-testid={`schema-field-${attr}-${i}`}
      />
      <Errors messages={errors?.attrs[attr]} testId={`schema-error-${i}-${attr}`} />
    </label>
  );
}

/** min / max: how many spans, relations, sentences or (multiple) choices. */
export function CountLimits(props: PartProps & { noun: 'items' | 'sentences' | 'spans' | 'relations' }) {
  const t = useT();
  const n = props.noun;
  return (
    <div className="row limits">
      <NumberInput {...props} attr="min" label={t(`schema.min.${n}`)} />
      <NumberInput {...props} attr="max" label={t(`schema.max.${n}`)} min={1} />
    </div>
  );
}

/** minChars / maxChars of a summary or free text (counted in code points of the NFC text, as the server does). */
export function CharLimits(props: PartProps) {
  const t = useT();
  return (
    <>
      <div className="row limits">
        <NumberInput {...props} attr="minChars" label={t('schema.minChars')} />
        <NumberInput {...props} attr="maxChars" label={t('schema.maxChars')} min={1} />
      </div>
      <p className="small muted">{t('schema.charsHelp')}</p>
    </>
  );
}

export function AllowOverlap({ field, index: i, onChange, errors }: PartProps) {
  const t = useT();
  return (
    <label className="check">
      <input
        type="checkbox"
        checked={field.extra.allowOverlap === true}
        onChange={(e) => onChange(withExtra(field, 'allowOverlap', e.target.checked))}
        data-testid={`schema-field-allowOverlap-${i}`}
      />
      {t('schema.allowOverlap')}
      <Errors messages={errors?.attrs.allowOverlap} testId={`schema-error-${i}-allowOverlap`} />
    </label>
  );
}

/** The spans field a relations field links: a select of the schema's spans fields only. */
export function BetweenSelect({ field, index: i, onChange, errors, spansFields }: PartProps & { spansFields: string[] }) {
  const t = useT();
  const current = typeof field.extra.between === 'string' ? field.extra.between : '';
  const unknown = current !== '' && !spansFields.includes(current);
  return (
    <label className="form-row">
      <span>{t('schema.between')}</span>
      <select
        aria-label={t('schema.between')}
        value={current}
        onChange={(e) => onChange(withExtra(field, 'between', e.target.value))}
        aria-invalid={!!errors?.attrs.between || unknown}
        data-testid={`schema-field-between-${i}`}
      >
        <option value="">{t('schema.betweenPick')}</option>
        {spansFields.map((name) => (
          <option key={name} value={name}>
            {name}
          </option>
        ))}
        {unknown ? (
          <option value={current} disabled>
            {t('schema.betweenNotSpans', { name: current })}
          </option>
        ) : null}
      </select>
      {spansFields.length === 0 ? <span className="small muted">{t('schema.betweenNone')}</span> : null}
      <Errors messages={errors?.attrs.between} testId={`schema-error-${i}-between`} />
    </label>
  );
}

/**
 * The form of one field's type-specific keys, drawn from the field-type registry's editor spec (annotator/tools):
 * the keys it lists, in its order. Null for a type the registry does not know (edited in the JSON).
 */
export function TypeForm(props: PartProps & { spansFields: string[]; choiceOptions: ReactNode }) {
  const { field } = props;
  const spec = getTool(field.type)?.editor;
  if (!spec) return null;
  const keys = spec.formKeys;
  // A single choice has exactly one value: its count limits mean something only when it is multiple.
  const counts = keys.includes('min') && (spec.labelsKey !== 'options' || field.multiple);
  return (
    <>
      {keys.includes('between') ? <BetweenSelect {...props} /> : null}
      {keys.includes('options') ? props.choiceOptions : null}
      {keys.includes('labels') ? <LabelsEditor {...props} withColor={!!spec.labelColors} /> : null}
      {keys.includes('allowOverlap') ? (
        <div className="row">
          <AllowOverlap {...props} />
        </div>
      ) : null}
      {counts ? <CountLimits {...props} noun={spec.countNoun ?? 'items'} /> : null}
      {keys.includes('minChars') ? <CharLimits {...props} /> : null}
    </>
  );
}
