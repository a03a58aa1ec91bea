/**
 * The academy API of docs/academy.md: one typed call per endpoint. Every answer is an alias of the generated schemas
 * (`Schemas[…]`), narrowed by hand only where it carries free JSON (label schemas, task data, results). The request
 * bodies (`…Input`) are written here: they name the optional fields a form may leave out.
 */
import { api } from './client';
import type { AnnotationResult, LabelSchema, Me, Schemas, TaskData } from './types';

export type RegistrationStatus = Schemas['Mine']['status'];
export type RegistrationState = Schemas['Cohort']['registrationState'];
export type PlacementRole = Schemas['Placement']['role'];

export type Course = Schemas['Course'];

export interface CourseInput {
  name: string;
  description?: string;
  materials?: { title: string; url?: string }[];
  hours: number;
}

export type CohortSession = Schemas['Session'];

/** My registration in a cohort, as the cohort list shows it. */
export type MyRegistrationRef = Schemas['Mine'];

export type Cohort = Schemas['Cohort'];

export interface SessionInput {
  startsAt: string;
  endsAt: string;
  place: string;
}

export interface CohortInput {
  courseId: number;
  name: string;
  capacity: number;
  registrationOpensAt: string;
  registrationClosesAt: string;
  minAttendance?: number;
  sessions: SessionInput[];
}

/** position: 1-based place on the wait list; null when a seat was taken. */
export type Registered = Schemas['Registered'];

/** attendance: session id → present. */
export type RosterRow = Schemas['RosterRow'];

export type FunnelStepName = Schemas['Step']['step'];

export type Funnel = Schemas['Funnel'];

export type AcademyEvent = Schemas['Event'];

export interface ExamItemInput {
  data: TaskData;
  reference: AnnotationResult;
}

export interface ExamInput {
  name: string;
  projectId?: number;
  schema?: LabelSchema;
  cohortId?: number;
  items: ExamItemInput[];
  timeLimitMinutes: number;
  passScore: number;
  maxAttempts?: number;
  /** When trainees see the references: once no attempt is left (default), or never. */
  showReferences?: ShowReferences;
}

export type ShowReferences = Schemas['Exam']['showReferences'];

export type Exam = Omit<Schemas['Exam'], 'schema' | 'items'> & {
  schema: LabelSchema;
  items: (Omit<Schemas['Item'], 'data' | 'reference'> & { data: TaskData; reference: AnnotationResult })[];
};

export type ExamSummary = Schemas['ExamSummary'];

export type Attempt = Omit<Schemas['Attempt'], 'schema' | 'items' | 'answers'> & {
  schema: LabelSchema;
  items: { itemId: number; position: number; data: TaskData }[];
  /** item id → saved result */
  answers: Record<string, AnnotationResult>;
};

export type FieldResult = Schemas['FieldResult'];

/** `feedback` and `reference` are null while the references are withheld (the exam's `showReferences`). */
export type ItemResult = Omit<Schemas['ItemResult'], 'answer' | 'reference'> & {
  answer: AnnotationResult | null;
  reference: AnnotationResult | null;
};

/** `referencesShown` false: scores only; references and feedback come once no attempt is left (or never). */
export type AttemptResult = Omit<Schemas['Result'], 'perItem'> & { perItem: ItemResult[] };

export type AttemptView = { attempt: Attempt; result: AttemptResult | null };

export type AttemptSummary = Schemas['AttemptSummary'];

export interface PlacementInput {
  reviewerQuota: number;
  reviewerMinScore: number;
  labelerQuota: number;
  labelerMinScore: number;
  projectIds: number[];
  /** A re-run keeps manual overrides nobody accepted yet unless this is false (accepted placements are always kept). */
  keepOverrides?: boolean;
}

/** reasons: the clauses of `why` as codes (null for placements decided before reasons had codes). */
export type Placement = Schemas['Placement'];

export type PlacementList = Schemas['PlacementList'];

export type Agreement = Schemas['Agreement'];

export type Accepted = Schemas['Accepted'];

export type MyRegistration = Schemas['MyRegistration'];

export type MyAcademy = Schemas['Overview'];

export type Notification = Schemas['Notification'];

export interface SignupInput {
  username: string;
  password: string;
  displayName: string;
  email?: string;
  phone?: string;
  privacyConsent: boolean;
}

export const academy = {
  signup: (input: SignupInput) => api.post<Me>('/signup', input),

  courses: () => api.get<Course[]>('/courses'),
  createCourse: (input: CourseInput) => api.post<Course>('/courses', input),

  cohorts: (all = false) => api.get<Cohort[]>('/cohorts', { query: { all: all || undefined } }),
  cohort: (id: number) => api.get<Cohort>(`/cohorts/${id}`),
  createCohort: (input: CohortInput) => api.post<Cohort>('/cohorts', input),
  register: (cohortId: number) => api.post<Registered>(`/cohorts/${cohortId}/registrations`),
  cancel: (cohortId: number) => api.delete(`/cohorts/${cohortId}/registrations/me`),
  roster: (cohortId: number) => api.get<RosterRow[]>(`/cohorts/${cohortId}/registrations`),
  setAttendance: (cohortId: number, sessionId: number, accountId: number, present: boolean) =>
    api.put<{ sessionId: number; accountId: number; present: boolean }>(`/cohorts/${cohortId}/sessions/${sessionId}/attendance`, {
      accountId,
      present,
    }),
  funnel: (cohortId: number) => api.get<Funnel>(`/cohorts/${cohortId}/funnel`),
  funnelCsvUrl: (cohortId: number) => `/api/v1/cohorts/${cohortId}/funnel?format=csv`,
  events: (cohortId: number) => api.get<AcademyEvent[]>(`/cohorts/${cohortId}/events`),

  exams: () => api.get<ExamSummary[]>('/exams'),
  exam: (id: number) => api.get<Exam>(`/exams/${id}`),
  createExam: (input: ExamInput) => api.post<Exam>('/exams', input),
  startAttempt: (examId: number) => api.post<Attempt>(`/exams/${examId}/attempts`),
  attempt: (attemptId: number) => api.get<AttemptView>(`/attempts/${attemptId}`),
  saveAnswer: (attemptId: number, itemId: number, result: AnnotationResult) =>
    api.put<{ attemptId: number; itemId: number; savedAt: string; deadline: string }>(`/attempts/${attemptId}/answers/${itemId}`, { result }),
  submit: (attemptId: number) => api.post<AttemptResult>(`/attempts/${attemptId}/submit`),

  placement: (cohortId: number) => api.get<PlacementList>(`/cohorts/${cohortId}/placement`),
  runPlacement: (cohortId: number, input: PlacementInput) => api.post<PlacementList>(`/cohorts/${cohortId}/placement`, input),
  override: (placementId: number, role: PlacementRole, reason: string) => api.put<Placement>(`/placements/${placementId}`, { role, reason }),
  agreement: () => api.get<Agreement>('/agreements/current'),
  accept: (placementId: number, agreementVersion: number) => api.post<Accepted>(`/placements/${placementId}/accept`, { agreementVersion }),

  mine: () => api.get<MyAcademy>('/me/academy'),
  notifications: (unread = false) => api.get<Notification[]>('/me/notifications', { query: { unread: unread || undefined } }),
  markRead: (id: number) => api.post<void>(`/me/notifications/${id}/read`),
};
