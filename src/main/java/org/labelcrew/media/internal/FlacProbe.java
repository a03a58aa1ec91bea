package org.labelcrew.media.internal;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.jflac.ChannelData;
import org.jflac.FLACDecoder;
import org.jflac.FrameListener;
import org.jflac.frame.Frame;
import org.jflac.metadata.Metadata;
import org.jflac.metadata.StreamInfo;
import org.labelcrew.media.Media;
import org.labelcrew.media.MediaProblem;

/**
 * FLAC: duration, sample rate, channels and waveform peaks, decoded end to end by jFLAC ({@code org.jflac:jflac-codec}).
 * The STREAMINFO block's sample count gives the duration before anything is decoded (so the duration limit costs no
 * decoding); decoding every frame then proves the file is whole: a frame whose CRC-16 does not match, or bytes that are
 * no frame, are damage, and fewer samples than STREAMINFO promises is a truncated file. jFLAC itself only reports
 * such trouble to a listener and carries on (a bad frame comes out as silence), so the listener's first complaint is
 * what refuses the file. A stream whose STREAMINFO leaves the count open (0, as a live encoder may write) is measured by
 * decoding, and the limit is applied as the samples come.
 */
final class FlacProbe {

    private FlacProbe() {
    }

    static MediaProbe.Probed probe(Path file, double maxSeconds) throws MediaProblem, IOException {
        String[] trouble = new String[1];
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            FLACDecoder decoder = new FLACDecoder(in);
            decoder.addFrameListener(new FrameListener() {
                @Override
                public void processMetadata(Metadata metadata) {
                }

                @Override
                public void processFrame(Frame frame) {
                }

                @Override
                public void processError(String msg) {
                    if (trouble[0] == null) trouble[0] = msg == null ? "" : msg;
                }
            });
            StreamInfo info;
            try {
                info = decoder.readStreamInfo();
                decoder.readMetadata(info);
            } catch (EOFException e) {
                throw new MediaProblem("is a truncated FLAC file: it ends inside its metadata blocks", e).coded("import.media.flacTruncatedMetadata");
            } catch (IOException | RuntimeException e) {
                throw new MediaProblem("is not a readable FLAC file: its metadata blocks cannot be read (" + MediaProbe.why(e) + ")", e).coded("import.media.flacUnreadable", "detail", MediaProbe.why(e));
            }
            int rate = info.getSampleRate();
            int channels = info.getChannels();
            int bits = info.getBitsPerSample();
            long total = info.getTotalSamples();
            if (rate <= 0 || channels <= 0 || bits < 4) {
                throw new MediaProblem("is a damaged FLAC file: its STREAMINFO block says " + rate + " Hz, " + channels
                        + " channels, " + bits + " bits").coded("import.media.flacBadStreamInfo", "rate", rate, "channels", channels, "bits", bits);
            }
            if (total > 0) limit(total / (double) rate, maxSeconds);
            long maxSamples = (long) Math.ceil(maxSeconds * rate);
            double full = Math.pow(2, bits - 1);
            PeakSlices peaks = new PeakSlices(rate);
            try {
                while (total <= 0 || decoder.getSamplesDecoded() < total) {
                    long before = decoder.getSamplesDecoded();
                    Frame frame = decoder.readNextFrame();
                    if (frame == null && decoder.isEOF()) {
                        // the file ends inside a frame (jFLAC complains of the read) or after the last whole one;
                        // damage found on the way there is damage, not a cut
                        if (trouble[0] != null && !trouble[0].contains("EOF")) throw damage(trouble[0], before);
                        if (trouble[0] != null || (total > 0 && before < total)) {
                            throw new MediaProblem("is a truncated FLAC file: it ends inside the frame after sample " + before
                                    + (total > 0 ? " (its header promises " + total + " samples)" : "")).coded(total > 0 ? "import.media.flacTruncatedOf" : "import.media.flacTruncated", "sample", before, "total", total);
                        }
                        break;
                    }
                    if (trouble[0] != null) throw damage(trouble[0], before);
                    if (frame == null) break;
                    if (frame.header.channels != channels) {
                        throw new MediaProblem("is a damaged FLAC file: the frame at sample " + before + " has "
                                + frame.header.channels + " channels, the stream " + channels).coded("import.media.flacChannels", "sample", before, "channels", frame.header.channels, "stream", channels);
                    }
                    ChannelData[] data = decoder.getChannelData();
                    int block = frame.header.blockSize;
                    for (int i = 0; i < block; i++) {
                        float loudest = 0;
                        for (int c = 0; c < channels; c++) {
                            loudest = Math.max(loudest, (float) (Math.abs(data[c].getOutput()[i]) / full));
                        }
                        peaks.add(loudest);
                    }
                    if (total <= 0 && peaks.samples() > maxSamples) limit(peaks.samples() / (double) rate, maxSeconds);
                }
            } catch (MediaProblem e) {
                throw e;
            } catch (IOException | RuntimeException e) {
                // jFLAC reports damage it cannot step over as exceptions, or as index errors deep in the decoder
                throw new MediaProblem("is a damaged FLAC file: its audio cannot be decoded after sample "
                        + decoder.getSamplesDecoded() + " (" + MediaProbe.why(e) + ")", e).coded("import.media.flacNotDecoded", "sample", decoder.getSamplesDecoded(), "detail", MediaProbe.why(e));
            }
            long decoded = decoder.getSamplesDecoded();
            if (decoded == 0) throw new MediaProblem("is a FLAC file without sound (no audio frames)").coded("import.media.flacSilent");
            // a last frame may run past the promised count: what is played is what STREAMINFO says
            long samples = total > 0 ? total : decoded;
            double duration = samples / (double) rate;
            return new MediaProbe.Probed(Media.Kind.AUDIO, "audio/flac", null, null, duration,
                    MediaProbe.peaksJson(duration, rate, channels, peaks.result()), "application/json");
        }
    }

    private static void limit(double duration, double maxSeconds) throws MediaProblem {
        if (duration > maxSeconds) {
            throw new MediaProblem(String.format(Locale.ROOT, "lasts %.1f s; audio may last at most %.0f s", duration, maxSeconds)).coded("import.media.tooLong", "seconds", Math.round(duration * 10) / 10.0, "max", maxSeconds);
        }
    }

    /** jFLAC's complaint, in words for the person who sent the file. */
    private static MediaProblem damage(String msg, long sample) {
        String what;
        String code;
        if (msg.startsWith("CRC")) {
            what = "the frame at sample " + sample + " fails its CRC-16 check";
            code = "import.media.flacCrc";
        } else if (msg.contains("LOST_SYNC")) {
            what = "after sample " + sample + " come bytes that are no FLAC frame";
            code = "import.media.flacLostSync";
        } else if (msg.contains("bad header")) {
            what = "the frame after sample " + sample + " has an invalid header";
            code = "import.media.flacBadHeader";
        } else {
            what = "its audio cannot be decoded after sample " + sample;
            code = "import.media.flacDamaged";
        }
        return new MediaProblem("is a damaged FLAC file: " + what).coded(code, "sample", sample);
    }
}
