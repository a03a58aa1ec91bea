import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { projects } from '../../api/endpoints';
import type { LabelSchema } from '../../api/types';
import { useT } from '../../app/i18n';
import { ErrorMessage, Loading, PageHeader } from '../../app/ui';
import { splitFieldErrors, useApiAction, useApiQuery } from '../../api/query';
import { SchemaEditor } from './SchemaEditor';
import { useSaidFieldErrors } from '../../app/serverText';

/** The schema of an existing project, saved with PATCH (the server versions it). */
export function EditSchemaPage() {
  const t = useT();
  const sayErrors = useSaidFieldErrors();
  const { id } = useParams();
  const projectId = Number(id);
  const project = useApiQuery(['projects', projectId], () => projects.get(projectId));
  const [schema, setSchema] = useState<LabelSchema | null>(null);
  const [jsonOk, setJsonOk] = useState(true);
  const [saved, setSaved] = useState(false);
  const saving = useApiAction((next: LabelSchema) => projects.update(projectId, { schema: next }), {
    onSuccess: (p) => {
      project.setData(p);
      setSaved(true);
    },
  });
  const busy = saving.busy;
  const { fieldErrors: errors, error } = splitFieldErrors(saving.error, (e) => sayErrors(e.errors, 'schema.'));

  useEffect(() => {
    if (project.data && !schema) setSchema(project.data.schema ?? { fields: [] });
  }, [project.data, schema]);

  async function save() {
    if (!schema) return;
    setSaved(false);
    await saving.run(schema);
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
