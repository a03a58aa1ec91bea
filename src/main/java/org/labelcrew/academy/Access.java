package org.labelcrew.academy;

import org.labelcrew.account.CurrentUser;
import org.labelcrew.shared.ApiException;

/** Courses, cohorts, exams and placement are run by administrators and managers. */
final class Access {

    private Access() {
    }

    static void requireManager(CurrentUser user) {
        if (user == null) throw ApiException.forbidden("Sign in as an administrator or manager");
        if (!user.canManageProjects()) throw ApiException.forbidden("Only administrators and managers run the academy");
    }

    static void requireSignedIn(CurrentUser user) {
        if (user == null) {
            throw new ApiException(org.springframework.http.HttpStatus.UNAUTHORIZED, "Not signed in",
                    "Sign up or sign in to do this", null);
        }
    }
}
