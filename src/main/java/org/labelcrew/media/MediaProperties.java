package org.labelcrew.media;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * The blob store and the limits of media ({@code labelcrew.media.*}; environment variables in docs/media.md).
 * {@code store}: {@code local} (default, {@code <data dir>/blobs}) or {@code s3}.
 */
@ConfigurationProperties("labelcrew.media")
public record MediaProperties(String store, S3 s3, DataSize maxImageSize, long maxPixels, DataSize maxAudioSize,
        double maxDurationSeconds, int thumbSize) {

    public MediaProperties {
        if (store == null || store.isBlank()) store = "local";
        if (s3 == null) s3 = new S3(null, null, null, null, null, null);
        if (maxImageSize == null) maxImageSize = DataSize.ofMegabytes(50);
        if (maxPixels <= 0) maxPixels = 100_000_000L;
        if (maxAudioSize == null) maxAudioSize = DataSize.ofMegabytes(1024);
        if (maxDurationSeconds <= 0) maxDurationSeconds = 4 * 3600;
        if (thumbSize <= 0) thumbSize = 256;
    }

    /**
     * An S3-compatible bucket: {@code endpoint} (empty: AWS itself), {@code region}, {@code bucket}, {@code prefix}
     * (keys under it), and credentials (empty: the AWS SDK's default chain — environment, profile, instance role).
     */
    public record S3(String endpoint, String region, String bucket, String prefix, String accessKey, String secretKey) {
    }
}
