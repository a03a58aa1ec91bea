import type { MessageText } from '../i18n/format';

/**
 * The annotator's own messages, Korean and English. They live here, not in app/messages.ts, so the annotator never
 * imports the app shell (as CVAT's canvas stays free of its React app); the app only says which language to use
 * (AnnotatorStringsProvider in ./i18n). A count in a sentence has plural forms (`{ one, other }`), picked by
 * Intl.PluralRules for `n`.
 */
export const annotatorMessages = {
  'annotator.fields': { ko: '라벨', en: 'Labels' },
  'annotator.noFields': { ko: '스키마에 필드가 없습니다.', en: 'The schema has no fields.' },
  'annotator.unsupported': {
    ko: '지원하지 않는 필드 유형입니다: "{type}" (필드 {name})',
    en: 'Unsupported field type "{type}" (field {name})',
  },
  'annotator.keysHelp': {
    ko: '숫자·문자 키로 선택, Ctrl+Z 되돌리기',
    en: 'Number and letter keys pick options; Ctrl+Z undoes',
  },
  'annotator.errorSummary': {
    ko: '{n}개 필드에 오류가 있습니다:',
    en: { one: '{n} field has an error:', other: '{n} fields have errors:' },
  },
  'field.required': { ko: '필수', en: 'Required' },
  // field types: name and what the server checks (tools/index.ts)
  'type.choice': { ko: '선택 (choice)', en: 'Choice (choice)' },
  'type.choice.hint': { ko: '선택지 중 하나, 여러 개 선택이면 배열(최소·최대 개수)', en: 'one of the options; an array when multiple (with min/max)' },
  'type.spans': { ko: '개체 표시 (spans)', en: 'Entity spans (spans)' },
  'type.spans.hint': { ko: '텍스트 구간(코드 포인트)과 라벨, 겹침 규칙', en: 'stretches of the text (code points) with a label; overlap rule' },
  'type.relations': { ko: '관계 (relations)', en: 'Relations (relations)' },
  'type.relations.hint': { ko: 'spans 필드의 두 개체를 라벨로 연결', en: 'links two spans of a spans field with a label' },
  'type.extractive': { ko: '추출 요약 (extractive)', en: 'Extractive summary (extractive)' },
  'type.extractive.hint': { ko: '문서에서 문장 고르기(최소·최대 개수)', en: 'pick sentences of the document (min/max)' },
  'type.abstractive': { ko: '생성 요약 (abstractive)', en: 'Abstractive summary (abstractive)' },
  'type.abstractive.hint': { ko: '요약문 작성(최소·최대 글자 수)', en: 'a written summary (min/max characters)' },
  'type.text': { ko: '자유 텍스트 (text)', en: 'Free text (text)' },
  'type.text.hint': { ko: '자유 입력(최소·최대 글자 수)', en: 'free text (min/max characters)' },
  'choice.single': { ko: '하나 선택', en: 'pick one' },
  'choice.multiple': { ko: '여러 개 선택', en: 'pick any' },
  'choice.noOptions': { ko: '선택지가 없습니다.', en: 'No options.' },
  'viewer.noText': { ko: '보여 줄 텍스트가 없습니다.', en: 'No text to show.' },
  'viewer.metadata': { ko: '부가 정보', en: 'Metadata' },
  'spans.hint': { ko: '텍스트를 선택(마우스 또는 Shift+화살표)한 뒤 라벨 키를 누르세요', en: 'select text (mouse or Shift+arrows), then press a label key' },
  'spans.textLabel': { ko: '개체를 표시할 텍스트', en: 'Text to mark spans in' },
  'spans.noText': { ko: '이 작업에는 data.{key} 텍스트가 없습니다.', en: 'This task has no text in data.{key}.' },
  'spans.selectFirst': { ko: '먼저 텍스트를 선택하세요.', en: 'Select some text first.' },
  'spans.overlap': { ko: '다른 개체({label} "{text}")와 겹칩니다. 이 필드는 겹침을 허용하지 않습니다.', en: 'Overlaps another span ({label} "{text}"); this field does not allow overlap.' },
  'spans.list': { ko: '표시한 개체', en: 'Marked spans' },
  'spans.none': { ko: '아직 표시한 개체가 없습니다.', en: 'No spans yet.' },
  'spans.delete': { ko: '{label} "{text}" 삭제', en: 'Delete {label} "{text}"' },
  'spans.selection': { ko: '선택: {start}–{end}', en: 'Selection: {start}–{end}' },
  'spans.labels': { ko: '라벨', en: 'Labels' },
  'spans.count': { ko: '{n}개', en: { one: '{n} span', other: '{n} spans' } },
  'relations.hint': { ko: '두 개체와 관계를 고르세요', en: 'pick two spans and a relation' },
  'relations.from': { ko: '출발 개체', en: 'From span' },
  'relations.to': { ko: '도착 개체', en: 'To span' },
  'relations.pick': { ko: '— 선택 —', en: '— pick —' },
  'relations.add': { ko: '관계 추가', en: 'Add relation' },
  'relations.noSpans': { ko: '먼저 "{field}" 필드에 개체를 두 개 이상 표시하세요.', en: 'Mark at least two spans in "{field}" first.' },
  'relations.same': { ko: '같은 개체끼리는 연결할 수 없습니다.', en: 'A span cannot be linked to itself.' },
  'relations.duplicate': { ko: '이미 있는 관계입니다.', en: 'That relation is already there.' },
  'relations.list': { ko: '관계', en: 'Relations' },
  'relations.none': { ko: '아직 관계가 없습니다.', en: 'No relations yet.' },
  'relations.missing': { ko: '(삭제된 개체)', en: '(span removed)' },
  'relations.delete': { ko: '관계 삭제', en: 'Delete relation' },
  'extractive.hint': { ko: '요약에 들어갈 문장을 고르세요 (클릭 또는 Space, ↑↓ 이동)', en: 'pick the summary sentences (click or Space, ↑↓ to move)' },
  'extractive.noSentences': { ko: '이 작업에는 data.sentences 또는 data.paragraphs가 없습니다.', en: 'This task has no data.sentences or data.paragraphs.' },
  'extractive.count': { ko: '{n}문장 선택', en: '{n} selected' },
  'extractive.min': { ko: '최소 {n}', en: 'at least {n}' },
  'extractive.max': { ko: '최대 {n}', en: 'at most {n}' },
  'extractive.sentences': { ko: '문장', en: 'Sentences' },
  'chars.count': { ko: '{n}자', en: { one: '{n} character', other: '{n} characters' } },
  'chars.min': { ko: '최소 {n}자', en: 'at least {n}' },
  'chars.max': { ko: '최대 {n}자', en: 'at most {n}' },
  'chars.under': { ko: '{n}자 더 필요합니다', en: '{n} more needed' },
  'chars.over': { ko: '{n}자 초과', en: '{n} over the limit' },
} satisfies Record<string, { ko: MessageText; en: MessageText }>;

export type AnnotatorMessageKey = keyof typeof annotatorMessages;
