package org.labelcrew.media.internal;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import javazoom.jl.decoder.Bitstream;
import javazoom.jl.decoder.Decoder;
import javazoom.jl.decoder.Header;
import javazoom.jl.decoder.JavaLayerException;
import javazoom.jl.decoder.SampleBuffer;
import org.labelcrew.media.Media;
import org.labelcrew.media.MediaProblem;

/**
 * MP3 (MPEG-1/2/2.5 audio, layers I–III): duration and waveform peaks. Two passes over the file, both streamed:
 * <ol>
 * <li>our own walk over the frame headers, end to end, which proves the file is whole (a file cut inside its last
 * frame is refused as truncated, bytes that are no frame as damaged) and gives the exact sample count, hence the
 * duration, before anything is decoded (so the duration limit costs no decoding);</li>
 * <li>JLayer's decoder for the peaks; a frame it cannot decode is damage too.</li>
 * </ol>
 * The Xing/Info/VBRI frame an encoder puts first holds no sound and is not counted. The encoder's delay and padding
 * (LAME's gapless fields) are counted as sound, as most players do: the duration may be a few dozen ms long.
 */
final class Mp3Probe {

    private static final int[][] BITRATES_V1 = {
        {0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448}, // layer I
        {0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384}, // layer II
        {0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320}, // layer III
    };
    private static final int[][] BITRATES_V2 = {
        {0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256},
        {0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160},
        {0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160},
    };
    private static final int[][] RATES = {{11025, 12000, 8000}, {0, 0, 0}, {22050, 24000, 16000}, {44100, 48000, 32000}};

    private Mp3Probe() {
    }

    /** One frame header, decoded. */
    record Frame(int length, int samples, int sampleRate, int channels, int sideInfo) {

        /** The header in {@code h[0..3]}, or null when it is no valid MPEG audio frame header. */
        static Frame parse(int b0, int b1, int b2, int b3) {
            if (b0 != 0xFF || (b1 & 0xE0) != 0xE0) return null;
            int version = (b1 >> 3) & 3; // 0: 2.5, 2: 2, 3: 1
            int layerBits = (b1 >> 1) & 3; // 1: III, 2: II, 3: I
            int bitrateIndex = (b2 >> 4) & 15;
            int rateIndex = (b2 >> 2) & 3;
            if (version == 1 || layerBits == 0 || bitrateIndex == 0 || bitrateIndex == 15 || rateIndex == 3) return null;
            int layer = 4 - layerBits; // 1, 2, 3
            boolean v1 = version == 3;
            int kbps = (v1 ? BITRATES_V1 : BITRATES_V2)[layer - 1][bitrateIndex];
            int rate = RATES[version][rateIndex];
            int padding = (b2 >> 1) & 1;
            int channels = ((b3 >> 6) & 3) == 3 ? 1 : 2;
            int length;
            int samples;
            if (layer == 1) {
                length = (12 * kbps * 1000 / rate + padding) * 4;
                samples = 384;
            } else if (layer == 2 || v1) {
                length = 144 * kbps * 1000 / rate + padding;
                samples = 1152;
            } else {
                length = 72 * kbps * 1000 / rate + padding;
                samples = 576;
            }
            int sideInfo = layer != 3 ? 0 : v1 ? (channels == 1 ? 17 : 32) : (channels == 1 ? 9 : 17);
            return new Frame(length, samples, rate, channels, sideInfo);
        }
    }

