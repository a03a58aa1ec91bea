/**
 * The JSON shapes of the API. Each is an alias of the type generated from the server's OpenAPI document
 * (`openapi.json` → `openapi.gen.ts` by `npm run api:types`); only free JSON (label schemas, task data, results, which
 * the server keeps as `JsonNode`) is narrowed here to what the browser knows of it.
 */
import type { components } from './openapi.gen';

/** The generated schemas by name: `Schemas['Lease']`. */
export type Schemas = components['schemas'];

export type Role = Schemas['Me']['roles'][number];
export type ProjectRole = Schemas['Member']['role'];
export const ALL_ROLES: Role[] = ['ADMIN', 'MANAGER', 'REVIEWER', 'LABELER', 'TRAINEE'];
export const PROJECT_ROLES: ProjectRole[] = ['LABELER', 'REVIEWER', 'MANAGER'];

export interface Page<T> {
  items: T[];
  next: string | null;
}

export type Me = Schemas['Me'];
export type Account = Schemas['Account'];
export type ApiToken = Schemas['TokenInfo'];
export type CreatedToken = Schemas['NewToken'];
export type SignInNotice = NonNullable<Me['signInNotice']>;

// ---- label schema ----

export interface ChoiceOptionObject {
  value: string;
  hotkey?: string;
  label?: string;
}
export type ChoiceOption = string | ChoiceOptionObject;

/** Any field; `type` decides which annotator tool draws it. */
export interface SchemaField {
  name: string;
  type: string;
  required?: boolean;
  label?: string;
  [key: string]: unknown;
}

export interface ChoiceField extends SchemaField {
  type: 'choice';
  options: ChoiceOption[];
  multiple?: boolean;
}

export interface LabelSchema {
  fields: SchemaField[];
}

export type AnnotationResult = Record<string, unknown>;
export type TaskData = Record<string, unknown>;

// ---- projects ----

export type TaskState = Schemas['TaskRow']['state'];
/** The workflow states of ordinary work: the progress bar's segments and its total. */
export const TASK_STATES = ['NEW', 'ASSIGNED', 'SUBMITTED', 'REJECTED', 'APPROVED'] as const satisfies readonly TaskState[];
export type WorkState = (typeof TASK_STATES)[number];
/** GOLD: a gold item (control task), counted beside the work, never in its total. */
export const LISTED_STATES: TaskState[] = [...TASK_STATES, 'GOLD'];
/** `counts` of a project or its stats: one per state (the server sends a map), plus `total`. */
/** `myRework`: the caller's own rejected answers waiting for rework (GET /projects, /projects/{id}). */
export type Counts = Record<WorkState, number> & { total: number; GOLD?: number; myRework?: number };

/** As the server sends it (`sampleRate` 1 for FULL) and as a form sends it (`sampleRate` only for SAMPLE). */
export type ReviewSettings = Pick<Schemas['Review'], 'mode'> & {
  sampleRate?: number | null;
  /** ADAPTIVE only: each labeler's rate lies between these, around the base rate sampleRate. */
  minRate?: number | null;
  maxRate?: number | null;
  window?: number | null;
};

export type Project = Omit<Schemas['Project'], 'schema' | 'counts'> & { schema: LabelSchema; counts: Counts };

/** Create and change (PATCH): every field may be left out. */
export type ProjectInput = Partial<Omit<Schemas['ProjectRequest'], 'schema' | 'review'>> & {
  schema?: LabelSchema;
  review?: ReviewSettings;
};

export type Stats = Omit<Schemas['Stats'], 'counts'> & { counts: Counts };
export type Member = Schemas['Member'];

// ---- jobs ----

export type JobStatus = Schemas['ImportJob']['status'];
export type ImportJob = Schemas['ImportJob'];
/** The multipart field `options` of an import (docs/io.md, "Import options"). */
export type ImportOptions = Schemas['ImportOptions'];
export type ExportJob = Schemas['ExportJob'];

// ---- tasks ----

export type TaskSummary = Omit<Schemas['TaskRow'], 'data'> & { data: TaskData };

/** `goldReference`: managers only, the reference result of a gold item. */
export type TaskDetail = Omit<Schemas['TaskView'], 'data' | 'goldReference' | 'assignments' | 'annotations'> & {
  data: TaskData;
  goldReference: AnnotationResult | null;
  /** `goldFeedback`: a gold answer's score per field (managers only). */
  assignments: (Omit<Schemas['AssignmentView'], 'goldFeedback'> & { goldFeedback: Schemas['FieldResult'][] | null })[];
  annotations: (Omit<Schemas['AnnotationView'], 'result'> & { result: AnnotationResult })[];
};

export type TaskEvent = Schemas['TaskEvent'];
/** A comment on a task (issue 13): also a COMMENT event of its history. */
export type TaskComment = Schemas['TaskComment'];
export type TaskAssigned = Schemas['TaskAssigned'];
export type Rejection = Schemas['Rejection'];
export type NextTaskReason = Schemas['Lease']['reason'];

export type NextTask = Omit<Schemas['Lease'], 'data' | 'draft' | 'schema'> & {
  data: TaskData;
  draft: AnnotationResult | null;
  schema?: LabelSchema;
};

export type NextReview = Omit<Schemas['ReviewItem'], 'data' | 'result' | 'schema'> & {
  data: TaskData;
  result: AnnotationResult;
  schema?: LabelSchema;
};

export type Verdict = Schemas['ReviewDecision']['verdict'];
export type Submitted = Schemas['Submitted'];
export type Decided = Schemas['Decided'];

/** Actors come back as a username, an id or a small object; show whichever we got. */
export function actorName(actor: unknown): string {
  if (actor == null) return '—';
  if (typeof actor === 'string' || typeof actor === 'number') return String(actor);
  if (typeof actor === 'object') {
    const a = actor as Record<string, unknown>;
    return String(a.username ?? a.displayName ?? a.name ?? a.id ?? JSON.stringify(actor));
  }
  return String(actor);
}

// ---- gold and quality ----

export type GoldItem = Omit<Schemas['GoldView'], 'reference'> & { reference: AnnotationResult };
export type GoldQuality = Schemas['Gold'];

/**
 * GET /me/quality?projectId=: the caller's own gold accuracy. Figures move in whole steps of `step` answers (the
 * newest `answers - counted` wait for theirs), so no single answer's score can be read off; no reference, no task.
 */
export type MyQuality = Schemas['MyQuality'];

/** GET /projects/{id}/quality: one member per figure (gold now; agreement and others beside it later). */
export type Quality = Schemas['Quality'];

/** GET /projects/{id}/quality/report?format=json: distributions, per-worker figures, rejection reasons, throughput. */
export type QualityReportData = Schemas['QualityReport'];
export type QualitySummary = Schemas['LengthSummary'];
/** Issue 11 inspection: an acceptance-sampling lot, and a labeler's adaptive draw rate (quality.inspection). */
export type InspectionLot = Schemas['InspectionLot'];
export type LabelerInspectionRate = Schemas['LabelerInspectionRate'];
/** lotsreport (issue 11): a returned lot with the caller's rejected work in it (code `lot.returned`, params lot, n, items). */
export type ReturnedLotNotice = Schemas['ReturnedLotNotice'];
