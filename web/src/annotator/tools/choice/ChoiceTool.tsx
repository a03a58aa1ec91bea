import type { ChoiceField } from '../../../api/types';
import { useT } from '../../../app/i18n';
import type { ToolProps } from '../../core/registry';
import { choose, normalizeOptions, selectedValues } from './options';

/** A `choice` field: radio buttons (single) or check boxes (multiple), each with its hotkey shown. */
export function ChoiceTool({ field, value, onChange, readOnly, active, onActivate, errors, idPrefix }: ToolProps<ChoiceField>) {
  const t = useT();
  const options = normalizeOptions(field.options);
  const chosen = new Set(selectedValues(value));
  const multiple = !!field.multiple;
  const groupName = `${idPrefix}-${field.name}`;
  const errorId = `${groupName}-errors`;
  const title = field.label ?? field.name;

  return (
    <fieldset
      className={`field choice${active && !readOnly ? ' field-active' : ''}${errors?.length ? ' field-invalid' : ''}`}
      data-testid={`field-${field.name}`}
      aria-describedby={errors?.length ? errorId : undefined}
      onFocus={onActivate}
      onClick={onActivate}
    >
      <legend>
        {title}
        {field.required ? <span className="required" aria-label={t('schema.required')}> *</span> : null}
        <span className="field-hint">{multiple ? t('choice.multiple') : t('choice.single')}</span>
      </legend>
      {options.length === 0 ? <p className="muted">{t('choice.noOptions')}</p> : null}
      <div className="choice-options" role="presentation">
        {options.map((o) => {
          const id = `${groupName}-${o.value}`;
          const checked = chosen.has(o.value);
          return (
            <label key={o.value} htmlFor={id} className={`choice-option${checked ? ' checked' : ''}`} data-testid={`option-${field.name}-${o.value}`}>
              <input
                id={id}
                type={multiple ? 'checkbox' : 'radio'}
                name={groupName}
                value={o.value}
                checked={checked}
                disabled={readOnly}
                onChange={() => onChange(choose(field, value, o.value))}
              />
              {o.hotkey ? (
                <kbd aria-hidden="true" className="hotkey">
                  {o.hotkey}
                </kbd>
              ) : null}
              <span className="choice-label">{o.label}</span>
            </label>
          );
        })}
      </div>
      {errors?.length ? (
        <ul className="field-errors" id={errorId} role="alert">
          {errors.map((m, i) => (
            <li key={i}>{m}</li>
          ))}
        </ul>
      ) : null}
    </fieldset>
  );
}
