package org.labelcrew.media.internal;

import java.util.Arrays;

/**
 * Waveform peaks collected while a decoder streams samples whose total is not known in advance (FLAC, Ogg Vorbis): the
 * loudest sample (0..1, all channels) of each slice of a fiftieth of a second, merged at the end to at most 20,000
 * slices — the same shape and density as {@link MediaProbe#peaksJson}'s other callers.
 */
final class PeakSlices {

    private static final int MAX_POINTS = 20_000;

    private final int perSlice;
    private float[] peak = new float[1024];
    private long sample;
    private float loudest;

    PeakSlices(int sampleRate) {
        this.perSlice = Math.max(1, sampleRate / 50);
    }

    /** One sample frame's loudest channel, already scaled to 0..1. */
    void add(float level) {
        if (level > loudest) loudest = level;
        sample++;
        if (sample % perSlice == 0) flush();
    }

    private void flush() {
        int at = (int) ((sample - 1) / perSlice);
        if (at >= peak.length) peak = Arrays.copyOf(peak, peak.length * 2);
        peak[at] = Math.min(1f, loudest);
        loudest = 0;
    }

    long samples() {
        return sample;
    }

    /** The slices so far (the last one may be partial), merged to at most 20,000. */
    float[] result() {
        if (sample % perSlice != 0) flush();
        int n = (int) ((sample + perSlice - 1) / perSlice);
        if (n == 0) return new float[] {0f};
        int k = (n + MAX_POINTS - 1) / MAX_POINTS;
        float[] out = new float[(n + k - 1) / k];
        for (int i = 0; i < n; i++) out[i / k] = Math.max(out[i / k], peak[i]);
        return out;
    }
}
