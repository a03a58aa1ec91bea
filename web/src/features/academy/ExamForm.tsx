import { useState, type FormEvent } from 'react';
import { academy, type Exam, type ExamItemInput } from '../../api/academy';
import { ApiError } from '../../api/client';
import { useApiAction } from '../../api/query';
import type { LabelSchema, Project } from '../../api/types';
import { useI18n } from '../../app/i18n';
import { ErrorMessage } from '../../app/ui';
import { ExamItemsEditor, filledItems, newDraftItem, type DraftItem } from './ExamItemsEditor';
import { useSaidFieldErrors } from '../../app/serverText';

export type ParsedItems = { items: ExamItemInput[]; errors: string[] };

/**
 * Exam items from a textarea: a JSON array of {data, reference}, or JSONL (one such object per line).
 * Errors name the line (JSONL) or the index (array).
 */
export function parseItems(text: string, lineWord = (n: number) => `Line ${n}`): ParsedItems {
  const trimmed = text.trim();
  const errors: string[] = [];
  const items: ExamItemInput[] = [];
  if (!trimmed) return { items, errors };
  const check = (v: unknown, where: string) => {
    if (!v || typeof v !== 'object' || Array.isArray(v)) return errors.push(`${where}: {"data": …, "reference": …}`);
    const o = v as Record<string, unknown>;
    if (!o.data || typeof o.data !== 'object') return errors.push(`${where}: "data"`);
    if (!o.reference || typeof o.reference !== 'object') return errors.push(`${where}: "reference"`);
    items.push({ data: o.data as ExamItemInput['data'], reference: o.reference as ExamItemInput['reference'] });
  };
  if (trimmed.startsWith('[')) {
    try {
      const arr = JSON.parse(trimmed);
      if (!Array.isArray(arr)) errors.push('[…]');
      else arr.forEach((v, i) => check(v, `[${i}]`));
    } catch (e) {
      errors.push(String((e as Error).message));
    }
    return { items, errors };
  }
  text.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    try {
      check(JSON.parse(line), lineWord(i + 1));
    } catch (e) {
      errors.push(`${lineWord(i + 1)}: ${(e as Error).message}`);
    }
  });
  return { items, errors };
}

