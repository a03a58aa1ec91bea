package org.labelcrew.media;

import java.io.ByteArrayOutputStream;
import java.util.function.LongToIntFunction;

/**
 * A tiny FLAC encoder for tests (no encoder is installed on the build machines): 16-bit mono, fixed blocks of up to
 * 65,535 samples, each subframe CONSTANT when all its samples are equal (so hours of silence stay a few kilobytes) and
 * VERBATIM otherwise, with the CRC-8 of each frame header and the CRC-16 of each frame that the format requires
 * (RFC 9639). jFLAC reads what it writes: see {@code FlacOggTest}.
 */
public final class FlacWriter {

    private FlacWriter() {
    }

    /** {@code samples} samples at {@code rate} Hz, sample {@code i} being {@code signal(i)} (16-bit), in blocks of {@code block}. */
    public static byte[] mono16(int rate, long samples, int block, LongToIntFunction signal) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {'f', 'L', 'a', 'C'});
        // STREAMINFO, the only (so last) metadata block: 34 bytes
        out.write(0x80);
        out.writeBytes(new byte[] {0, 0, 34});
        out.write(block >> 8);
        out.write(block);
        out.write(block >> 8);
        out.write(block);
        out.writeBytes(new byte[6]); // min and max frame size: unknown
        // sample rate (20 bits), channels - 1 (3), bits per sample - 1 (5), total samples (36)
        long packed = ((long) rate << 44) | (0L << 41) | (15L << 36) | (samples & 0xFFFFFFFFFL);
        for (int i = 7; i >= 0; i--) out.write((int) (packed >> (8 * i)));
        out.writeBytes(new byte[16]); // MD5 of the samples: not computed
        long frame = 0;
        for (long start = 0; start < samples; start += block, frame++) {
            int n = (int) Math.min(block, samples - start);
            ByteArrayOutputStream f = new ByteArrayOutputStream();
            f.write(0xFF);
            f.write(0xF8); // sync, fixed block size
            f.write(0x70); // block size: 16 bits after the header; sample rate: from STREAMINFO
            f.write(0x08); // mono, 16 bits per sample
            f.writeBytes(utf8(frame));
            f.write((n - 1) >> 8);
            f.write(n - 1);
            f.write(crc8(f.toByteArray()));
            int first = signal.applyAsInt(start);
            boolean constant = true;
            for (int i = 1; i < n && constant; i++) constant = signal.applyAsInt(start + i) == first;
            if (constant) {
                f.write(0x00);
                f.write(first >> 8);
                f.write(first);
            } else {
                f.write(0x02);
                for (int i = 0; i < n; i++) {
                    int v = signal.applyAsInt(start + i);
                    f.write(v >> 8);
                    f.write(v);
                }
            }
            int crc = crc16(f.toByteArray());
            f.write(crc >> 8);
            f.write(crc);
            out.writeBytes(f.toByteArray());
        }
        return out.toByteArray();
    }

    /** {@code seconds} of a 440 Hz tone at half volume, 8 kHz: the same tone as {@link MediaSamples#wav}. */
    public static byte[] tone(double seconds) {
        int rate = 8000;
        return mono16(rate, Math.round(seconds * rate), 4096, i -> (int) Math.round(Math.sin(2 * Math.PI * 440 * i / rate) * 16384));
    }

    /** {@code seconds} of silence at 8 kHz in the largest blocks: CONSTANT subframes, about 12 bytes a block. */
    public static byte[] silence(double seconds) {
        return mono16(8000, Math.round(seconds * 8000), 65535, i -> 0);
    }

    /** The frame number as FLAC writes it: UTF-8's variable-length coding. */
    private static byte[] utf8(long v) {
        if (v < 0x80) return new byte[] {(byte) v};
        int len = v < 0x800 ? 2 : v < 0x10000 ? 3 : v < 0x200000 ? 4 : v < 0x4000000 ? 5 : 6;
        byte[] b = new byte[len];
        for (int i = len - 1; i > 0; i--) {
            b[i] = (byte) (0x80 | (v & 0x3F));
            v >>= 6;
        }
        b[0] = (byte) ((0xFF00 >> len) | v);
        return b;
    }

    private static int crc8(byte[] data) {
        int crc = 0;
        for (byte d : data) {
            crc ^= d & 0xFF;
            for (int i = 0; i < 8; i++) crc = (crc & 0x80) != 0 ? ((crc << 1) ^ 0x07) & 0xFF : (crc << 1) & 0xFF;
        }
        return crc;
    }

    private static int crc16(byte[] data) {
        int crc = 0;
        for (byte d : data) {
            crc ^= (d & 0xFF) << 8;
            for (int i = 0; i < 8; i++) crc = (crc & 0x8000) != 0 ? ((crc << 1) ^ 0x8005) & 0xFFFF : (crc << 1) & 0xFFFF;
        }
        return crc;
    }
}
