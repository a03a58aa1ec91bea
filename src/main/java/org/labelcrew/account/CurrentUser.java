package org.labelcrew.account;

import java.io.Serializable;
import java.util.Set;
import org.springframework.security.core.AuthenticatedPrincipal;

/**
 * The signed-in account as every feature sees it (the Spring Security principal). Its {@link #getName() name} is the
 * username: Spring Session stores it as the session's principal name, which is how every session of an account is
 * found and ended when its roles, activity or password change.
 */
public record CurrentUser(long id, String username, String displayName, Set<Role> roles)
        implements Serializable, AuthenticatedPrincipal {

    @Override
    public String getName() {
        return username;
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    public boolean isAdmin() {
        return roles.contains(Role.ADMIN);
    }

    /** Admins and managers may create projects and see every project they manage. */
    public boolean canManageProjects() {
        return roles.contains(Role.ADMIN) || roles.contains(Role.MANAGER);
    }
}
