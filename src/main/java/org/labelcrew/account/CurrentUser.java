package org.labelcrew.account;

import java.io.Serializable;
import java.util.Set;

/** The signed-in account as every feature sees it (the Spring Security principal). */
public record CurrentUser(long id, String username, String displayName, Set<Role> roles) implements Serializable {

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
