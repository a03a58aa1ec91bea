package org.labelcrew.academy;

/** A registration's status as the API sends it (the {@code registration.status} column holds the same names). */
public enum RegistrationStatus {
    REGISTERED, WAITLISTED, CANCELLED
}
