package org.labelcrew.shared;

import java.io.IOException;
import java.io.Writer;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * Requests Tomcat refuses before they reach the application (a malformed URL or percent-encoding, an illegal character
 * in the request line or a header) used to get Tomcat's HTML error page. Its error report valve is replaced by one that
 * writes the same RFC 9457 problem detail as the rest of the API.
 */
@Component
class TomcatProblems implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) host.setErrorReportValveClass(ProblemValve.class.getName());
        });
    }

    /** Tomcat's error report valve, writing a problem detail instead of an HTML page. */
    public static class ProblemValve extends ErrorReportValve {

        /** The one field error it names, with the code the browser words it by (written by hand below: no JSON mapper here). */
        private static final ApiException.FieldError BAD_TARGET = ApiException.FieldError.coded("url", "request.badTarget",
                "is not a valid request target");

        @Override
        protected void report(Request request, Response response, Throwable throwable) {
            int status = response.getStatus();
            if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) return;
            String detail = status == 400
                    ? "The request cannot be read: check the URL's characters and percent-encoding, and the headers"
                    : status == 413 ? "The request is larger than the server accepts"
                    : "The request failed (HTTP " + status + ")";
            String field = status == 400 ? ",\"errors\":[{\"field\":\"" + BAD_TARGET.field() + "\",\"message\":\""
                    + BAD_TARGET.message() + "\",\"code\":\"" + BAD_TARGET.code() + "\",\"params\":{}}]}"
                    : ",\"errors\":[]}";
            try {
                response.setContentType("application/problem+json");
                response.setCharacterEncoding("UTF-8");
                Writer w = response.getReporter();
                if (w == null) return;
                w.write("{\"type\":\"https://labelcrew.org/problems/" + status + "\",\"title\":\"Bad request\",\"status\":"
                        + status + ",\"detail\":\"" + detail + "\"" + field);
                response.finishResponse();
            } catch (IOException | IllegalStateException e) {
                // The client is gone or the response is committed; nothing more to say.
            }
        }
    }
}