/** A new exam for the cohort: from a project's schema (or a schema JSON), gold items with references, rules. */
export function ExamForm({ cohortId, projects, onCreated }: { cohortId: number; projects: Project[]; onCreated: (e: Exam) => void }) {
  const { t } = useI18n();
  const [name, setName] = useState('');
  const [source, setSource] = useState<'project' | 'schema'>('project');
  const [projectId, setProjectId] = useState('');
  const [schemaText, setSchemaText] = useState('{"fields": [{"name": "topic", "type": "choice", "options": ["a", "b"]}]}');
  const [itemsText, setItemsText] = useState('');
  const [drafts, setDrafts] = useState<DraftItem[]>(() => [newDraftItem()]);
  const [timeLimit, setTimeLimit] = useState('30');
  const [passScore, setPassScore] = useState('70');
  const [maxAttempts, setMaxAttempts] = useState('1');
  const [localErrors, setLocalErrors] = useState<string[]>([]);
  const create = useApiAction(academy.createExam, {
    onSuccess: (exam) => {
      setName('');
      setItemsText('');
      setDrafts([newDraftItem()]);
      onCreated(exam);
    },
  });
  const { busy, error } = create;
  const managed = projects.filter((p) => p.myRole === 'MANAGER' || p.myRole == null);
  const chosenProject = projectId || (managed[0] ? String(managed[0].id) : '');
  const sayErrors = useSaidFieldErrors();
  const errors = error instanceof ApiError ? sayErrors(error.errors) : {};
  const itemErrors = Object.entries(errors).filter(([k]) => k.startsWith('items'));
  // The schema the items are authored with: the chosen project's, or the JSON one while it parses.
  const editorSchema: LabelSchema | undefined = (() => {
    if (source === 'project') return managed.find((p) => String(p.id) === chosenProject)?.schema;
    try {
      const s: unknown = JSON.parse(schemaText);
      return s && typeof s === 'object' && Array.isArray((s as LabelSchema).fields) ? (s as LabelSchema) : undefined;
    } catch {
      return undefined;
    }
  })();

  function submit(e: FormEvent) {
    e.preventDefault();
    create.reset();
    const parsed = parseItems(itemsText, (n) => t('error.line', { line: n }));
    // Items authored with the tools first, then any pasted as JSON.
    const items = [...filledItems(drafts), ...parsed.items];
    const problems = [...parsed.errors];
    if (items.length === 0 && problems.length === 0) problems.push(t('examForm.noItems'));
    let schema: LabelSchema | undefined;
    if (source === 'schema') {
      try {
        schema = JSON.parse(schemaText);
      } catch (err) {
        problems.push(t('schema.jsonInvalid', { message: (err as Error).message }));
      }
    }
    setLocalErrors(problems);
    if (problems.length) return;
    void create.run({
      name: name.trim(),
      cohortId,
      ...(source === 'project' ? { projectId: Number(chosenProject) } : { schema }),
      items,
      timeLimitMinutes: Number(timeLimit),
      passScore: Number(passScore),
      maxAttempts: Number(maxAttempts),
    });
  }

  return (
    <form className="card stack" onSubmit={submit} aria-labelledby="exam-form-title" data-testid="exam-form">
      <h3 id="exam-form-title">{t('examForm.title')}</h3>
      <label className="form-row">
        <span>{t('examForm.name')}</span>
        <input value={name} onChange={(e) => setName(e.target.value)} required aria-invalid={!!errors.name} />
      </label>
      <fieldset>
        <legend>{t('examForm.schemaFrom')}</legend>
        <label className="check">
          <input type="radio" name="exam-source" checked={source === 'project'} onChange={() => setSource('project')} /> {t('examForm.fromProject')}
        </label>{' '}
        <label className="check">
          <input type="radio" name="exam-source" checked={source === 'schema'} onChange={() => setSource('schema')} /> {t('examForm.fromSchema')}
        </label>
        {source === 'project' ? (
          <div className="form-row">
            <label htmlFor={`exam-project-${cohortId}`}>{t('examForm.project')}</label>
            <select id={`exam-project-${cohortId}`} value={chosenProject} onChange={(e) => setProjectId(e.target.value)} aria-invalid={!!errors.projectId}>
              {managed.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          </div>
        ) : (
          <label className="form-row">
            <span>{t('schema.json')}</span>
            <textarea className="code" rows={4} value={schemaText} onChange={(e) => setSchemaText(e.target.value)} aria-invalid={!!errors.schema} />
          </label>
        )}
      </fieldset>
      <ExamItemsEditor schema={editorSchema} items={drafts} onChange={setDrafts} />
      <details data-testid="exam-items-json">
        <summary>{t('examForm.itemsJson')}</summary>
      <label className="form-row">
        <span>{t('examForm.items')}</span>
        <textarea
          className="code"
          rows={6}
          value={itemsText}
          onChange={(e) => setItemsText(e.target.value)}
          aria-describedby="exam-items-help"
          aria-invalid={localErrors.length > 0 || itemErrors.length > 0}
          placeholder={'{"data": {"text": "…"}, "reference": {"topic": "…"}}'}
        />
        <span className="muted small" id="exam-items-help">
          {t('examForm.itemsHelp')}
        </span>
      </label>
      </details>
      <div className="settings-grid">
        <label className="form-row">
          <span>{t('examForm.timeLimit')}</span>
          <input type="number" min={1} value={timeLimit} onChange={(e) => setTimeLimit(e.target.value)} aria-invalid={!!errors.timeLimitMinutes} />
        </label>
        <label className="form-row">
          <span>{t('examForm.passScore')}</span>
          <input type="number" min={0} max={100} value={passScore} onChange={(e) => setPassScore(e.target.value)} aria-invalid={!!errors.passScore} />
        </label>
        <label className="form-row">
          <span>{t('examForm.maxAttempts')}</span>
          <input type="number" min={1} value={maxAttempts} onChange={(e) => setMaxAttempts(e.target.value)} aria-invalid={!!errors.maxAttempts} />
        </label>
      </div>
      {localErrors.length ? (
        <ul className="field-errors" role="alert">
          {localErrors.map((m, i) => (
            <li key={i}>{m}</li>
          ))}
        </ul>
      ) : null}
      <ErrorMessage error={error} />
      <div>
        <button type="submit" className="btn primary" disabled={busy}>
          {t('examForm.create')}
        </button>
      </div>
    </form>
  );
}
