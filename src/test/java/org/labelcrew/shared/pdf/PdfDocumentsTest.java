package org.labelcrew.shared.pdf;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

class PdfDocumentsTest {

    @Test
    void koreanTextComesBackOutOfThePdfWithTheFontEmbedded() throws Exception {
        var xhtml = """
                <html><head><style>%s</style></head><body>
                <h1>품질 보고서 — 한국어 요약</h1>
                <p>%s</p>
                <table><tr><th>작업자</th><th class="num">지급액</th></tr><tr><td>김민지</td><td class="num">₩12,340</td></tr></table>
                </body></html>
                """.formatted(PdfDocuments.BASE_CSS, PdfDocuments.escape("<script> & \"따옴표\" 똠방각하 \u0001"));

        byte[] pdf = PdfDocuments.render(xhtml);

        assertThat(new String(pdf, 0, 5, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        try (var doc = Loader.loadPDF(pdf)) {
            // PDFBox's text stripper reads the inter-word glyph openhtmltopdf writes as U+0000; a viewer shows a space.
            var text = new PDFTextStripper().getText(doc).replace('\u0000', ' ');
            assertThat(text).contains("품질 보고서", "김민지", "₩12,340", "<script> & \"따옴표\" 똠방각하");
            var fonts = new java.util.ArrayList<String>();
            for (var name : doc.getPage(0).getResources().getFontNames()) {
                PDFont font = doc.getPage(0).getResources().getFont(name);
                fonts.add(font.getName());
                assertThat(font.isEmbedded()).as("font %s embedded", font.getName()).isTrue();
            }
            assertThat(fonts).anyMatch(n -> n.contains("NanumSquare"));
        }
    }

    @Test
    void escapeKeepsMarkupOut() {
        assertThat(PdfDocuments.escape("a<b>&'\"")).isEqualTo("a&lt;b&gt;&amp;&#39;&quot;");
    }
}
