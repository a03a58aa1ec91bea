package org.labelcrew.pay;

import java.nio.charset.StandardCharsets;
import java.text.NumberFormat;
import java.util.Locale;
import org.labelcrew.shared.pdf.PdfDocuments;

/**
 * A month's statements as files: CSV (one row per worker), the payout batch for a bank transfer (CSV), and a PDF in
 * Korean with English beside it (a printed statement is read by the worker and the payer alike).
 */
final class StatementFiles {

    private StatementFiles() {}

    /** UTF-8 with a byte-order mark, so that spreadsheet programs read Korean names correctly. */
    private static final String BOM = "\uFEFF";

    static byte[] csv(Pay.Statements s) {
        var out = new StringBuilder(BOM)
                .append("period,accountId,username,displayName,entries,gross,incomeTax,localIncomeTax,withholding,net\r\n");
        for (Pay.Statement r : s.statements()) {
            out.append(s.period()).append(',').append(r.accountId()).append(',').append(cell(r.username())).append(',')
                    .append(cell(r.displayName())).append(',').append(r.entries()).append(',').append(r.gross())
                    .append(',').append(r.incomeTax()).append(',').append(r.localIncomeTax()).append(',')
                    .append(r.withholding()).append(',').append(r.net()).append("\r\n");
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The payout batch: one transfer per worker with a positive net amount. LabelCrew keeps no bank details (they are
     * not needed to label, so not collected): the payer's bank software matches {@code accountId}/{@code username} to
     * the bank account on file there. {@code memo} is what the worker's bank statement shows.
     */
    static byte[] payout(Pay.Statements s) {
        var out = new StringBuilder(BOM).append("accountId,username,holderName,amount,memo\r\n");
        for (Pay.Statement r : s.statements()) {
            if (r.net() <= 0) continue;
            out.append(r.accountId()).append(',').append(cell(r.username())).append(',').append(cell(r.displayName()))
                    .append(',').append(r.net()).append(',').append(cell("LabelCrew " + s.period())).append("\r\n");
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Quotes a text cell; a leading = + - @ is neutralised so that a spreadsheet never runs a name as a formula. */
    static String cell(String text) {
        String t = text == null ? "" : text;
        if (!t.isEmpty() && "=+-@\t\r".indexOf(t.charAt(0)) >= 0) t = "'" + t;
        return "\"" + t.replace("\"", "\"\"") + "\"";
    }

    static byte[] pdf(Pay.Statements s) {
        NumberFormat won = NumberFormat.getCurrencyInstance(Locale.KOREA);
        var rows = new StringBuilder();
        for (Pay.Statement r : s.statements()) {
            rows.append("<tr><td>").append(PdfDocuments.escape(r.displayName())).append(" (")
                    .append(PdfDocuments.escape(r.username())).append(")</td>")
                    .append(num(won, r.gross())).append(num(won, r.incomeTax())).append(num(won, r.localIncomeTax()))
                    .append(num(won, r.withholding())).append(num(won, r.net())).append("</tr>");
        }
        Pay.Statement t = s.total();
        rows.append("<tr class=\"total\"><td>합계 (Total)</td>").append(num(won, t.gross()))
                .append(num(won, t.incomeTax())).append(num(won, t.localIncomeTax())).append(num(won, t.withholding()))
                .append(num(won, t.net())).append("</tr>");
        String status = s.issuedAt() == null ? "미발행 — 금액이 바뀔 수 있습니다 (not issued: amounts may still change)"
                : "발행 " + s.issuedAt() + " (issued by " + PdfDocuments.escape(s.issuedBy()) + ")";
        String xhtml = """
                <!DOCTYPE html>
                <html xmlns="http://www.w3.org/1999/xhtml" lang="ko"><head><meta charset="UTF-8"/>
                <title>지급 명세서 %1$s</title><style>%2$s tr.total td { font-weight: bold; }</style></head>
                <body><h1>지급 명세서 (Pay statements) %1$s</h1>
                <p>%3$s</p>
                <p>사업소득 원천징수: 소득세 3%%, 지방소득세 0.3%% (소득세의 10%%), 각 10원 미만 절사, 소득세 1,000원 미만 소액부징수.
                (Business income withholding: income tax 3%%, local income tax 0.3%%, each rounded down to 10 won; income tax
                under 1,000 won is not withheld.)</p>
                <table><thead><tr><th>작업자 (Worker)</th><th class="num">지급액 (Gross)</th><th class="num">소득세 (Income tax)</th>
                <th class="num">지방소득세 (Local income tax)</th><th class="num">원천징수 합계 (Withholding)</th>
                <th class="num">실지급액 (Net)</th></tr></thead><tbody>%4$s</tbody></table></body></html>
                """.formatted(s.period(), PdfDocuments.BASE_CSS, status, rows);
        return PdfDocuments.render(xhtml);
    }

    private static String num(NumberFormat won, long amount) {
        return "<td class=\"num\">" + PdfDocuments.escape(won.format(amount)) + "</td>";
    }
}
