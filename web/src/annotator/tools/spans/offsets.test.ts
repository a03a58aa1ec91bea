import { describe, expect, it } from 'vitest';
import { codePointLength, koreanParticleStart, codePointToUtf16, domPointToCodePoint, nfc, sliceCodePoints, TextIndex, utf16ToCodePoint } from './offsets';

const THUMBS = '👍🏽'; // U+1F44D U+1F3FD: 2 code points, 4 UTF-16 units, 1 grapheme

describe('offsets between UTF-16 and code points', () => {
  it('counts Hangul syllables and each half of an emoji with skin tone as code points', () => {
    expect(codePointLength('한국어')).toBe(3);
    expect(THUMBS.length).toBe(4);
    expect(codePointLength(THUMBS)).toBe(2);
    expect(codePointLength(`a${THUMBS}b`)).toBe(4);
    expect(codePointLength('𠀀')).toBe(1); // CJK extension B, a supplementary character
  });

  it('converts both ways around supplementary characters', () => {
    const text = `a${THUMBS}b`; // a=0, 👍=1..3, 🏽=3..5, b=5 in UTF-16
    expect([0, 1, 3, 5, 6].map((u) => utf16ToCodePoint(text, u))).toEqual([0, 1, 2, 3, 4]);
    expect([0, 1, 2, 3, 4].map((c) => codePointToUtf16(text, c))).toEqual([0, 1, 3, 5, 6]);
    // a DOM offset inside a surrogate pair snaps back to the pair's start
    expect(utf16ToCodePoint(text, 2)).toBe(1);
    expect(utf16ToCodePoint(text, 4)).toBe(2);
    // out of range clamps
    expect(codePointToUtf16(text, 99)).toBe(6);
    expect(utf16ToCodePoint(text, 99)).toBe(4);
    expect(sliceCodePoints(text, 1, 3)).toBe(THUMBS);
    expect(sliceCodePoints(`김${THUMBS}철수`, 3, 5)).toBe('철수');
  });

  it('works on the NFC form of decomposed Hangul (NFD from some file systems)', () => {
    const nfd = '한국어'.normalize('NFD');
    expect(nfd.length).toBe(8); // 한 = ㅎ ㅏ ㄴ, 국 = ㄱ ㅜ ㄱ, 어 = ㅇ ㅓ
    expect(codePointLength(nfd)).toBe(8);
    const text = nfc(nfd);
    expect(text).toBe('한국어');
    expect(codePointLength(text)).toBe(3);
    expect(sliceCodePoints(text, 1, 3)).toBe('국어');
  });

  it('TextIndex agrees with the plain functions and steps over whole graphemes', () => {
    const text = `좋아요 ${THUMBS}!`;
    const index = new TextIndex(text);
    expect(index.length).toBe(7);
    for (let cp = 0; cp <= index.length; cp++) {
      expect(index.utf16(cp)).toBe(codePointToUtf16(text, cp));
      expect(index.cp(index.utf16(cp))).toBe(cp);
    }
    expect(index.cp(5)).toBe(4); // inside the thumbs' first pair
    expect(index.nextStop(4)).toBe(6); // 👍🏽 is one step for the caret
    expect(index.prevStop(6)).toBe(4);
    expect(index.slice(4, 6)).toBe(THUMBS);
    expect(index.nextWord(0)).toBe(4);
    expect(index.prevWord(7)).toBe(4);
    expect(index.trim(3, 7)).toEqual([4, 7]);
    expect(index.trim(3, 4)).toBeNull();
  });

  it('maps DOM points in drawn pieces and markers to code points', () => {
    const root = document.createElement('div');
    root.innerHTML = `<span data-cp-start="0">a${THUMBS}</span><sup data-cp-at="3">TAG</sup><span data-cp-start="3">b한</span>`;
    document.body.append(root);
    const [first, tag, second] = [...root.children];
    expect(domPointToCodePoint(root, first.firstChild!, 3, 5)).toBe(2); // after 👍
    expect(domPointToCodePoint(root, first.firstChild!, 2, 5)).toBe(1); // inside the pair: snaps back
    expect(domPointToCodePoint(root, second.firstChild!, 1, 5)).toBe(4);
    expect(domPointToCodePoint(root, tag.firstChild!, 2, 5)).toBe(3); // a label tag holds no document text
    expect(domPointToCodePoint(root, root, 2, 5)).toBe(3); // element boundary before the second piece
    expect(domPointToCodePoint(root, root, 3, 5)).toBe(5); // after everything
    expect(domPointToCodePoint(root, document.body, 0, 5)).toBeNull();
    root.remove();
  });

  it('word jumps stop before a Korean particle at the end of an eojeol', () => {
    const index = new TextIndex('서울에서 회의가 열렸다. 삼성전자는 경기도의 API를');
    const stops: number[] = [];
    for (let cp = 0; cp < index.length; cp = index.nextWord(cp)) stops.push(cp);
    expect(stops.map((s) => index.slice(s, index.nextWord(s)).trim())).toEqual(['서울', '에서', '회의', '가', '열렸다.', '삼성전자', '는', '경기도', '의', 'API', '를']);
    expect(index.prevWord(index.length)).toBe(index.length - 1);
    expect(index.prevWord(5)).toBe(2);
    expect(koreanParticleStart('회의')).toBeNull(); // a one-syllable stem keeps a one-syllable "particle"
    expect(koreanParticleStart('사과')).toBeNull();
    expect(koreanParticleStart('서울에서,')).toBe(2);
    expect(koreanParticleStart('hello')).toBeNull();
  });

  it('does not split nouns that end in a particle-like syllable, and still splits the particle after them', () => {
    const split = (w: string) => {
      const at = koreanParticleStart(w);
      return at === null ? w : `${w.slice(0, at)}|${w.slice(at)}`;
    };
    // real phrases: place names with administrative suffixes, then a particle
    expect(['서울시에서', '경기도는', '대한민국의', '학교에', '서울시가', '경기도', '경기도의', '충청북도에서', '강남구를', '수원시도'].map(split))
      .toEqual(['서울시|에서', '경기도|는', '대한민국|의', '학교|에', '서울시|가', '경기도', '경기도|의', '충청북도|에서', '강남구|를', '수원시|도']);
    // the 받침 rule: 가/는/를 follow a vowel, 이/은/을/과 a final consonant, 로 a vowel or ㄹ
    expect(['전문가', '소설가', '예술가가', '소아과', '회사이', '서울로', '부산으로', '한국은', '사람을', '책을', '친구와', '동생과'].map(split))
      .toEqual(['전문가', '소설가', '예술가|가', '소아과', '회사이', '서울|로', '부산|으로', '한국|은', '사람|을', '책을', '친구|와', '동생|과']);
    // nouns the rule alone would split, kept whole by the list; a particle after them still splits
    expect(['민주주의', '고양이', '고양이가', '고속도로', '고속도로에', '만족도', '바나나', '삼천만', '분석결과', '한반도의'].map(split))
      .toEqual(['민주주의', '고양이', '고양이|가', '고속도로', '고속도로|에', '만족도', '바나나', '삼천만', '분석결과', '한반도|의']);
    // Latin and digits before a particle: the 받침 rule cannot read them, so the particle splits
    expect(['API를', '5G가'].map(split)).toEqual(['API|를', '5G|가']);
  });
});
