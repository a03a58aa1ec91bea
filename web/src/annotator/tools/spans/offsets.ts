/**
 * Offsets between the DOM (UTF-16 code units) and the server (Unicode code points of the NFC text).
 *
 * The server stores task text NFC-normalised and counts span offsets in code points, so "👍🏽" is 2 and "한" is 1
 * (even if the file had it as 3 decomposed jamo). JavaScript strings and DOM ranges count UTF-16 units, where
 * "👍🏽" is 4. Everything here converts between the two on the NFC form; nothing else in the tools should do
 * index arithmetic on text.
 */

export function nfc(text: string): string {
  return text.normalize('NFC');
}

function isHigh(unit: number): boolean {
  return unit >= 0xd800 && unit <= 0xdbff;
}

function isLow(unit: number): boolean {
  return unit >= 0xdc00 && unit <= 0xdfff;
}

/** Length in code points (a lone surrogate counts as one, as in Java's codePointCount). */
export function codePointLength(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    if (!(isLow(text.charCodeAt(i)) && i > 0 && isHigh(text.charCodeAt(i - 1)))) n++;
  }
  return n;
}

/**
 * The code point offset of a UTF-16 offset. An offset inside a surrogate pair (which a DOM selection can give)
 * snaps back to the start of the pair.
 */
export function utf16ToCodePoint(text: string, utf16: number): number {
  const end = Math.max(0, Math.min(utf16, text.length));
  let n = 0;
  for (let i = 0; i < end; i++) {
    const unit = text.charCodeAt(i);
    if (isHigh(unit) && i + 1 < text.length && isLow(text.charCodeAt(i + 1))) {
      if (i + 1 === end) break; // the end falls inside this pair
      i++;
    }
    n++;
  }
  return n;
}

/** The UTF-16 offset of a code point offset (clamped to the text). */
export function codePointToUtf16(text: string, codePoint: number): number {
  let i = 0;
  for (let n = 0; n < codePoint && i < text.length; n++) {
    i += isHigh(text.charCodeAt(i)) && i + 1 < text.length && isLow(text.charCodeAt(i + 1)) ? 2 : 1;
  }
  return i;
}

/** The text between two code point offsets. */
export function sliceCodePoints(text: string, start: number, end: number): string {
  const from = codePointToUtf16(text, start);
  return text.slice(from, from + codePointToUtf16(text.slice(from), end - start));
}

/**
 * Precomputed offsets of one text, for when many conversions are made on it (drawing spans over a long document).
 * `toUtf16[cp]` is the UTF-16 offset of code point `cp`, for 0..length inclusive.
 */
export class TextIndex {
  readonly text: string;
  readonly length: number;
  private readonly toUtf16: Uint32Array;
  private readonly graphemes: number[];
  private stops: number[] | null = null;

  constructor(text: string) {
    this.text = text;
    this.length = codePointLength(text);
    this.toUtf16 = new Uint32Array(this.length + 1);
    let i = 0;
    for (let n = 0; n < this.length; n++) {
      this.toUtf16[n] = i;
      i += isHigh(text.charCodeAt(i)) && i + 1 < text.length && isLow(text.charCodeAt(i + 1)) ? 2 : 1;
    }
    this.toUtf16[this.length] = text.length;
    this.graphemes = graphemeStarts(text).map((u) => this.cp(u));
    this.graphemes.push(this.length);
  }

  /** UTF-16 offset of a code point offset. */
  utf16(cp: number): number {
    return this.toUtf16[Math.max(0, Math.min(cp, this.length))];
  }

  /** Code point offset of a UTF-16 offset (inside a pair snaps back). */
  cp(utf16: number): number {
    let lo = 0;
    let hi = this.length;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.toUtf16[mid] <= utf16) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  slice(start: number, end: number): string {
    return this.text.slice(this.utf16(start), this.utf16(end));
  }

  /** The next place a caret may stop after `cp`: a whole user-perceived character on ("👍🏽" is one step). */
  nextStop(cp: number): number {
    for (const g of this.graphemes) if (g > cp) return g;
    return this.length;
  }

  prevStop(cp: number): number {
    let best = 0;
    for (const g of this.graphemes) {
      if (g >= cp) break;
      best = g;
    }
    return best;
  }

