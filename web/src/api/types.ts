/** The JSON shapes of docs/api-shapes.md, as TypeScript. */

export type Role = 'ADMIN' | 'MANAGER' | 'REVIEWER' | 'LABELER' | 'TRAINEE';
export type ProjectRole = 'MANAGER' | 'REVIEWER' | 'LABELER';
export const ALL_ROLES: Role[] = ['ADMIN', 'MANAGER', 'REVIEWER', 'LABELER', 'TRAINEE'];
export const PROJECT_ROLES: ProjectRole[] = ['LABELER', 'REVIEWER', 'MANAGER'];

export interface Page<T> {
  items: T[];
  next: string | null;
}

export interface Me {
  id: number;
  username: string;
  displayName: string;
  roles: Role[];
  locale?: string | null;
  /** Failed sign-ins since the previous successful one; set by the sign-in that follows them, for that session. */
  signInNotice?: SignInNotice | null;
}

export interface SignInNotice {
  code: 'FAILED_SIGN_INS';
  count: number;
  lastAt: string | null;
}

export interface Account {
  id: number;
  username: string;
  displayName: string;
  email: string | null;
  roles: Role[];
  active: boolean;
  createdAt: string;
}

export interface ApiToken {
  id: number;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
}

export interface CreatedToken {
  id: number;
  name: string;
  token: string;
  createdAt: string;
}

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

/** The workflow states of ordinary work: the progress bar's segments and its total. */
export const TASK_STATES = ['NEW', 'ASSIGNED', 'SUBMITTED', 'REJECTED', 'APPROVED'] as const;
export type WorkState = (typeof TASK_STATES)[number];
/** GOLD: a gold item (control task), counted beside the work, never in its total. */
export type TaskState = WorkState | 'GOLD';
export const LISTED_STATES: TaskState[] = [...TASK_STATES, 'GOLD'];
export type Counts = Record<WorkState, number> & { total: number; GOLD?: number };

export interface ReviewSettings {
  mode: 'FULL' | 'SAMPLE';
  sampleRate?: number | null;
}

export interface Project {
  id: number;
  name: string;
  description: string | null;
  schema: LabelSchema;
  schemaVersion: number;
  overlap: number;
  review: ReviewSettings;
  leaseMinutes: number;
  goldRate: number | null;
  rates: unknown;
  createdAt: string;
  myRole: ProjectRole | null;
  counts: Counts;
}

export interface ProjectInput {
  name?: string;
  description?: string;
  schema?: LabelSchema;
  overlap?: number;
  review?: ReviewSettings;
  leaseMinutes?: number;
  goldRate?: number;
}

export interface Stats {
  counts: Counts;
  throughput: { day: string; submitted: number; approved: number }[];
  workers: { accountId: number; username: string; submitted: number; approved: number; rejected: number }[];
}

export interface Member {
  accountId: number;
  username: string;
  displayName: string;
  role: ProjectRole;
  paused: boolean;
}

// ---- jobs ----

export type JobStatus = 'QUEUED' | 'RUNNING' | 'DONE' | 'FAILED';

export interface ImportJob {
  id: number;
  projectId: number;
  format: string;
  status: JobStatus;
  total: number;
  imported: number;
  rejected: number;
  errors: { line?: number; message: string }[];
  /** While RUNNING `total` is an estimate; bytesRead / fileSize is the finer measure (docs/io.md). */
  fileName?: string;
  fileSize?: number;
  bytesRead?: number;
  createdAt: string;
  finishedAt: string | null;
}

export interface ExportJob {
  id: number;
  projectId: number;
  format: string;
  status: JobStatus;
  total: number;
  written: number;
  error?: string | null;
  createdAt: string;
  finishedAt: string | null;
}

// ---- tasks ----

export interface TaskSummary {
  id: number;
  state: TaskState;
  data: TaskData;
  createdAt: string;
  updatedAt: string;
}

export interface TaskDetail {
  id: number;
  projectId: number;
  state: TaskState;
  data: TaskData;
  /** Managers only: the reference result of a gold item. */
  goldReference?: AnnotationResult | null;
  assignments: {
    id: number;
    labeler: unknown;
    state: string;
    leaseExpiresAt: string | null;
    goldScore?: number | null;
    goldFeedback?: { field: string; type: string; score: number | null; feedback: string }[] | null;
  }[];
  annotations: {
    id: number;
    assignmentId: number;
    author: unknown;
    kind: 'SUBMISSION' | 'CORRECTION';
    version: number;
    result: AnnotationResult;
    createdAt: string;
  }[];
}

export interface TaskEvent {
  id: number;
  type: string;
  actor: unknown;
  assignmentId: number | null;
  detail: unknown;
  at: string;
}

export interface Rejection {
  reason: string;
  reviewer: unknown;
  at: string;
}

export interface NextTask {
  assignmentId: number;
  taskId: number;
  data: TaskData;
  draft: AnnotationResult | null;
  leaseExpiresAt: string;
  reason: string;
  rejection: Rejection | null;
  schema?: LabelSchema;
}

export interface NextReview {
  reviewId: number;
  taskId: number;
  assignmentId: number;
  data: TaskData;
  result: AnnotationResult;
  labeler: { id: number; username: string };
  schema?: LabelSchema;
  leaseExpiresAt?: string;
}

export type Verdict = 'APPROVE' | 'REJECT' | 'CORRECT';

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

export interface GoldItem {
  taskId: number;
  projectId: number;
  reference: AnnotationResult;
  answers: number;
  meanScore: number | null;
}

export interface GoldQuality {
  rate: number;
  items: number;
  answers: number;
  meanScore: number | null;
  /** `meanScore` null for a labeler who only skipped gold; `skipped`: gold items skipped and not answered. */
  perLabeler: { accountId: number; username: string; answers: number; meanScore: number | null; skipped?: number }[];
  perField: { field: string; type: string; answers: number; meanScore: number }[];
}

/**
 * GET /me/quality?projectId=: the caller's own gold accuracy. Figures move in whole steps of `step` answers (the
 * newest `answers - counted` wait for theirs), so no single answer's score can be read off; no reference, no task.
 */
export interface MyQuality {
  projectId: number;
  goldRate: number;
  step: number;
  answers: number;
  counted: number;
  pending: number;
  meanScore: number | null;
  recent: { answers: number; meanScore: number | null };
  /** Mean of each step of answers, oldest first; `through` is the last answer number of the step. */
  trend: { through: number; meanScore: number }[];
  perField: { field: string; type: string; answers: number; meanScore: number }[];
}

/** GET /projects/{id}/quality: one member per figure (gold now; agreement and others beside it later). */
export interface Quality {
  projectId: number;
  gold: GoldQuality;
}
