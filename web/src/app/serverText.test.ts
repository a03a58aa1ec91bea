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

  it('image and speech scoring feedback', () => {
    const box = { pct: 67, found: 1, expected: 2, extra: 0, iou: 50, meanIou: 81 };
    expect(sayCode('en', 'score.boxes.f1', box, '')).toBe('F1 67%: 1 of 2 expected boxes matched at IoU ≥ 50% (mean IoU 81%)');
    expect(sayCode('ko', 'score.boxes.f1', box, '')).toBe('F1 67%: 정답 상자 2개 중 1개가 IoU 50% 이상으로 일치 (평균 IoU 81%)');
    expect(sayCode('en', 'score.polygons.f1', { pct: 0, found: 0, expected: 1, extra: 2, iou: 50, meanIou: 0 }, '')).toBe(
      'F1 0%: 0 of 1 expected polygon matched at IoU ≥ 50%, 2 not expected',
    );
    expect(sayCode('ko', 'score.polygons.f1', { pct: 0, found: 0, expected: 1, extra: 2, iou: 50, meanIou: 0 }, '')).toBe(
      'F1 0%: 정답 다각형 1개 중 0개가 IoU 50% 이상으로 일치, 정답에 없는 것 2개',
    );
    const points = { pct: 100, found: 3, expected: 3, extra: 0, tolerance: 10, meanDistance: 2.5 };
    expect(sayCode('en', 'score.keypoints.f1', points, '')).toBe('F1 100%: 3 of 3 expected points within 10 px (mean distance 2.5 px)');
    expect(sayCode('ko', 'score.keypoints.f1', points, '')).toBe('F1 100%: 정답 점 3개 중 3개가 10px 이내 (평균 거리 2.5px)');
    const segs = { pct: 80, found: 2, expected: 2, extra: 1, iou: 50 };
    expect(sayCode('en', 'score.segments.f1', segs, '')).toBe('F1 80%: 2 of 2 expected segments matched at IoU ≥ 50%, 1 not expected');
    expect(sayCode('ko', 'score.segments.f1', segs, '')).toBe('F1 80%: 정답 구간 2개 중 2개가 IoU 50% 이상으로 일치, 정답에 없는 것 1개');
    const spoken = { ...segs, extra: 0, pct: 90, cer: 10 };
    expect(sayCode('en', 'score.segments.transcripts', spoken, '')).toBe('score 90%: 2 of 2 expected segments matched at IoU ≥ 50% (transcript CER 10%)');
    expect(sayCode('ko', 'score.segments.transcripts', spoken, '')).toBe('점수 90%: 정답 구간 2개 중 2개가 IoU 50% 이상으로 일치 (전사 CER 10%)');
    expect(sayCode('en', 'score.segments.transcripts', { ...spoken, found: 0, pct: 0 }, '')).toBe('score 0%: 0 of 2 expected segments matched at IoU ≥ 50%');
  });
});