  /**
   * Where Ctrl+→ / Ctrl+← stop: the start of each word (eojeol) and, in Korean, the start of a particle that ends
   * one (koreanParticleStart), so Shift+Ctrl+→ at "서울에서" selects "서울".
   */
  private wordStops(): number[] {
    if (this.stops) return this.stops;
    const stops: number[] = [];
    const re = /\S+/gu;
    for (let m = re.exec(this.text); m; m = re.exec(this.text)) {
      const start = this.cp(m.index);
      stops.push(start);
      const particle = koreanParticleStart(m[0]);
      if (particle !== null) stops.push(start + codePointLength(m[0].slice(0, particle)));
    }
    this.stops = stops;
    return stops;
  }

  /** The next word stop after `cp` (Ctrl+→): the next word's start or a particle's start; else the end. */
  nextWord(cp: number): number {
    for (const s of this.wordStops()) if (s > cp) return s;
    return this.length;
  }

  /** The word stop before `cp` (Ctrl+←), or 0. */
  prevWord(cp: number): number {
    let best = 0;
    for (const s of this.wordStops()) {
      if (s >= cp) break;
      best = s;
    }
    return best;
  }

  /** Shrinks [start, end) so it neither starts nor ends with white space; null when nothing is left. */
  trim(start: number, end: number): [number, number] | null {
    let s = start;
    let e = end;
    while (s < e && isSpaceAt(this, s)) s++;
    while (e > s && isSpaceAt(this, e - 1)) e--;
    return s < e ? [s, e] : null;
  }
}

/**
 * Korean particles (조사) that a word jump stops before, longest first. A rule list, not a morphological analyser:
 * an eojeol ending in one of these (trailing punctuation aside) is split before it when enough of a stem is left —
 * one syllable before a particle of two or more, two before a one-syllable particle, so "회의" (의), "사과" (과) and
 * "나는" stay whole while "서울에서", "삼성전자에", "경기도의" split — when the particle fits the syllable before it
 * (fitsStem: 가 after a vowel, 이 after a final consonant…) and is not the end of a known noun (KOREAN_NOUN_ENDINGS:
 * "경기도" is a province, not 경기 + 도). The rules are in web/README.md.
 */
export const KOREAN_PARTICLES = [
  '으로부터', '에서부터', '에게서', '한테서', '으로서', '으로써', '이라고', '에서', '에게', '한테', '께서', '으로', '부터',
  '까지', '처럼', '보다', '마다', '조차', '마저', '이나', '이랑', '라고', '로서', '로써', '은', '는', '이', '가', '을', '를',
  '에', '의', '도', '로', '와', '과', '만', '께', '나', '랑',
];

/**
 * Particles whose form depends on the syllable before it (a stem ending in a final consonant, 받침, takes 이/은/을/과/
 * 으로…, one ending in a vowel takes 가/는/를/와/로…): a "particle" after the wrong kind of syllable is part of the
 * word ("전문가", "소설가", "소아과", "회사이…" never split). 로-forms also follow a final ㄹ ("서울로").
 */
const AFTER_CONSONANT = new Set(['으로부터', '으로서', '으로써', '이라고', '으로', '이나', '이랑', '은', '이', '을', '과']);
const AFTER_VOWEL = new Set(['라고', '는', '가', '를', '와', '나', '랑']);
const AFTER_VOWEL_OR_RIEUL = new Set(['로서', '로써', '로']);

/**
 * Word endings that are nouns whose last syllable still looks like a fitting particle: a word ending in one of these
 * is not split inside it ("경기도", "민주주의", "고양이", "고속도로"), while a particle after it still is ("경기도는" →
 * 경기도|는). Administrative -도 (provinces); 시/군/구 are not particles, so "서울시가" splits as 서울시|가 by the rules
 * alone. Kept small on purpose: together with the 받침 rule above it covers the common nouns; a noun missing here
 * costs one extra key, and no list is complete without a dictionary (Nori, see docs/io.md).
 */
