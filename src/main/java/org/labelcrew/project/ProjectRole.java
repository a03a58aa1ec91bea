package org.labelcrew.project;

/** What a member does in one project. */
public enum ProjectRole {
    MANAGER, REVIEWER, LABELER
}
