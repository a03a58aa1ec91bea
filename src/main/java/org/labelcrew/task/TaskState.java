package org.labelcrew.task;

/** A task's state (the {@code task.state} column); GOLD: a control item, outside the workflow. */
public enum TaskState {
    NEW, ASSIGNED, SUBMITTED, REJECTED, APPROVED, GOLD
}
