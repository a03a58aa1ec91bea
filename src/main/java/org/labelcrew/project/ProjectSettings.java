package org.labelcrew.project;

import tools.jackson.databind.JsonNode;

/**
 * What the workflow needs of a project: its current schema, its queue and review settings, and its gold rate with the
 * number of gold items (so that the next-task chain passes over gold at no cost when there is none to hand out).
 */
public record ProjectSettings(long id, JsonNode schema, int schemaVersion, int overlap, String reviewMode,
        double sampleRate, int leaseMinutes, double goldRate, long goldItems,
        @org.jspecify.annotations.Nullable Integer autoPauseMinGold,
        @org.jspecify.annotations.Nullable Double autoPauseMinAccuracy,
        @org.jspecify.annotations.Nullable Double reviewMinRate, @org.jspecify.annotations.Nullable Double reviewMaxRate,
        @org.jspecify.annotations.Nullable Integer reviewWindow) {

    /** Whether each labeler's submissions are drawn for review at their own rate (review mode ADAPTIVE). */
    public boolean adaptiveReview() {
        return "ADAPTIVE".equals(reviewMode) && reviewMinRate != null && reviewMaxRate != null && reviewWindow != null;
    }

    /** Whether labelers are paused automatically when their gold accuracy falls below the threshold. */
    public boolean autoPauses() {
        return autoPauseMinGold != null && autoPauseMinAccuracy != null;
    }

    /** Whether gold items are to be handed out at all: a rate above zero and at least one gold item. */
    public boolean servesGold() {
        return goldRate > 0 && goldItems > 0;
    }
}
