import type { ReactNode } from 'react';
import type { SchemaField } from '../../api/types';
import { useAnnotatorText } from '../i18n';

/** The element ids of one field of one annotator: the frame (what the error summary links to), its error list. */
export function fieldIds(idPrefix: string, name: string) {
  const base = `${idPrefix}-${name}`;
  return { base, frame: `${base}-field`, errors: `${base}-errors` };
}

/**
 * What marks a control invalid and points it at its error text (WCAG 3.3.1): aria-invalid, aria-errormessage and
 * aria-describedby (screen readers that ignore aria-errormessage still read the described-by text). `describedBy`
 * adds the control's own description (a counter, a status line).
 */
export function errorAttrs(idPrefix: string, name: string, errors: string[] | undefined, describedBy?: string) {
  const invalid = !!errors?.length;
  const { errors: errorId } = fieldIds(idPrefix, name);
  const ids = [describedBy, invalid ? errorId : undefined].filter(Boolean).join(' ');
  return {
    'aria-invalid': invalid || undefined,
    'aria-errormessage': invalid ? errorId : undefined,
    'aria-describedby': ids || undefined,
  };
}

export interface FieldFrameProps {
  field: SchemaField;
  /** The tool's class ("choice", "spans", …), for its styles. */
  kind: string;
  idPrefix: string;
  active: boolean;
  readOnly: boolean;
  onActivate: () => void;
  errors?: string[];
  /** A short how-to after the title, shown while editing. */
  hint?: ReactNode;
  /**
   * The id of the field's one control (a text area): the title becomes its <label> and the control carries the
   * error attributes itself (`errorAttrs`). Without it the field is a group of controls: a <fieldset> with a
   * <legend> that carries them.
   */
  controlId?: string;
  children: ReactNode;
}

/**
 * The frame every annotator tool draws its field in: title (the field's label or name), required mark, hint, the
 * tool's controls, and the server's messages for the field. The error list has an id that the field (or its one
 * control) names in aria-describedby / aria-errormessage, and the frame has the id the annotator's error summary
 * links to.
 */
export function FieldFrame({ field, kind, idPrefix, active, readOnly, onActivate, errors, hint, controlId, children }: FieldFrameProps) {
  const tt = useAnnotatorText();
  const ids = fieldIds(idPrefix, field.name);
  const invalid = !!errors?.length;
  const className = `field ${kind}${active && !readOnly ? ' field-active' : ''}${invalid ? ' field-invalid' : ''}`;
  const title = (
    <>
      {field.label ?? field.name}
      {field.required ? (
        <span className="required" aria-label={tt('field.required')}>
          {' *'}
        </span>
      ) : null}
      {hint && !readOnly ? <span className="field-hint">{hint}</span> : null}
    </>
  );
  const errorList = invalid ? (
    <ul className="field-errors" id={ids.errors}>
      {errors!.map((m, i) => (
        <li key={i}>{m}</li>
      ))}
    </ul>
  ) : null;

  if (controlId) {
    return (
      <div id={ids.frame} tabIndex={-1} className={className} data-testid={`field-${field.name}`} onFocus={onActivate} onClick={onActivate}>
        <label htmlFor={controlId} className="field-title">
          {title}
        </label>
        {children}
        {errorList}
      </div>
    );
  }
  return (
    <fieldset
      id={ids.frame}
      tabIndex={-1}
      className={className}
      data-testid={`field-${field.name}`}
      {...errorAttrs(idPrefix, field.name, errors)}
      onFocus={onActivate}
      onClick={onActivate}
    >
      <legend>{title}</legend>
      {children}
      {errorList}
    </fieldset>
  );
}
