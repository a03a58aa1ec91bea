package org.labelcrew.media;

import org.jspecify.annotations.Nullable;

/**
 * A stored image or audio file of a project. {@code width}/{@code height} (pixels) for images, {@code duration}
 * (seconds) for audio; the task data of a media task carries the same ({@code {"image": id, "width", "height"}}).
 */
public record Media(long id, long projectId, Kind kind, String sha256, String contentType, long size,
        @Nullable Integer width, @Nullable Integer height, @Nullable Double duration, @Nullable String fileName,
        String blobKey, String derivedKey, long derivedSize) {

    public enum Kind {
        IMAGE, AUDIO;

        public String key() {
            return name().toLowerCase();
        }
    }
}
