package org.labelcrew.bench;

import java.util.Arrays;

/** Latencies in nanoseconds, recorded by many threads; percentiles on demand. Good enough for a few million samples. */
final class Latencies {

    private long[] samples = new long[1 << 16];
    private int size;

    synchronized void add(long nanos) {
        if (size == samples.length) samples = Arrays.copyOf(samples, size * 2);
        samples[size++] = nanos;
    }

    synchronized int count() {
        return size;
    }

    /** The p-th percentile (0–100) in milliseconds. */
    synchronized double percentileMs(double p) {
        if (size == 0) return Double.NaN;
        long[] sorted = Arrays.copyOf(samples, size);
        Arrays.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * size) - 1;
        return sorted[Math.max(0, Math.min(size - 1, index))] / 1_000_000.0;
    }
}
