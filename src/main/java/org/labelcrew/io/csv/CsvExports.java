package org.labelcrew.io.csv;

import org.labelcrew.io.ExportFormat;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The tabular exports: {@code csv} and {@code tsv} (one class, two separators). */
@Configuration(proxyBeanMethods = false)
class CsvExports {

    @Bean
    ExportFormat csvExport() {
        return new CsvExport("csv", ',');
    }

    @Bean
    ExportFormat tsvExport() {
        return new CsvExport("tsv", '\t');
    }
}
