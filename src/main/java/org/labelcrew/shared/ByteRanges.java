package org.labelcrew.shared;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;

/**
 * Sends stored bytes (a media file, an export, a rejected-rows report) with what a browser and a resuming download
 * need: an ETag ({@code If-None-Match} → 304) and one byte range per request ({@code Range: bytes=a-b}, {@code bytes=a-},
 * {@code bytes=-n} → 206, outside the size → 416). Several ranges, or a unit other than bytes, get the whole file, as
 * RFC 9110 allows. The caller sets its own other headers (disposition, caching) first.
 */
public final class ByteRanges {

    private static final Pattern RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");

    /** Opens {@code length} bytes from {@code start} of the stored bytes. */
    @FunctionalInterface
    public interface Source {
        InputStream open(long start, long length) throws IOException;
    }

    private ByteRanges() {
    }

    public static void send(HttpServletResponse response, long size, String etag, String contentType, String range,
            String ifNoneMatch, Source source) throws IOException {
        response.setHeader(HttpHeaders.ETAG, etag);
        response.setHeader(HttpHeaders.ACCEPT_RANGES, "bytes");
        if (ifNoneMatch != null && matches(ifNoneMatch, etag)) {
            response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        long start = 0;
        long length = size;
        if (range != null) {
            Matcher r = RANGE.matcher(range.trim());
            if (r.matches() && !(r.group(1).isEmpty() && r.group(2).isEmpty())) {
                if (r.group(1).isEmpty()) { // the last N bytes
                    long n = Math.min(size, Long.parseLong(r.group(2)));
                    start = size - n;
                    length = n;
                } else {
                    start = Long.parseLong(r.group(1));
                    long end = r.group(2).isEmpty() ? size - 1 : Math.min(size - 1, Long.parseLong(r.group(2)));
                    length = end - start + 1;
                }
                if (start >= size || length <= 0) {
                    response.setStatus(416);
                    response.setHeader(HttpHeaders.CONTENT_RANGE, "bytes */" + size);
                    return;
                }
                response.setStatus(206);
                response.setHeader(HttpHeaders.CONTENT_RANGE, "bytes " + start + "-" + (start + length - 1) + "/" + size);
            }
        }
        response.setContentType(contentType);
        response.setContentLengthLong(length);
        try (InputStream in = source.open(start, length); OutputStream out = response.getOutputStream()) {
            in.transferTo(out);
        }
    }

    private static boolean matches(String ifNoneMatch, String etag) {
        for (String tag : ifNoneMatch.split(",")) {
            String t = tag.trim();
            if (t.equals("*") || t.equals(etag) || t.equals("W/" + etag)) return true;
        }
        return false;
    }
}
