/**
 * Whole API answers for fetch mocks, typed by the generated contract (src/api/types.ts aliases openapi.gen.ts): a
 * mock that drifts from what the server sends fails the typecheck, not a user. Pass the fields a test cares about.
 */
import type { Counts, Decided, LabelSchema, NextReview, NextTask, Project, Submitted, TaskDetail } from '../api/types';

export function counts(extra: Partial<Counts> = {}): Counts {
  return { NEW: 0, ASSIGNED: 0, SUBMITTED: 0, REJECTED: 0, APPROVED: 0, total: 0, ...extra };
}

export function project(extra: Partial<Project> & { schema: LabelSchema }): Project {
  return {
    id: 1,
    name: 'project',
    description: null,
    schemaVersion: 1,
    overlap: 1,
    review: { mode: 'FULL', sampleRate: 1, minRate: null, maxRate: null, window: null },
    leaseMinutes: 30,
    goldRate: 0,
    rates: null,
    createdAt: '2024-05-01T00:00:00Z',
    myRole: 'MANAGER',
    counts: counts(),
    autoPause: null,
    consensus: null,
    ...extra,
  };
}

export function nextTask(extra: Partial<NextTask> & Pick<NextTask, 'assignmentId' | 'taskId'>): NextTask {
  return {
    data: {},
    draft: null,
    leaseExpiresAt: new Date(Date.now() + 30 * 60_000).toISOString(),
    reason: 'order',
    rejection: null,
    ...extra,
  };
}

export function nextReview(extra: Partial<NextReview> & Pick<NextReview, 'reviewId' | 'taskId'>): NextReview {
  return {
    assignmentId: 100,
    data: {},
    result: {},
    version: 1,
    labeler: { id: 3, username: 'labeler1' },
    leaseExpiresAt: new Date(Date.now() + 10 * 60_000).toISOString(),
    earlier: null,
    ...extra,
  };
}

export function taskDetail(extra: Partial<TaskDetail> = {}): TaskDetail {
  return { id: 7, projectId: 1, state: 'NEW', data: {}, goldReference: null, assignments: [], annotations: [], ...extra };
}

export function submitted(assignmentId: number): Submitted {
  return { assignmentId, state: 'SUBMITTED', annotationId: assignmentId * 10, version: 1 };
}

export function decided(reviewId: number, verdict: Decided['verdict']): Decided {
  return { reviewId, verdict, taskState: verdict === 'REJECT' ? 'REJECTED' : 'APPROVED', correctionId: null };
}
