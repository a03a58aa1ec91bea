package org.labelcrew.io;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.labelcrew.shared.ByteRanges;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;

/**
 * Sends a file kept in the blob store (an export, a rejected-rows report) as a download, streamed from the store
 * whichever instance wrote it: one byte range per request ({@code Range: bytes=a-b}, so a broken download resumes;
 * several ranges get the whole file, as RFC 9110 allows), an ETag ({@code If-None-Match} → 304): {@link ByteRanges}.
 */
final class IoDownload {

    private IoDownload() {
    }

    static void send(IoFiles files, String ref, long size, String etag, String contentType, String fileName,
            String range, String ifNoneMatch, HttpServletResponse response) throws IOException {
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(fileName).build().toString());
        ByteRanges.send(response, size, etag, contentType, range, ifNoneMatch, (start, length) -> files.open(ref, start, length));
    }
}
