import { api, upload } from './client';
import type {
  Account,
  AnnotationResult,
  ApiToken,
  CreatedToken,
  Decided,
  ExportJob,
  GoldItem,
  ImportJob,
  ImportOptions,
  InspectionLot,
  ReturnedLotNotice,
  LabelSchema,
  Me,
  Member,
  MyQuality,
  NextReview,
  NextTask,
  Page,
  Project,
  ProjectInput,
  ProjectRole,
  Quality,
  QualityReportData,
  Role,
  Stats,
  Submitted,
  TaskDetail,
  TaskAssigned,
  TaskComment,
  TaskEvent,
  TaskSummary,
  Verdict,
} from './types';

/**
 * Typed calls, one per endpoint. The types are aliases of the ones generated from the OpenAPI document (types.ts), so
 * a call's answer here is what the server's contract says it is.
 */

export const auth = {
  login: (username: string, password: string) => api.post<Me>('/auth/login', { username, password }),
  logout: () => api.post<void>('/auth/logout'),
  me: () => api.get<Me>('/me'),
  /** One's own new password (issue 13): 204; 422 names currentPassword or newPassword; other sessions end. */
  changePassword: (currentPassword: string, newPassword: string) => api.put<void>('/me/password', { currentPassword, newPassword }),
};

/** The signed-in person's own figures. */
export const mine = {
  quality: (projectId: number) => api.get<MyQuality>('/me/quality', { query: { projectId } }),
  // lotsreport (issue 11): returned lots holding the caller's work to rework (the home page says so)
  returnedLots: () => api.get<ReturnedLotNotice[]>('/me/returned-lots'),
};

export const tokens = {
  list: () => api.get<ApiToken[]>('/tokens'),
  create: (name: string) => api.post<CreatedToken>('/tokens', { name }),
  revoke: (id: number) => api.delete(`/tokens/${id}`),
};

export interface AccountInput {
  username: string;
  password: string;
  displayName: string;
  email?: string;
  roles: Role[];
}

export const accounts = {
  list: (after?: string | null, limit = 50) => api.get<Page<Account>>('/accounts', { query: { after, limit } }),
  create: (input: AccountInput) => api.post<Account>('/accounts', input),
  update: (id: number, patch: Partial<Pick<Account, 'displayName' | 'roles' | 'active'>> & { password?: string }) =>
    api.patch<Account>(`/accounts/${id}`, patch),
};

export const projects = {
  list: () => api.get<Page<Project>>('/projects'),
  get: (id: number) => api.get<Project>(`/projects/${id}`),
  create: (input: ProjectInput) => api.post<Project>('/projects', input),
  update: (id: number, patch: ProjectInput) => api.patch<Project>(`/projects/${id}`, patch),
  stats: (id: number) => api.get<Stats>(`/projects/${id}/stats`),
  validateSchema: (schema: unknown) => api.post<{ valid: boolean }>('/projects/schema/validate', { schema }),
  members: (id: number) => api.get<Member[]>(`/projects/${id}/members`),
  putMember: (id: number, accountId: number, role: ProjectRole, paused?: boolean) =>
    api.put<Member>(`/projects/${id}/members/${accountId}`, paused === undefined ? { role } : { role, paused }),
  removeMember: (id: number, accountId: number) => api.delete(`/projects/${id}/members/${accountId}`),
  tasks: (id: number, state?: string, after?: string | null, limit = 20) =>
    api.get<Page<TaskSummary>>(`/projects/${id}/tasks`, { query: { state, after, limit } }),
  nextTask: (id: number) => api.post<NextTask | undefined>(`/projects/${id}/next-task`),
  nextReview: (id: number) => api.post<NextReview | undefined>(`/projects/${id}/next-review`),
  quality: (id: number) => api.get<Quality>(`/projects/${id}/quality`),
  // measures (issue 11): the quality report's JSON form, drawn as charts in the quality tab
  qualityReport: (id: number) => api.get<QualityReportData>(`/projects/${id}/quality/report`, { query: { format: 'json' } }),
};

