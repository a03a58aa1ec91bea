package org.labelcrew.account;

import java.time.Instant;
import java.util.Set;
import org.jspecify.annotations.Nullable;

public record Account(long id, String username, String displayName, @Nullable String email, Set<Role> roles, boolean active,
        Instant createdAt) {
}
