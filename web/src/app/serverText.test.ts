import { describe, expect, it } from 'vitest';
import { sayCode, sayReasons } from './serverText';

const rank = { code: 'placement.rank', params: { rank: 2, of: 5, score: 88.5 } };

describe('server sentences said in the reader’s language', () => {
  it('a placement’s reasons, clause by clause, in Korean and English', () => {
    const reasons = [rank, { code: 'placement.seatsTaken', params: { role: 'REVIEWER', quota: 2 } }, { code: 'placement.seat', params: { role: 'LABELER', seat: 1, quota: 3, min: 70 } }];
    expect(sayReasons('en', reasons, 'fallback')).toBe('Rank 2 of 5 with best exam score 88.5; all 2 reviewer seats taken by higher ranks; labeler seat 1 of 3 (labeler minimum 70)');
    expect(sayReasons('ko', reasons, 'fallback')).toBe('5명 중 2위 (최고 시험 점수 88.5); 검수자 자리 2개가 모두 상위 순위로 채워짐; 작업자 자리 1/3 (작업자 최저 점수 70)');
  });

  it('an automatic pause says the figures as whole percentages', () => {
    const params = { answers: 4, accuracy: 0.5, minAccuracy: 0.8, minGoldAnswers: 4 };
    expect(sayCode('en', 'quality.autoPaused', params, '')).toBe(
      "Your work here is paused automatically: your gold accuracy is 50% over 4 gold answers, below this project's 80%. A manager can resume you.",
    );
    expect(sayCode('ko', 'quality.autoPaused', params, '')).toContain('50%(정답 문항 응답 4개)로 이 프로젝트의 기준 80%보다 낮아');
  });

  it('counts in a sentence take their plural form', () => {
    expect(sayCode('en', 'placement.seatsTaken', { role: 'LABELER', quota: 1 }, '')).toBe('the 1 labeler seat was taken by a higher rank');
    expect(sayCode('en', 'placement.keptFillQuota', { role: 'LABELER', kept: 2, quota: 2 }, '')).toContain('2 kept labeler placements (accepted or overridden) fill the quota of 2');
    expect(sayCode('en', 'placement.keptFillQuota', { role: 'LABELER', kept: 1, quota: 1 }, '')).toContain('1 kept labeler placement (accepted or overridden) fills the quota of 1');
  });

  it('a reviewer quota of 0 says there are no seats, not that higher ranks took all 0', () => {
    const s = sayCode('en', 'placement.noSeats', { role: 'REVIEWER' }, '');
    expect(s).toBe('no reviewer seats in this run (the quota is 0)');
    expect(s).not.toContain('all 0');
    expect(sayCode('ko', 'placement.noSeats', { role: 'REVIEWER' }, '')).toBe('이번 배치에는 검수자 자리가 없음 (정원 0)');
  });

  it('a kept decision runs on after its colon; an unknown code or a row from before codes shows the server’s English', () => {
    expect(sayReasons('en', [{ code: 'placement.keptOverride', params: { role: 'LABELER' } }, { code: 'placement.keptDecision' }, { code: 'placement.text', params: { text: 'Rank 1 of 3' } }], 'x')).toBe(
      'Manual override kept (not accepted yet) as labeler; kept decision: Rank 1 of 3',
    );
    expect(sayReasons('ko', null, 'Rank 1 of 3 with best exam score 99')).toBe('Rank 1 of 3 with best exam score 99');
    expect(sayReasons('ko', [rank, { code: 'placement.fromTheFuture' }], 'the why')).toBe('the why');
    expect(sayCode('ko', 'score.fromTheFuture', {}, 'F1 50%')).toBe('F1 50%');
  });

  it('notifications and scoring feedback', () => {
    expect(sayCode('ko', 'notification.placed', { role: 'LABELER', cohortName: '1기', placementId: 3 }, '')).toBe(
      '"1기" 과정 후 작업자(으)로 배치되었습니다. 프리랜서 약정을 읽고 수락하면 작업을 시작할 수 있습니다.',
    );
    expect(sayCode('en', 'notification.unplaced', { cohortName: 'C1', was: 'REVIEWER', reasons: [rank] }, '')).toBe(
      "Placement after 'C1' was run again and no longer places you as reviewer: Rank 2 of 5 with best exam score 88.5",
    );
    expect(sayCode('en', 'score.spans.f1', { pct: 50, found: 1, expected: 2, extra: 1 }, '')).toBe('F1 50%: 1 of 2 expected spans found exactly, 1 not expected');
    expect(sayCode('en', 'score.spans.f1', { pct: 100, found: 1, expected: 1, extra: 0 }, '')).toBe('F1 100%: 1 of 1 expected span found exactly');
    expect(sayCode('ko', 'score.choice.jaccard', { pct: 50, missed: ['b'], extra: [] }, '')).toBe('자카드 50%; 빠뜨림 [b]');
    expect(sayCode('ko', 'score.extractive.f1', { pct: 67, expected: [0, 2], chosen: [0] }, '')).toBe('F1 67%: 정답 문장 [0, 2], 선택 [0]');
  });
});
