package org.labelcrew.io.media;

import org.labelcrew.io.ImportFormat;
import org.labelcrew.media.Media;
import org.labelcrew.media.MediaProperties;
import org.labelcrew.media.MediaStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.ObjectMapper;

/** Registers the two media zip imports: one class, two names. */
@Configuration
class MediaFormats {

    @Bean
    ImportFormat imagesZip(MediaStore media, MediaProperties limits, ObjectMapper mapper) {
        return new MediaZipFormat("images-zip", Media.Kind.IMAGE, media, limits, mapper);
    }

    @Bean
    ImportFormat audioZip(MediaStore media, MediaProperties limits, ObjectMapper mapper) {
        return new MediaZipFormat("audio-zip", Media.Kind.AUDIO, media, limits, mapper);
    }
}