    static MediaProbe.Probed probe(Path file, double maxSeconds) throws MediaProblem, IOException {
        long size = Files.size(file);
        int rate = 0;
        int channels = 0;
        long samples = 0;
        long frames = 0;
        boolean firstIsInfo = false;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            long pos = skipId3v2(in);
            byte[] head = new byte[4];
            while (pos < size) {
                in.mark(16);
                int n = in.readNBytes(head, 0, 4);
                Frame f = n < 4 ? null : Frame.parse(head[0] & 0xff, head[1] & 0xff, head[2] & 0xff, head[3] & 0xff);
                if (f == null) {
                    in.reset();
                    byte[] tail = in.readNBytes(11);
                    String t = new String(tail, StandardCharsets.ISO_8859_1);
                    // Tags after the sound (ID3v1, APE, Lyrics3) end the frames; anything else is damage.
                    if (frames > 0 && (t.startsWith("TAG") || t.startsWith("APETAGEX") || t.startsWith("LYRICSBEGIN"))) break;
                    if (frames == 0) throw new MediaProblem("is not a readable MP3 file: no MPEG audio frame at byte " + pos).coded("import.media.mp3NoFrame", "byte", pos);
                    if (n < 4 || (head[0] & 0xff) != 0xFF) {
                        throw new MediaProblem("is a damaged MP3 file: byte " + pos + " of " + size + " is not the start of a frame")
                                .coded("import.media.mp3NotFrame", "byte", pos, "size", size);
                    }
                    throw new MediaProblem("is a damaged MP3 file: the frame at byte " + pos + " has an invalid header")
                            .coded("import.media.mp3BadHeader", "byte", pos);
                }
                if (pos + f.length() > size) {
                    throw new MediaProblem("is a truncated MP3 file: its last frame (at byte " + pos + ") needs " + f.length()
                            + " bytes, the file holds " + (size - pos)).coded("import.media.mp3Truncated", "byte", pos);
                }
                if (rate == 0) {
                    rate = f.sampleRate();
                    channels = f.channels();
                } else if (f.sampleRate() != rate) {
                    throw new MediaProblem("is a damaged MP3 file: the frame at byte " + pos + " changes the sample rate from "
                            + rate + " to " + f.sampleRate() + " Hz").coded("import.media.mp3RateChanges", "byte", pos, "from", rate,
                            "to", f.sampleRate());
                }
                byte[] body = in.readNBytes(f.length() - 4);
                if (frames == 0 && isInfoFrame(body, f)) {
                    firstIsInfo = true;
                } else {
                    samples += f.samples();
                }
                frames++;
                pos += f.length();
            }
        }
        if (samples == 0) throw new MediaProblem("is an MP3 file without sound (no audio frames)").coded("import.media.mp3Silent");
        double duration = samples / (double) rate;
        if (duration > maxSeconds) {
            throw new MediaProblem(String.format(Locale.ROOT, "lasts %.1f s; audio may last at most %.0f s", duration, maxSeconds))
                    .coded("import.media.tooLong", "seconds", Math.round(duration * 10) / 10.0, "max", maxSeconds);
        }
        float[] peak = decodePeaks(file, samples, duration, firstIsInfo);
        return new MediaProbe.Probed(Media.Kind.AUDIO, "audio/mpeg", null, null, duration,
                MediaProbe.peaksJson(duration, rate, channels, peak), "application/json");
    }

    /** Skips an ID3v2 tag at the start; returns the bytes skipped. */
    private static long skipId3v2(InputStream in) throws IOException {
        in.mark(10);
        byte[] h = in.readNBytes(10);
        if (h.length == 10 && h[0] == 'I' && h[1] == 'D' && h[2] == '3') {
            long len = ((h[6] & 0x7f) << 21) | ((h[7] & 0x7f) << 14) | ((h[8] & 0x7f) << 7) | (h[9] & 0x7f);
            if ((h[5] & 0x10) != 0) len += 10; // a footer
            in.skipNBytes(len);
            return 10 + len;
        }
        in.reset();
        return 0;
    }

    /** The Xing/Info (after the side information) or VBRI (at 32 bytes) frame that holds an encoder's summary. */
    private static boolean isInfoFrame(byte[] body, Frame f) {
        // the body starts after the 4-byte header; a CRC (2 bytes) may come before the side information
        for (int at : new int[] {f.sideInfo(), f.sideInfo() + 2, 32}) {
            if (at + 4 > body.length) continue;
            String tag = new String(body, at, 4, StandardCharsets.ISO_8859_1);
            if (tag.equals("Xing") || tag.equals("Info") || (at == 32 && tag.equals("VBRI"))) return true;
        }
        return false;
    }

    /** The loudest sample (0..1, all channels) of each of about 50 slices a second, decoded by JLayer. */
    private static float[] decodePeaks(Path file, long samples, double duration, boolean skipFirst) throws MediaProblem, IOException {
        int points = (int) Math.max(1, Math.min(20_000, Math.ceil(duration * 50)));
        long perPoint = Math.max(1, (samples + points - 1) / points);
        points = (int) ((samples + perPoint - 1) / perPoint);
        float[] peak = new float[points];
        long sample = 0;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            Bitstream bits = new Bitstream(in);
            Decoder decoder = new Decoder();
            boolean first = true;
            Header h;
            while ((h = bits.readFrame()) != null) {
                if (first && skipFirst) {
                    first = false;
                    bits.closeFrame();
                    continue;
                }
                first = false;
                SampleBuffer out = (SampleBuffer) decoder.decodeFrame(h, bits);
                short[] buf = out.getBuffer();
                int ch = out.getChannelCount();
                int len = out.getBufferLength();
                for (int i = 0; i + ch <= len; i += ch, sample++) {
                    float loudest = 0;
                    for (int c = 0; c < ch; c++) loudest = Math.max(loudest, Math.abs(buf[i + c]) / 32768f);
                    int p = (int) Math.min(points - 1, sample / perPoint);
                    if (loudest > peak[p]) peak[p] = Math.min(1f, loudest);
                }
                bits.closeFrame();
            }
        } catch (JavaLayerException | RuntimeException e) {
            // JLayer reports damage as exceptions of its own, or as index errors deep in the decoder
            throw new MediaProblem("is a damaged MP3 file: its audio cannot be decoded after sample " + sample
                    + " (" + MediaProbe.why(e) + ")", e).coded("import.media.mp3NotDecoded", "sample", sample, "detail", MediaProbe.why(e));
        }
        return peak;
    }
}
