package org.labelcrew.io.txt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class KoreanSentenceSplitterTest {

    private final KoreanSentenceSplitter sut = new KoreanSentenceSplitter();

    @Test
    void splitsAtSentenceFinalPunctuationFollowedBySpace() {
        assertThat(sut.split("오늘은 날씨가 좋다. 내일은 비가 올까요? 우산을 챙기세요! 끝。 다음"))
                .containsExactly("오늘은 날씨가 좋다.", "내일은 비가 올까요?", "우산을 챙기세요!", "끝。", "다음");
    }

    @Test
    void neverSplitsInsideNumbers() {
        assertThat(sut.split("원주율은 3.14이다. 환율은 1,320.5원이었다. 버전 2.0.1이 나왔다."))
                .containsExactly("원주율은 3.14이다.", "환율은 1,320.5원이었다.", "버전 2.0.1이 나왔다.");
    }

    @Test
    void keepsQuotesAndBracketsTogether() {
        assertThat(sut.split("그는 \"안녕하세요. 반갑습니다.\"라고 말했다. 그리고 떠났다."))
                .containsExactly("그는 \"안녕하세요. 반갑습니다.\"라고 말했다.", "그리고 떠났다.");
        assertThat(sut.split("그가 말했다. “정말요?” 나는 놀랐다."))
                .containsExactly("그가 말했다.", "“정말요?”", "나는 놀랐다.");
        assertThat(sut.split("회의(오전 10시. 본관)는 끝났다. 다음 회의는 없다."))
                .containsExactly("회의(오전 10시. 본관)는 끝났다.", "다음 회의는 없다.");
        assertThat(sut.split("「소설. 제1권」을 읽었다. 좋았다."))
                .containsExactly("「소설. 제1권」을 읽었다.", "좋았다.");
    }

    @Test
    void aClosingQuoteFollowedBySpaceAndAQuotativeParticleStays() {
        assertThat(sut.split("\"그만해.\" 라고 외쳤다. 조용해졌다."))
                .containsExactly("\"그만해.\" 라고 외쳤다.", "조용해졌다.");
    }

    @Test
    void anUnclosedQuoteDoesNotSwallowTheRestOfTheLine() {
        assertThat(sut.split("그는 \"잘 모르겠다. 나중에 보자. 끝이다."))
                .containsExactly("그는 \"잘 모르겠다.", "나중에 보자.", "끝이다.");
    }

    @Test
    void splitsKoreanEndingsGluedToTheNextSentence() {
        assertThat(sut.split("밥을 먹었다.그리고 잤어요.다음 날 일어났다"))
                .containsExactly("밥을 먹었다.", "그리고 잤어요.", "다음 날 일어났다");
    }

    @Test
    void ellipsisAbbreviationsInitialsAndListMarkersDoNotEndSentences() {
        assertThat(sut.split("글쎄... 잘 모르겠다. Dr. Kim과 J. K. Rowling을 만났다. U.S. 대사관이다."))
                .containsExactly("글쎄... 잘 모르겠다.", "Dr. Kim과 J. K. Rowling을 만났다.", "U.S. 대사관이다.");
        assertThat(sut.split("1. 서론을 쓴다. 가. 목적을 밝힌다."))
                .containsExactly("1. 서론을 쓴다.", "가. 목적을 밝힌다.");
    }

    @Test
    void runsOfMarksAndTrailingClosersStayWithTheSentence() {
        assertThat(sut.split("정말?! 믿을 수 없어!! (진짜다.) 끝."))
                .containsExactly("정말?!", "믿을 수 없어!!", "(진짜다.)", "끝.");
    }

    @Test
    void lineBreaksEndSentencesAndBlankLinesEndParagraphs() {
        String doc = "제목 없는 헤드라인\n첫 문장이다. 둘째 문장이다.\n\n  \n둘째 문단이다.\r\n마지막 줄";
        assertThat(sut.paragraphs(doc)).containsExactly(
                List.of("제목 없는 헤드라인", "첫 문장이다.", "둘째 문장이다."),
                List.of("둘째 문단이다.", "마지막 줄"));
        assertThat(sut.split(doc)).hasSize(5);
    }

    @Test
    void normalisesDecomposedHangulAndDropsEmptyInput() {
        String nfd = java.text.Normalizer.normalize("한국어 문장이다. 두 번째다.", java.text.Normalizer.Form.NFD);
        assertThat(sut.split(nfd)).containsExactly("한국어 문장이다.", "두 번째다.");
        assertThat(sut.split("   \n\n ")).isEmpty();
        assertThat(sut.split(null)).isEmpty();
    }

    @Test
    void emojiAndOtherSupplementaryCharactersPassThrough() {
        assertThat(sut.split("좋아요 👍🏽. 최고예요! 𠀀자도 있다."))
                .containsExactly("좋아요 👍🏽.", "최고예요!", "𠀀자도 있다.");
    }
}