export const KOREAN_NOUN_ENDINGS = [
  // provinces and islands (도 道/島)
  '경기도', '강원도', '충청도', '전라도', '경상도', '제주도', '황해도', '평안도', '함경도', '충청북도', '충청남도',
  '전라북도', '전라남도', '경상북도', '경상남도', '특별자치도', '울릉도', '한반도',
  // degree and measure (도 度), and other nouns in 도
  '만족도', '신뢰도', '인지도', '중요도', '선호도', '자유도', '민감도', '정확도', '완성도', '난이도', '해상도', '속도',
  '온도', '습도', '농도', '빈도', '밀도', '정도', '태도', '지도', '포도',
  // -ism (주의)
  '민주주의', '자본주의', '사회주의', '공산주의', '개인주의', '자유주의', '보호주의', '제국주의', '민족주의', '현실주의',
  '이상주의', '완벽주의',
  // roads (로 路)
  '도로', '대로',
  // 가, 이, 과, 나, 만 that fit the 받침 rule and are still nouns
  '정치가', '추가', '허가', '휴가', '고양이', '원숭이', '어린이', '놀이', '거북이', '종이', '길이', '높이', '넓이', '먹이',
  '결과', '성과', '바나나', '천만', '백만', '십만', '억만', '불만',
];

/** UTF-16 offset in `word` where its closing particle starts, or null. */
export function koreanParticleStart(word: string): number | null {
  const body = word.replace(/[\p{P}\p{S}]+$/u, '');
  // The longest known noun the word ends with: no particle may start inside it.
  let noun = 0;
  for (const n of KOREAN_NOUN_ENDINGS) if (n.length > noun && body.endsWith(n)) noun = n.length;
  for (const p of KOREAN_PARTICLES) {
    if (!body.endsWith(p) || p.length < noun) continue;
    const stem = body.slice(0, body.length - p.length);
    if (codePointLength(stem) < (p.length === 1 ? 2 : 1) || !/\p{L}$/u.test(stem)) continue;
    if (fitsStem(p, stem)) return stem.length;
  }
  return null;
}

/** Whether particle `p` may follow `stem` by the 받침 rule; a stem not ending in a Hangul syllable (API, 5G) fits all. */
function fitsStem(p: string, stem: string): boolean {
  const code = stem.charCodeAt(stem.length - 1);
  if (code < 0xac00 || code > 0xd7a3) return true;
  const final = (code - 0xac00) % 28; // 0: none, 8: ㄹ
  if (AFTER_CONSONANT.has(p)) return final !== 0;
  if (AFTER_VOWEL.has(p)) return final === 0;
  if (AFTER_VOWEL_OR_RIEUL.has(p)) return final === 0 || final === 8;
  return true;
}

function isSpaceAt(index: TextIndex, cp: number): boolean {
  return /\s/u.test(index.slice(cp, cp + 1));
}

/** UTF-16 starts of grapheme clusters; code points where the platform cannot segment. */
function graphemeStarts(text: string): number[] {
  const Segmenter = (Intl as unknown as { Segmenter?: typeof Intl.Segmenter }).Segmenter;
  if (Segmenter) {
    return [...new Segmenter('ko', { granularity: 'grapheme' }).segment(text)].map((s) => s.index);
  }
  const starts: number[] = [];
  for (let i = 0; i < text.length; i++) {
    if (!(isLow(text.charCodeAt(i)) && i > 0 && isHigh(text.charCodeAt(i - 1)))) starts.push(i);
  }
  return starts;
}

/**
 * Where a DOM point (a selection's anchor or focus) falls in code points. The text is drawn as pieces marked
 * `data-cp-start` (each holding one text node of the NFC text from that offset) and zero-width markers marked
 * `data-cp-at` (labels, caret) that hold no text of the document.
 */
export function domPointToCodePoint(root: HTMLElement, node: Node, offset: number, textLength: number): number | null {
  if (!root.contains(node)) return null;
  const host = node.nodeType === Node.TEXT_NODE ? node.parentElement : (node as Element);
  const marker = host?.closest('[data-cp-at]');
  if (marker && root.contains(marker)) return Number(marker.getAttribute('data-cp-at'));
  if (node.nodeType === Node.TEXT_NODE) {
    const piece = host?.closest('[data-cp-start]');
    if (!piece || !root.contains(piece)) return null;
    return Number(piece.getAttribute('data-cp-start')) + utf16ToCodePoint(node.textContent ?? '', offset);
  }
  // An element boundary: the first piece or marker at or after the point, else the end of the text.
  const range = document.createRange();
  range.setStart(node, offset);
  for (const el of root.querySelectorAll('[data-cp-start], [data-cp-at]')) {
    if (range.comparePoint(el, 0) >= 0) {
      return Number(el.getAttribute('data-cp-start') ?? el.getAttribute('data-cp-at'));
    }
  }
  return textLength;
}
