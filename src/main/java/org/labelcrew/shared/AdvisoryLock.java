package org.labelcrew.shared;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * PostgreSQL advisory locks in one typed key space. Each lock is {@code pg_advisory_xact_lock(namespace, subject)}:
 * the first int names what is locked (one constant per use, below), the second which one (an account, a project).
 * Keys of different uses can therefore never collide, as two untyped {@code (int, int)} pairs of different features
 * could. Transaction-scoped: released at commit or rollback.
 */
public enum AdvisoryLock {

    // Codes are stored in no table but are shared by every instance running at once: never renumber or reuse one.
    /** The first administrator is created once, however many instances start together. Subject: 0. */
    ADMIN_BOOTSTRAP(1),
    /** One labeler's next-task calls, one at a time (a double click never opens two leases). Subject: the labeler. */
    NEXT_TASK(2),
    /** One reviewer's next-review calls, one at a time. Subject: the reviewer. */
    NEXT_REVIEW(3),
    /** One person's exam starts, one at a time (two clicks never make two attempts). Subject: the person. */
    EXAM_START(4),
    /** Issue 11: one lot declared at a time per project (two would claim the same work). Subject: the project. */
    INSPECTION_LOT(2859);

    private final int code;

    AdvisoryLock(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /**
     * Takes this lock on {@code subject} until the transaction ends, waiting if another transaction holds it. Ids
     * beyond the int range fold into it: two subjects then share a key, which costs a wait, never exclusion.
     */
    public void lock(JdbcClient jdbc, long subject) {
        jdbc.sql("SELECT pg_advisory_xact_lock(:ns, :id)").param("ns", code).param("id", key(subject)).query().rowSet();
    }

    /**
     * The call that takes this lock, for a caller that folds it into a statement it sends anyway (one round trip
     * fewer); bind {@code subjectParam} to {@link #key(long)} of the subject.
     */
    public String call(String subjectParam) {
        return "pg_advisory_xact_lock(" + code + ", " + subjectParam + ")";
    }

    public static int key(long subject) {
        return subject == (int) subject ? (int) subject : Long.hashCode(subject);
    }
}
