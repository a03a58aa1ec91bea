import type { MessageText } from '../../i18n/format';

/** Pay's words in Korean and English; spread into app/messages.ts. */
export const payMessages = {
  'nav.earnings': { ko: '내 수입', en: 'My earnings' },
  'nav.pay': { ko: '지급', en: 'Pay' },

  // kinds of ledger entries
  'pay.kind.LABELING': { ko: '작업 승인', en: 'Approved work' },
  'pay.kind.GOLD': { ko: '골드 응답', en: 'Gold answer' },
  'pay.kind.REVIEW': { ko: '검수 판정', en: 'Review decision' },
  'pay.kind.CORRECTION_SHARE': { ko: '수정 몫', en: 'Correction share' },
  'pay.kind.ADJUSTMENT': { ko: '조정', en: 'Adjustment' },

  // the worker's earnings page
  'pay.earnings.title': { ko: '내 수입', en: 'My earnings' },
  'pay.earnings.intro': {
    ko: '검수에서 승인된 작업과 검수 판정마다 단가표에 따라 적립됩니다. 월 지급액에서 사업소득 원천징수(소득세 3%, 지방소득세 0.3%)를 뺀 금액이 지급됩니다.',
    en: 'Each approved task and each review decision earns what the project’s rate card says. Each month is paid less withholding on business income (income tax 3 %, local income tax 0.3 %).',
  },
  'pay.earnings.total': { ko: '누적 수입', en: 'Earned so far' },
  'pay.earnings.none': { ko: '아직 적립된 수입이 없습니다. 작업이 승인되면 여기에 나타납니다.', en: 'Nothing earned yet. Approved work shows up here.' },
  'pay.earnings.months': { ko: '월별 합계', en: 'Monthly totals' },
  'pay.earnings.entries': { ko: '최근 내역', en: 'Latest entries' },
  'pay.earnings.chart': { ko: '월별 수입', en: 'Earnings per month' },
  'pay.month': { ko: '월', en: 'Month' },
  'pay.count': { ko: '건수', en: 'Entries' },
  'pay.gross': { ko: '지급액', en: 'Gross' },
  'pay.incomeTax': { ko: '소득세', en: 'Income tax' },
  'pay.localIncomeTax': { ko: '지방소득세', en: 'Local income tax' },
  'pay.withholding': { ko: '원천징수', en: 'Withholding' },
  'pay.net': { ko: '실지급액', en: 'Net' },
  'pay.issued': { ko: '발행됨', en: 'Issued' },
  'pay.open': { ko: '진행 중', en: 'Open' },
  'pay.when': { ko: '일시', en: 'When' },
  'pay.kind': { ko: '구분', en: 'Kind' },
  'pay.status': { ko: '상태', en: 'Status' },
  'pay.project': { ko: '프로젝트', en: 'Project' },
  'pay.amount': { ko: '금액', en: 'Amount' },
  'pay.units': { ko: '단위', en: 'Units' },
  'pay.reason': { ko: '사유', en: 'Reason' },

  // the project's rate card
  'pay.tab': { ko: '단가', en: 'Pay rates' },
  'pay.card.title': { ko: '단가표', en: 'Rate card' },
  'pay.card.none': { ko: '아직 단가표가 없습니다. 단가표를 저장하기 전까지는 작업이 지급되지 않습니다.', en: 'No rate card yet: work is not paid until one is saved.' },
  'pay.card.version': { ko: '버전 {version} · {by} · {at}', en: 'Version {version} · {by} · {at}' },
  'pay.card.labelerPerTask': { ko: '승인된 작업 1건당 (작업자)', en: 'Per approved task (labeler)' },
  'pay.card.reviewerPerDecision': { ko: '검수 판정 1건당 (검수자)', en: 'Per review decision (reviewer)' },
  'pay.card.perUnit': { ko: '필드 단위당 추가 (개체·선택지 하나마다)', en: 'Extra per unit of a field (each span, object, chosen option)' },
  'pay.card.goldRate': { ko: '골드 응답 1건당 (비우면 지급 안 함)', en: 'Per gold answer (empty: not paid)' },
  'pay.card.correctionShare': { ko: '검수자가 수정한 작업에서 검수자 몫 (%)', en: 'Reviewer’s share of a task they corrected (%)' },
  'pay.card.note': {
    ko: '저장할 때마다 새 버전이 됩니다. 승인 시점에 유효한 버전으로 지급됩니다. 금액은 원 단위 정수입니다.',
    en: 'Each save is a new version; work is paid at the version in force when it is approved. Amounts are whole won.',
  },
  'pay.card.save': { ko: '단가표 저장', en: 'Save rate card' },

  // the administrators' pay page
  'pay.page.title': { ko: '지급 명세', en: 'Pay statements' },
  'pay.page.period': { ko: '정산 월', en: 'Month' },
  'pay.page.show': { ko: '보기', en: 'Show' },
  'pay.page.none': { ko: '이 달에 적립된 내역이 없습니다.', en: 'Nothing was earned in this month.' },
  'pay.page.total': { ko: '합계', en: 'Total' },
  'pay.page.worker': { ko: '작업자', en: 'Worker' },
  'pay.page.issue': { ko: '명세서 발행 (이 달 마감)', en: 'Issue statements (lock this month)' },
  'pay.page.issueConfirm': {
    ko: '{period} 명세서를 발행할까요? 발행 후에는 이 달이 잠기고, 이후 적립분은 다음 달로 넘어갑니다.',
    en: 'Issue the statements of {period}? The month is locked then; later entries count in the next month.',
  },
  'pay.page.issuedAt': { ko: '{at}에 {by}님이 발행함 — 잠김', en: 'Issued {at} by {by} — locked' },
  'pay.page.notIssued': { ko: '아직 발행되지 않았습니다. 금액이 바뀔 수 있습니다.', en: 'Not issued yet: amounts may still change.' },
  'pay.page.csv': { ko: 'CSV 내려받기', en: 'Download CSV' },
  'pay.page.pdf': { ko: 'PDF 내려받기', en: 'Download PDF' },
  'pay.page.payout': { ko: '이체용 파일 (CSV)', en: 'Bank transfer batch (CSV)' },
  'pay.page.rule': {
    ko: '원천징수: 소득세는 지급액의 3%, 지방소득세는 소득세의 10%이며 각각 10원 미만을 버립니다. 소득세가 1,000원 미만이면 징수하지 않습니다(소액부징수).',
    en: 'Withholding: income tax 3 % of the gross, local income tax 10 % of that, each rounded down to 10 won; an income tax under 1,000 won is not withheld.',
  },
} satisfies Record<string, { ko: MessageText; en: MessageText }>;
