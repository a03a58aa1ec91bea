package org.labelcrew.review;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Published in the transaction of every review outcome — a reviewer's decision, or an approval by the sampling rule
 * — for features that act on it (pay records earnings). A listener runs in that transaction: what it writes commits
 * or rolls back with the decision.
 *
 * @param verdict            {@code APPROVE}, {@code REJECT}, {@code CORRECT} or {@code AUTO_APPROVE} (sampling)
 * @param acceptedAnnotationId the annotation the approval accepted (the correction when corrected); null on reject
 * @param reviewerId         who decided; null for an approval by the sampling rule
 */
public record WorkReviewed(long reviewId, long projectId, long assignmentId, String verdict,
        @Nullable Long acceptedAnnotationId, @Nullable Long reviewerId, Instant at) {

    public boolean approved() {
        return !"REJECT".equals(verdict);
    }
}
