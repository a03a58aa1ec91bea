import { describe, expect, it } from 'vitest';
import { messages } from './messages';
import { sayCode } from './serverText';

/**
 * The codes of problem details (the sentence under the title) the server sends for malformed requests, reviews, lots,
 * work leases, gold items and academy placements (ApiException.withCode, ProblemHandler): each has Korean and English
 * text with the same parameters.
 */
const PROBLEM_CODES = [
  'request.unreadableBody', 'request.bodyTooLarge', 'request.uploadTooLarge', 'request.multipartUnreadable', 'request.nul',
  'request.conflict', 'request.fieldsInvalid', 'request.parameterRequired', 'request.partRequired', 'request.headerRequired',
  'request.parameterWrongType', 'review.ownWork', 'review.notYours', 'review.alreadyDecided', 'review.leaseExpired',
  'review.noLongerMember', 'review.notReviewer', 'review.noLongerReviewer', 'review.pausedLeaseEnded', 'lot.alreadyDecided',
  'work.notYours', 'work.noLongerMember', 'work.paused', 'work.noLongerLabeler', 'work.notOpen', 'work.leaseExpired',
  'gold.alreadyWork', 'gold.answered', 'academy.placementInvalid', 'academy.overrideInvalid', 'academy.courseInvalid',
  'academy.placementAccepted', 'academy.placementNotYours', 'academy.placementNoRole', 'academy.placementAlreadyAccepted',
  'academy.agreementOutdated', 'project.notMember', 'project.paused', 'task.notAssignedToYou',
  'request.methodNotAllowed', 'request.contentType', 'request.noPath',
];

function texts(m: unknown): string[] {
  return typeof m === 'string' ? [m] : Object.entries(m as Record<string, string>).filter(([k]) => k !== 'by').map(([, v]) => v);
}

function placeholders(m: unknown): string[] {
  return [...new Set(texts(m).flatMap((s) => [...s.matchAll(/\{(\w+)\}/g)].map((x) => x[1])))].sort();
}

describe('problem details are said by their code', () => {
  it('every problem code has Korean and English text with the same parameters', () => {
    const table = messages as Record<string, { ko: unknown; en: unknown }>;
    for (const code of PROBLEM_CODES) {
      const m = table[`code.${code}`];
      expect(m, `code.${code}`).toBeDefined();
      expect(placeholders(m.ko), `code.${code}`).toEqual(placeholders(m.en));
    }
  });

  it('says a review decided twice and a role in the reader language', () => {
    expect(sayCode('ko', 'review.alreadyDecided', { reviewId: 7, verdict: 'REJECT' }, 'x')).toBe('검수 7은(는) 이미 결정되었습니다 (REJECT).');
    expect(sayCode('en', 'request.fieldsInvalid', { count: 1 }, 'x')).toBe('1 field is invalid.');
    expect(sayCode('ko', 'work.noLongerLabeler', { projectId: 3, role: 'REVIEWER' }, 'x')).toContain('프로젝트 3의 라벨러가 아닙니다');
  });
});
