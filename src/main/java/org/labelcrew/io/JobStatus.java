package org.labelcrew.io;

/** An import or export job's status (the {@code status} column of both job tables). */
public enum JobStatus {
    QUEUED, RUNNING, DONE, FAILED
}
