package org.labelcrew.shared.pdf;

import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Turns a well-formed XHTML page into a PDF with Korean text rendered.
 *
 * <p>The quality report and the pay statements are written once as XHTML (the same page the browser gets for
 * {@code ?format=html}) and printed here, so the two forms never disagree. The font is NanumSquare (SIL OFL 1.1, all
 * 11,172 Hangul syllables, Latin, {@code ₩}), shipped inside the jar: a server without Korean fonts still prints
 * Korean, and the PDF embeds a subset so that a reader without the font sees the same page. Pages name the font as
 * {@value #FONT_FAMILY} in their CSS ({@link #BASE_CSS} does it for them).
 */
public final class PdfDocuments {

    public static final String FONT_FAMILY = "LabelCrew Sans";

    /** A print style every page may start from: A4, the Korean font, tables that break across pages cleanly. */
    public static final String BASE_CSS = """
            @page { size: A4; margin: 18mm 15mm; }
            body { font-family: 'LabelCrew Sans'; font-size: 10pt; color: #111; }
            h1 { font-size: 16pt; font-weight: bold; } h2 { font-size: 13pt; font-weight: bold; }
            table { border-collapse: collapse; width: 100%; -fs-table-paginate: paginate; }
            th, td { border: 0.5pt solid #999; padding: 3pt 5pt; text-align: left; }
            td.num, th.num { text-align: right; }
            """;

    private PdfDocuments() {}

    /** Renders {@code xhtml} (well-formed; text escaped with {@link #escape}) to PDF bytes. */
    public static byte[] render(String xhtml) {
        try (var out = new ByteArrayOutputStream()) {
            var builder = new PdfRendererBuilder();
            builder.useFastMode();
            builder.useFont(() -> font("NanumSquareR.ttf"), FONT_FAMILY, 400, FontStyle.NORMAL, true);
            builder.useFont(() -> font("NanumSquareB.ttf"), FONT_FAMILY, 700, FontStyle.NORMAL, true);
            builder.withHtmlContent(xhtml, null);
            builder.toStream(out);
            builder.run();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Escapes text for an XHTML element or attribute value. */
    public static String escape(String text) {
        var sb = new StringBuilder(text.length() + 16);
        text.codePoints().forEach(c -> {
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> {
                    // XML 1.0 refuses most control characters; a stray one in a name must not break the whole PDF.
                    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') sb.append('\uFFFD');
                    else sb.appendCodePoint(c);
                }
            }
        });
        return sb.toString();
    }

    private static InputStream font(String file) {
        var in = PdfDocuments.class.getResourceAsStream("/fonts/" + file);
        if (in == null) throw new IllegalStateException("font /fonts/" + file + " is missing from the jar");
        return in;
    }
}
