package org.labelcrew.task;

/** A labeler's submission, or a reviewer's correction stored beside it as a new version. */
public enum AnnotationKind {
    SUBMISSION, CORRECTION
}
