package org.labelcrew.academy;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.List;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The one academy error with machine-readable extras: a registration outside its window names when it opens and
 * closes, so a client can count down to the minute instead of polling. Same problem shape as the shared handler.
 */
@RestControllerAdvice(basePackageClasses = AcademyProblems.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class AcademyProblems {

    @ExceptionHandler(RegistrationWindowException.class)
    ResponseEntity<ProblemDetail> window(RegistrationWindowException e, HttpServletRequest request) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(e.status(), e.getMessage());
        p.setTitle(e.title());
        p.setType(URI.create("https://labelcrew.org/problems/" + e.status().value()));
        p.setInstance(URI.create(request.getRequestURI()));
        p.setProperty("errors", List.of());
        p.setProperty("opensAt", e.opensAt().toString());
        p.setProperty("closesAt", e.closesAt().toString());
        return ResponseEntity.status(e.status()).body(p);
    }
}
