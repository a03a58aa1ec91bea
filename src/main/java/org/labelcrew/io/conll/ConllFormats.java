package org.labelcrew.io.conll;

import org.labelcrew.io.ExportFormat;
import org.labelcrew.io.ImportFormat;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The CoNLL exports, one bean per tokenisation: {@code conll} (characters), {@code conll-eojeol} (words) and
 * {@code conll-morpheme} (Korean morphemes by Lucene Nori).
 */
@Configuration(proxyBeanMethods = false)
class ConllFormats {

    @Bean
    ExportFormat conllCharacters() {
        return new ConllExport(ConllExport.Level.CHARACTER);
    }

    @Bean
    ExportFormat conllEojeol() {
        return new ConllExport(ConllExport.Level.EOJEOL);
    }

    @Bean
    ExportFormat conllMorpheme() {
        return new ConllExport(ConllExport.Level.MORPHEME);
    }

    // Issue 12: the corpus dialects, both ways (ConllImport reads all four; the two corpora are written back).

    @Bean
    ImportFormat conllImport() {
        return new ConllImport(ConllImport.Dialect.CHARACTER);
    }

    @Bean
    ImportFormat conllKlueImport() {
        return new ConllImport(ConllImport.Dialect.KLUE);
    }

    @Bean
    ImportFormat conllEojeolImport() {
        return new ConllImport(ConllImport.Dialect.EOJEOL);
    }

    @Bean
    ImportFormat conllKmouImport() {
        return new ConllImport(ConllImport.Dialect.KMOU);
    }

    @Bean
    ExportFormat conllKlueExport() {
        return new ConllDialectExport(ConllImport.Dialect.KLUE);
    }

    @Bean
    ExportFormat conllKmouExport() {
        return new ConllDialectExport(ConllImport.Dialect.KMOU);
    }
}
