/**
 * The academy API of docs/academy.md: one typed call per endpoint. Registrations, cohorts, the roster and placements
 * are aliases of the generated schemas (`Schemas[…]`); the other shapes are still written here (their records do not
 * yet mark what may be null).
 */
import { api } from './client';
import type { AnnotationResult, LabelSchema, Me, Schemas, TaskData } from './types';

export type RegistrationStatus = Schemas['Mine']['status'];
export type RegistrationState = Schemas['Cohort']['registrationState'];
export type PlacementRole = Schemas['Placement']['role'];

export interface Course {
  id: number;
  name: string;
  description: string;
  materials: unknown;
  hours: number;
  createdAt: string;
}

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

export type FunnelStepName = 'registered' | 'attended' | 'completed' | 'examPassed' | 'placed' | 'active';

export interface Funnel {
  cohortId: number;
  capacity: number;
  waitlisted: number;
  minAttendance: number;
  steps: { step: FunnelStepName; count: number; shareOfRegistered: number }[];
}

export interface AcademyEvent {
  id: number;
  type: string;
  cohortId: number | null;
  accountId: number | null;
  actorId: number | null;
  detail: unknown;
  at: string;
}

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

export type ShowReferences = 'WHEN_NO_ATTEMPT_LEFT' | 'NEVER';

export interface Exam {
  id: number;
  name: string;
  projectId: number | null;
  cohortId: number | null;
  schema: LabelSchema;
  timeLimitMinutes: number;
  passScore: number;
  maxAttempts: number;
  showReferences: ShowReferences;
  items: { id: number; position: number; data: TaskData; reference: AnnotationResult }[];
  createdAt: string;
}

export interface ExamSummary {
  id: number;
  name: string;
  cohortId: number | null;
  timeLimitMinutes: number;
  passScore: number;
  maxAttempts: number;
  showReferences: ShowReferences;
  itemCount: number;
  attemptsUsed: number;
  bestScore: number | null;
  passed: boolean;
}

export interface Attempt {
  attemptId: number;
  examId: number;
  examName: string;
  number: number;
  maxAttempts: number;
  schema: LabelSchema;
  startedAt: string;
  deadline: string;
  items: { itemId: number; position: number; data: TaskData }[];
  /** item id → saved result */
  answers: Record<string, AnnotationResult>;
}

export interface FieldResult {
  field: string;
  type: string;
  score: number | null;
  feedback: string | null;
}

export interface ItemResult {
  itemId: number;
  score: number;
  /** null with the references withheld (it names expected answers) */
  feedback: string | null;
  answer: AnnotationResult | null;
  /** null until no attempt is left, or always (the exam's `showReferences`) */
  reference: AnnotationResult | null;
  fields: FieldResult[];
}

export interface AttemptResult {
  attemptId: number;
  examId: number;
  score: number;
  passScore: number;
  passed: boolean;
  submittedAt: string;
  late: boolean;
  perItem: ItemResult[];
  /** false: scores only; references and feedback come once no attempt is left (or never) */
  referencesShown: boolean;
}

export interface AttemptView {
  attempt: Attempt;
  result: AttemptResult | null;
}

export interface AttemptSummary {
  attemptId: number;
  examId: number;
  examName: string;
  cohortId: number | null;
  number: number;
  startedAt: string;
  deadline: string;
  submittedAt: string | null;
  score: number | null;
  passed: boolean | null;
}

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

export interface MyRegistration {
  registrationId: number;
  status: RegistrationStatus;
  position: number | null;
  registeredAt: string;
  cohort: Cohort;
  attendance: {
    attendedHours: number;
    totalHours: number;
    ratio: number;
    required: number;
    completed: boolean;
    sessions: Record<string, boolean>;
  };
}

export interface MyAcademy {
  registrations: MyRegistration[];
  exams: ExamSummary[];
  attempts: AttemptSummary[];
  placements: Placement[];
}

export interface Notification {
  id: number;
  kind: string;
  message: string;
  data: unknown;
  createdAt: string;
  readAt: string | null;
}

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
