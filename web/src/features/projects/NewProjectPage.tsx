import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router-dom';
import { projects } from '../../api/endpoints';
import { splitFieldErrors, useApiAction } from '../../api/query';
import type { LabelSchema } from '../../api/types';
import { useT } from '../../app/i18n';
import { ErrorMessage, PageHeader } from '../../app/ui';
import { EMPTY_SCHEMA } from '../schema/model';
import { SchemaEditor } from '../schema/SchemaEditor';
import { reviewPayload, SettingsFields, type SettingsValue } from './SettingsFields';
import { useSaidFieldErrors } from '../../app/serverText';

export function NewProjectPage() {
  const t = useT();
  const sayErrors = useSaidFieldErrors();
  const navigate = useNavigate();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [settings, setSettings] = useState<SettingsValue>({ overlap: 1, leaseMinutes: 30, review: { mode: 'FULL' }, goldRate: 0 });
  const [schema, setSchema] = useState<LabelSchema>(EMPTY_SCHEMA);
  const [jsonOk, setJsonOk] = useState(true);
  const creating = useApiAction(projects.create, {
    invalidates: [['projects']],
    onSuccess: (p) => navigate(`/projects/${p.id}`),
  });
  const busy = creating.busy;
  const { fieldErrors: errors, error } = splitFieldErrors(creating.error, (err) => sayErrors(err.errors));

  async function submit(e: FormEvent) {
    e.preventDefault();
    await creating.run({ name: name.trim(), description: description.trim() || undefined, schema, ...settings, review: reviewPayload(settings.review), autoPause: settings.autoPause ?? undefined, consensus: settings.consensus ?? undefined });
  }

  const schemaErrors = Object.fromEntries(Object.entries(errors).filter(([k]) => k.startsWith('schema')).map(([k, v]) => [k.replace(/^schema\.?/, ''), v]));
  const otherErrors = Object.entries(errors).filter(([k]) => !k.startsWith('schema') && !['name', 'overlap', 'leaseMinutes', 'review', 'review.mode', 'review.sampleRate', 'description', 'goldRate'].includes(k));

  return (
    <form onSubmit={submit} className="new-project">
      <PageHeader title={t('projects.new')} />
      <div className="card">
        <label className="form-row">
          <span>{t('projects.name')}</span>
          <input value={name} onChange={(e) => setName(e.target.value)} required aria-invalid={!!errors.name} data-testid="project-name" />
          {errors.name ? (
            <span className="field-errors inline-error" role="alert">
              {errors.name.join(' ')}
            </span>
          ) : null}
        </label>
        <label className="form-row">
          <span>{t('projects.description')}</span>
          <textarea rows={2} value={description} onChange={(e) => setDescription(e.target.value)} data-testid="project-description" />
        </label>
        <SettingsFields value={settings} onChange={setSettings} errors={errors} />
      </div>
      <h2>{t('schema.title')}</h2>
      <SchemaEditor value={schema} onChange={setSchema} errors={schemaErrors} onValidityChange={setJsonOk} />
      {otherErrors.length ? (
        <ul className="field-errors" role="alert">
          {otherErrors.map(([k, ms]) => (
            <li key={k}>
              {k}: {ms.join(' ')}
            </li>
          ))}
        </ul>
      ) : null}
      <ErrorMessage error={error} />
      <div className="work-actions">
        <button type="submit" className="btn primary" disabled={busy || !jsonOk} data-testid="create-project">
          {busy ? t('common.saving') : t('projects.create')}
        </button>
      </div>
    </form>
  );
}
