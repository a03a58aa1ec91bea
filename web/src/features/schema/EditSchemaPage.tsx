import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { ApiError, groupFieldErrors } from '../../api/client';
import { projects } from '../../api/endpoints';
import type { LabelSchema } from '../../api/types';
import { useT } from '../../app/i18n';
import { ErrorMessage, Loading, PageHeader } from '../../app/ui';
import { useApiQuery } from '../../api/query';
import { SchemaEditor } from './SchemaEditor';

/** The schema of an existing project, saved with PATCH (the server versions it). */
export function EditSchemaPage() {
  const t = useT();
  const { id } = useParams();
  const projectId = Number(id);
  const project = useApiQuery(['projects', projectId], () => projects.get(projectId));
  const [schema, setSchema] = useState<LabelSchema | null>(null);
  const [jsonOk, setJsonOk] = useState(true);
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (project.data && !schema) setSchema(project.data.schema ?? { fields: [] });
  }, [project.data, schema]);

  async function save() {
    if (!schema) return;
    setBusy(true);
    setErrors({});
    setError(null);
    setSaved(false);
    try {
      const p = await projects.update(projectId, { schema });
      project.setData(p);
      setSaved(true);
    } catch (err) {
      if (err instanceof ApiError && err.status === 422 && err.errors.length) setErrors(groupFieldErrors(err.errors, 'schema.'));
      else setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section>
      <p className="crumbs">
        <Link to={`/projects/${projectId}`}>{project.data?.name ?? `#${projectId}`}</Link>
      </p>
      <PageHeader title={t('schema.title')}>
        {project.data ? <span className="small muted">{t('schema.version', { n: project.data.schemaVersion ?? 1 })}</span> : null}
      </PageHeader>
      {project.loading && !project.data ? <Loading /> : null}
      <ErrorMessage error={project.error} onRetry={project.reload} />
      {schema ? (
        <>
          <SchemaEditor value={schema} onChange={(s) => { setSchema(s); setSaved(false); }} errors={errors} onValidityChange={setJsonOk} />
          <ErrorMessage error={error} />
          <div className="work-actions">
            <button type="button" className="btn primary" onClick={save} disabled={busy || !jsonOk} data-testid="save-schema">
              {busy ? t('common.saving') : t('common.save')}
            </button>
            {saved ? (
              <span role="status" className="notice inline">
                {t('common.saved')}
              </span>
            ) : null}
          </div>
        </>
      ) : null}
    </section>
  );
}
