package org.labelcrew.account;

import java.time.Instant;
import java.util.Set;

public record Account(long id, String username, String displayName, String email, Set<Role> roles, boolean active,
        Instant createdAt) {
}
