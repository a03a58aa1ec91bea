package org.labelcrew.media.internal;

import org.labelcrew.media.BlobStore;
import org.labelcrew.media.MediaProperties;
import org.labelcrew.shared.LabelCrewProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The one {@link BlobStore} of the application, chosen by {@code labelcrew.media.store}. */
@Configuration
class BlobStoreConfig {

    private static final Logger log = LoggerFactory.getLogger(BlobStoreConfig.class);

    @Bean
    BlobStore blobStore(MediaProperties media, LabelCrewProperties props) {
        BlobStore store = switch (media.store().trim().toLowerCase()) {
            case "local" -> new LocalBlobStore(props.blobDir());
            case "s3" -> new S3BlobStore(media.s3());
            default -> throw new IllegalStateException("LABELCREW_BLOB_STORE must be local or s3, not " + media.store());
        };
        log.info("Blob store: {}", store.describe());
        return store;
    }
}
