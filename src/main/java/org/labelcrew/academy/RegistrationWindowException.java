package org.labelcrew.academy;

import java.time.Instant;
import org.labelcrew.shared.ApiException;
import org.springframework.http.HttpStatus;

/** 409 outside the registration window; the problem detail carries {@code opensAt}/{@code closesAt} for machines. */
class RegistrationWindowException extends ApiException {

    private final Instant opensAt;
    private final Instant closesAt;

    RegistrationWindowException(String detail, Instant opensAt, Instant closesAt) {
        super(HttpStatus.CONFLICT, "Registration is not open", detail, null);
        this.opensAt = opensAt;
        this.closesAt = closesAt;
    }

    Instant opensAt() {
        return opensAt;
    }

    Instant closesAt() {
        return closesAt;
    }
}
