package org.labelcrew.academy;

/** The role a placement gives (the {@code placement.role} column holds the same names); NONE: not placed. */
public enum PlacementRole {
    REVIEWER, LABELER, NONE
}
