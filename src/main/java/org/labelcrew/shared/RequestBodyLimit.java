package org.labelcrew.shared;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * JSON request bodies are at most {@link InputLimits#JSON_BODY_MAX_BYTES}: a declared larger length is refused at once
 * (413), and a body without a length (chunked) is counted as it is read and cut off at the limit, so no one can make
 * the server buffer ten megabytes of draft. File uploads (multipart) have their own limit (LABELCREW_MAX_UPLOAD).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class RequestBodyLimit extends OncePerRequestFilter {

    /** Thrown from the body stream at the limit; the problem handler answers 413 for it. */
    static final class TooLarge extends IOException {
        TooLarge() {
            super("request body over the limit");
        }
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String type = request.getContentType();
        if (type == null || !type.toLowerCase(java.util.Locale.ROOT).contains("json")) {
            chain.doFilter(request, response);
            return;
        }
        if (request.getContentLengthLong() > InputLimits.JSON_BODY_MAX_BYTES) {
            String limit = (InputLimits.JSON_BODY_MAX_BYTES >> 20) + " MiB";
            response.setStatus(413);
            response.setContentType("application/problem+json");
            response.setCharacterEncoding("UTF-8");
            response.getOutputStream().write(("{\"type\":\"https://labelcrew.org/problems/413\",\"title\":\"Body too large\","
                    + "\"status\":413,\"detail\":\"The request body is larger than " + limit + "\",\"instance\":\""
                    + request.getRequestURI().replace("\\", "").replace("\"", "") + "\","
                    // The same codes as ProblemHandler.bodyTooLarge, for the browser to say it in the reader's language.
                    + "\"code\":\"request.bodyTooLarge\",\"params\":{\"limit\":\"" + limit + "\"},"
                    + "\"errors\":[{\"field\":\"body\",\"message\":\"larger than " + limit + "\","
                    + "\"code\":\"body.tooLarge\",\"params\":{\"limit\":\"" + limit + "\"}}]}").getBytes(StandardCharsets.UTF_8));
            return;
        }
        chain.doFilter(new HttpServletRequestWrapper(request) {
            private ServletInputStream stream;

            @Override
            public ServletInputStream getInputStream() throws IOException {
                if (stream == null) stream = new Counting(super.getInputStream());
                return stream;
            }
        }, response);
    }

    private static final class Counting extends ServletInputStream {
        private final ServletInputStream in;
        private long read;

        Counting(ServletInputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) count(1);
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            int n = in.read(buf, off, len);
            if (n > 0) count(n);
            return n;
        }

        private void count(int n) throws TooLarge {
            read += n;
            if (read > InputLimits.JSON_BODY_MAX_BYTES) throw new TooLarge();
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
