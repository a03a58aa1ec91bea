package org.labelcrew.task;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Why next-task chose this task (a lease's {@code reason}), one per link of the chain in {@link Strategies}; the JSON
 * value is the lower-case name the browser translates. {@code overlap} splits into {@code overlap} (others already
 * hold the task) and {@code order} (a fresh one). There is no {@code gold}: a control item is handed out as
 * {@code order}, like any fresh task (only the task's event log, read by managers, keeps the true reason).
 */
public enum NextTaskReason {
    REWORK("rework"),
    HELD_LEASE("held-lease"),
    RETURNED_DRAFT("returned-draft"),
    OVERLAP("overlap"),
    ORDER("order");

    private final String json;

    NextTaskReason(String json) {
        this.json = json;
    }

    @JsonValue
    public String json() {
        return json;
    }

    public static NextTaskReason of(String json) {
        for (NextTaskReason r : values()) {
            if (r.json.equals(json)) return r;
        }
        throw new IllegalArgumentException("no next-task reason " + json);
    }
}
