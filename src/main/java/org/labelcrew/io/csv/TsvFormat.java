package org.labelcrew.io.csv;

import org.springframework.stereotype.Component;

/**
 * TSV, as NSMC, KLUE and most Korean corpora ship it: columns split on tabs, no quoting (a quote is text), CRLF or LF.
 * Everything else (header, column mapping, labels, blank rows) is {@link CsvFormat}'s.
 */
@Component
class TsvFormat extends CsvFormat {

    @Override
    public String name() {
        return "tsv";
    }

    @Override
    char separator() {
        return '\t';
    }

    @Override
    boolean quoting() {
        return false;
    }
}