/** Acceptance sampling of lots (issue 11, managers). */
export const lots = {
  list: (projectId: number) => api.get<InspectionLot[]>(`/projects/${projectId}/lots`),
  create: (projectId: number, aql: number) => api.post<InspectionLot>(`/projects/${projectId}/lots`, { aql }),
  decide: (projectId: number, lotId: number, decision: 'ACCEPT' | 'RETURN', reason: string) =>
    api.post<InspectionLot>(`/projects/${projectId}/lots/${lotId}/decision`, { decision, reason }),
};

export const imports = {
  /** One file as `file`; several (media formats only) as repeated `files` parts, packed into one zip by the server. */
  start: (projectId: number, file: File | File[], format: string, onProgress?: (f: number | null) => void, options?: ImportOptions) => {
    const form = new FormData();
    form.append('format', format);
    if (options && Object.keys(options).length > 0) form.append('options', JSON.stringify(options));
    if (Array.isArray(file)) for (const f of file) form.append('files', f);
    else form.append('file', file);
    return upload<ImportJob>(`/projects/${projectId}/imports`, form, onProgress);
  },
  get: (id: number) => api.get<ImportJob>(`/imports/${id}`),
  /** The rejected-rows report (CSV line,field,reason) of an import with `hasReport`. */
  reportUrl: (id: number) => `/api/v1/imports/${id}/rejected`,
};

export const exports_ = {
  /** `media`: put the image/audio files in the export beside the labels (yolo). */
  start: (projectId: number, format = 'jsonl', options?: { media?: boolean }) =>
    api.post<ExportJob>(`/projects/${projectId}/exports`, { format, ...options }),
  /** The same export again (an expired one): its format and the options it was started with (field, media, split). */
  again: (job: Pick<ExportJob, 'projectId' | 'format' | 'options'>) =>
    api.post<ExportJob>(`/projects/${job.projectId}/exports`, { ...(job.options && typeof job.options === 'object' ? job.options : {}), format: job.format }),
  /** The project's exports, newest first. */
  list: (projectId: number, limit = 1) => api.get<Page<ExportJob>>(`/projects/${projectId}/exports`, { query: { limit } }),
  get: (id: number) => api.get<ExportJob>(`/exports/${id}`),
  fileUrl: (id: number) => `/api/v1/exports/${id}/file`,
};

export const tasks = {
  get: (id: number) => api.get<TaskDetail>(`/tasks/${id}`),
  history: (id: number) => api.get<TaskEvent[]>(`/tasks/${id}/history`),
  gold: (id: number) => api.get<GoldItem>(`/tasks/${id}/gold`),
  putGold: (id: number, reference: AnnotationResult) => api.put<GoldItem>(`/tasks/${id}/gold`, { reference }),
  deleteGold: (id: number) => api.delete(`/tasks/${id}/gold`),
  comments: (id: number) => api.get<TaskComment[]>(`/tasks/${id}/comments`),
  addComment: (id: number, text: string) => api.post<TaskComment>(`/tasks/${id}/comments`, { text }),
  /** Gives the task to a labeler of its project, or (own id) opens it for the calling manager to label. */
  assign: (id: number, accountId: number) => api.post<TaskAssigned>(`/tasks/${id}/assign`, { accountId }),
};

export const assignments = {
  /** Saving a draft extends the lease; older servers answer 204 (undefined). */
  saveDraft: (id: number, result: AnnotationResult, how: { keepalive?: boolean } = {}) =>
    api.put<{ leaseExpiresAt?: string } | undefined>(`/assignments/${id}/draft`, { result }, how.keepalive ? { keepalive: true } : undefined),
  submit: (id: number, result: AnnotationResult) =>
    api.post<Submitted>(`/assignments/${id}/submit`, { result }),
  skip: (id: number, reason: string) => api.post<void>(`/assignments/${id}/skip`, { reason }),
};

export const reviews = {
  decide: (id: number, verdict: Verdict, extra: { reason?: string; result?: AnnotationResult } = {}, opts?: { keepalive?: boolean }) =>
    api.post<Decided>(`/reviews/${id}/decision`, { verdict, ...extra }, opts),
};

export type { LabelSchema };
