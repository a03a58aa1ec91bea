package org.labelcrew.task;

/**
 * The draw of an ADAPTIVE project: a submission is reviewed when {@code uniform(assignment, version) < rate}. A hash
 * rather than a random source, so that a test (or an auditor) can say which submissions a rate draws: the same
 * submission always gets the same number, a resubmission after rework (the next version) a new one.
 */
public final class ReviewDraw {

    private ReviewDraw() {
    }

    /** A number in [0, 1) from the assignment and the version of its submission (SplitMix64's finaliser). */
    public static double uniform(long assignmentId, int version) {
        long z = assignmentId * 0x9E3779B97F4A7C15L + version * 0xBF58476D1CE4E5B9L + 0x94D049BB133111EBL;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z = z ^ (z >>> 31);
        return (z >>> 11) * 0x1.0p-53;
    }
}
