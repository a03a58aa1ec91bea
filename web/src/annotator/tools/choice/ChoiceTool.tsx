import type { ChoiceField } from '../../../api/types';
import { useAnnotatorText } from '../../i18n';
import type { ToolProps } from '../../core/registry';
import { FieldFrame } from '../FieldFrame';
import { choose, normalizeOptions, selectedValues } from './options';

/** A `choice` field: radio buttons (single) or check boxes (multiple), each with its hotkey shown. */
export function ChoiceTool({ field, value, onChange, readOnly, active, onActivate, errors, idPrefix }: ToolProps<ChoiceField>) {
  const t = useAnnotatorText();
  const options = normalizeOptions(field.options);
  const chosen = new Set(selectedValues(value));
  const multiple = !!field.multiple;
  const groupName = `${idPrefix}-${field.name}`;

  return (
    <FieldFrame field={field} kind="choice" idPrefix={idPrefix} active={active} readOnly={readOnly} onActivate={onActivate} errors={errors} hint={multiple ? t('choice.multiple') : t('choice.single')}>
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
    </FieldFrame>
  );
}
