package org.labelcrew.io.conll;

import org.labelcrew.io.ExportFormat;
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
}
