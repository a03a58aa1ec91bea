package org.labelcrew.shared;

import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Lets bulk jobs give way to people. A labeler waiting for the next task feels every millisecond; an import of a
 * million items does not notice a few seconds more. On a small machine both compete for the same cores, and an
 * unpaced import raised next-task's p99 four times (issue 14, P8). So the people's calls (next task, submit, draft)
 * say they happened ({@link #personWorking()}), and an import, after each chunk it loads, pauses in proportion to the
 * time the chunk took while someone worked in the last second ({@link #giveWay(long)}). With nobody working it runs
 * at full speed. The pause keeps the import's single transaction (all or nothing) as it is: it only spreads its work.
 *
 * <p>Per instance: an import gives way to the people served by its own instance. With several instances behind a
 * balancer that spreads people evenly, every instance sees some of them, so each import still gives way.
 */
@Component
public class WorkPacer {

    private static final long RECENT_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** Writes of the shared timestamp at most this often: every call reads it, few write it. */
    private static final long RESOLUTION_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    /** A single pause never exceeds this, so a chunk slowed by something else does not stall the import. */
    private static final long MAX_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    private final double ratio;
    private volatile long lastPerson = System.nanoTime() - 10 * RECENT_NANOS;

    /**
     * {@code labelcrew.import.give-way}: the pause after a chunk as a multiple of the chunk's own time while people
     * work (1.0: the import takes at most about half of the time it could; 0: never pauses).
     */
    public WorkPacer(@Value("${labelcrew.import.give-way:1.0}") double ratio) {
        if (ratio < 0 || ratio > 20) throw new IllegalArgumentException("labelcrew.import.give-way must be 0..20, not " + ratio);
        this.ratio = ratio;
    }

    /** A person's interactive call (next task, submit, draft): bulk jobs give way for the next second. */
    public void personWorking() {
        long now = System.nanoTime();
        if (now - lastPerson > RESOLUTION_NANOS) lastPerson = now;
    }

    /** {@link System#nanoTime()} of the latest person's call (to within 10 ms). */
    public long lastPersonNanos() {
        return lastPerson;
    }

    /** Whether a person's call came in the last second. */
    public boolean peopleWorking() {
        return System.nanoTime() - lastPerson < RECENT_NANOS;
    }

    /**
     * Called by a bulk job between chunks; {@code busyNanos} is how long the chunk took. Pauses {@code ratio} times
     * that (at most 200 ms) while people work; returns at once otherwise. Returns the nanoseconds paused.
     */
    public long giveWay(long busyNanos) {
        if (ratio == 0 || busyNanos <= 0 || !peopleWorking()) return 0;
        long pause = Math.min(MAX_PAUSE_NANOS, (long) (busyNanos * ratio));
        try {
            TimeUnit.NANOSECONDS.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return pause;
    }
}
