package org.labelcrew.account;

/** Global roles. Project work is granted per project by membership (see project.ProjectRole). */
public enum Role {
    ADMIN, MANAGER, REVIEWER, LABELER, TRAINEE
}
