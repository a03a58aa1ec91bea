package org.labelcrew.media.internal;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.event.IIOReadWarningListener;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;
import org.labelcrew.media.Media;
import org.labelcrew.media.MediaProblem;
import org.labelcrew.media.MediaProperties;

/**
 * Checks that a file really is what it claims (by its first bytes, then by decoding all of it) within the limits, and
 * makes what the labeling screen needs at once: a JPEG thumbnail of an image, the waveform peaks of audio (JSON).
 * Images: JPEG, PNG, GIF, BMP, TIFF (the JDK's ImageIO); the pixel count is read from the header before anything is
 * decoded, and the decode itself is subsampled, so an enormous image costs neither memory nor time. WebP comes from the
 * TwelveMonkeys ImageIO plugin. Audio: WAV (PCM, 8–32 bit) through javax.sound, MP3 through JLayer ({@link Mp3Probe}),
 * FLAC through jFLAC ({@link FlacProbe}), Ogg Vorbis through JOrbis ({@link OggVorbisProbe}); M4A, and Ogg holding
 * anything but Vorbis (Opus, FLAC in Ogg), are recognised and refused by name.
 */
public final class MediaProbe {

    /** What a checked file is, and its derived bytes (thumbnail JPEG or peaks JSON). */
    public record Probed(Media.Kind kind, String contentType, Integer width, Integer height, Double duration,
            byte[] derived, String derivedType) {
    }

    private final MediaProperties limits;

    public MediaProbe(MediaProperties limits) {
        this.limits = limits;
        // The WebP reader is a plugin in its own jar: ImageIO finds plugins through the context class loader of the
        // thread that first touches it, which in the packaged jar need not be the one that sees our dependencies.
        ImageIO.scanForPlugins();
    }

    public Probed probe(Path file, Media.Kind kind) throws MediaProblem, IOException {
        long size = Files.size(file);
        if (size == 0) throw new MediaProblem("is empty (0 bytes)").coded("import.media.empty");
        byte[] head = new byte[16];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        }
        String sniffed = sniff(head, n);
        if ("mp3".equals(sniffed) && n >= 10 && ascii(head, 0, 3).equals("ID3")) sniffed = afterId3(file, head);
        return kind == Media.Kind.IMAGE ? image(file, size, sniffed) : audio(file, size, sniffed);
    }

    /** The file type by its first bytes, or null. */
    static String sniff(byte[] h, int n) {
        if (n >= 3 && (h[0] & 0xff) == 0xFF && (h[1] & 0xff) == 0xD8 && (h[2] & 0xff) == 0xFF) return "jpeg";
        if (n >= 8 && (h[0] & 0xff) == 0x89 && h[1] == 'P' && h[2] == 'N' && h[3] == 'G') return "png";
        if (n >= 4 && h[0] == 'G' && h[1] == 'I' && h[2] == 'F' && h[3] == '8') return "gif";
        if (n >= 2 && h[0] == 'B' && h[1] == 'M') return "bmp";
        if (n >= 4 && ((h[0] == 'I' && h[1] == 'I' && h[2] == 42 && h[3] == 0) || (h[0] == 'M' && h[1] == 'M' && h[2] == 0 && h[3] == 42))) return "tiff";
        if (n >= 12 && ascii(h, 0, 4).equals("RIFF") && ascii(h, 8, 4).equals("WEBP")) return "webp";
        if (n >= 12 && ascii(h, 0, 4).equals("RIFF") && ascii(h, 8, 4).equals("WAVE")) return "wav";
        if (n >= 3 && ascii(h, 0, 3).equals("ID3")) return "mp3";
        if (n >= 2 && (h[0] & 0xff) == 0xFF && (h[1] & 0xE0) == 0xE0) return "mp3";
        if (n >= 4 && ascii(h, 0, 4).equals("fLaC")) return "flac";
        if (n >= 4 && ascii(h, 0, 4).equals("OggS")) return "ogg";
        if (n >= 8 && ascii(h, 4, 4).equals("ftyp")) return "mp4";
        return null;
    }

    /** An ID3v2 tag starts MP3 files and, written by some taggers, FLAC ones: what follows the tag decides. */
    private static String afterId3(Path file, byte[] head) throws IOException {
        long len = ((head[6] & 0x7f) << 21) | ((head[7] & 0x7f) << 14) | ((head[8] & 0x7f) << 7) | (head[9] & 0x7f);
        if ((head[5] & 0x10) != 0) len += 10; // a footer
        try (InputStream in = Files.newInputStream(file)) {
            in.skipNBytes(Math.min(10 + len, Files.size(file)));
            byte[] next = in.readNBytes(4);
            return next.length == 4 && ascii(next, 0, 4).equals("fLaC") ? "flac" : "mp3";
        }
    }

    private static String ascii(byte[] h, int from, int len) {
        return new String(h, from, len, StandardCharsets.ISO_8859_1);
    }

    private Probed image(Path file, long size, String sniffed) throws MediaProblem, IOException {
        if (sniffed == null || !List.of("jpeg", "png", "gif", "bmp", "tiff", "webp").contains(sniffed)) {
            throw new MediaProblem("is not an image: its content is " + (sniffed == null ? "no known image format" : sniffed)
                    + " (JPEG, PNG, GIF, BMP, TIFF or WebP expected)").coded("import.media.notImage", "content", sniffed);
        }
        if (size > limits.maxImageSize().toBytes()) {
            throw new MediaProblem("is " + mb(size) + "; an image may have at most " + mb(limits.maxImageSize().toBytes()))
                    .coded("import.media.imageTooBig", "size", mb(size), "max", mb(limits.maxImageSize().toBytes()));
        }
        try (ImageInputStream iis = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(iis);
            if (!readers.hasNext()) throw new MediaProblem("is not a readable " + sniffed.toUpperCase(Locale.ROOT) + " image")
                    .coded("import.media.unreadable", "type", sniffed.toUpperCase(Locale.ROOT));
            ImageReader reader = readers.next();
            try {
                reader.setInput(iis, true, true);
                int w;
                int h;
                try {
                    w = reader.getWidth(0);
                    h = reader.getHeight(0);
                } catch (IOException | RuntimeException e) {
                    throw new MediaProblem("is a damaged " + sniffed.toUpperCase(Locale.ROOT) + " image: its header cannot be read", e)
                            .coded("import.media.badHeader", "type", sniffed.toUpperCase(Locale.ROOT));
                }
                if (w <= 0 || h <= 0) throw new MediaProblem("has no pixels (" + w + " × " + h + ")").coded("import.media.noPixels", "width", w, "height", h);
                long pixels = (long) w * h;
                if (pixels > limits.maxPixels()) {
                    throw new MediaProblem("is " + w + " × " + h + " pixels (" + pixels + "); an image may have at most "
                            + limits.maxPixels() + " pixels").coded("import.media.tooManyPixels", "width", w, "height", h,
                            "pixels", pixels, "max", limits.maxPixels());
                }
                List<String> warnings = new ArrayList<>();
                reader.addIIOReadWarningListener((IIOReadWarningListener) (source, warning) -> warnings.add(warning));
                ImageReadParam param = reader.getDefaultReadParam();
                // Every row is still read (a truncated file fails), but only about 1,024 pixels a side are kept.
                int step = Math.max(1, Math.max(w, h) / 1024);
                param.setSourceSubsampling(step, step, 0, 0);
                BufferedImage decoded;
                try {
                    decoded = reader.read(0, param);
                } catch (IOException | RuntimeException e) {
                    throw new MediaProblem("is a damaged or truncated " + sniffed.toUpperCase(Locale.ROOT) + " image: " + why(e), e)
                            .coded("import.media.truncated", "type", sniffed.toUpperCase(Locale.ROOT), "detail", why(e));
                }
                if (!warnings.isEmpty()) {
                    throw new MediaProblem("is a damaged or truncated " + sniffed.toUpperCase(Locale.ROOT) + " image: " + warnings.get(0))
                            .coded("import.media.truncated", "type", sniffed.toUpperCase(Locale.ROOT), "detail", warnings.get(0));
                }
                return new Probed(Media.Kind.IMAGE, "image/" + sniffed, w, h, null, thumbnail(decoded), "image/jpeg");
            } finally {
                reader.dispose();
            }
        }
    }

    private byte[] thumbnail(BufferedImage src) throws IOException {
        int max = limits.thumbSize();
        double scale = Math.min(1, (double) max / Math.max(src.getWidth(), src.getHeight()));
        int tw = Math.max(1, (int) Math.round(src.getWidth() * scale));
        int th = Math.max(1, (int) Math.round(src.getHeight() * scale));
        BufferedImage thumb = new BufferedImage(tw, th, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = thumb.createGraphics();
        try {
            g.setColor(Color.WHITE); // transparent PNG areas become white, as JPEG has no alpha
            g.fillRect(0, 0, tw, th);
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(src, 0, 0, tw, th, null);
        } finally {
            g.dispose();
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream ios = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(ios);
            ImageWriteParam p = writer.getDefaultWriteParam();
            p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            p.setCompressionQuality(0.8f);
            writer.write(null, new IIOImage(thumb, null, null), p);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    private Probed audio(Path file, long size, String sniffed) throws MediaProblem, IOException {
        if ("mp4".equals(sniffed)) {
            throw new MediaProblem("is " + sniffed.toUpperCase(Locale.ROOT) + " audio, which is not decoded; convert it to WAV (PCM) or MP3")
                    .coded("import.media.audioNotDecoded", "type", sniffed.toUpperCase(Locale.ROOT));
        }
        if (sniffed == null || !List.of("wav", "mp3", "flac", "ogg").contains(sniffed)) {
            throw new MediaProblem("is not an audio file: its content is " + (sniffed == null ? "no known audio format" : sniffed)
                    + " (WAV, MP3, FLAC or Ogg Vorbis expected)").coded("import.media.notAudio", "content", sniffed);
        }
        if (size > limits.maxAudioSize().toBytes()) {
            throw new MediaProblem("is " + mb(size) + "; an audio file may have at most " + mb(limits.maxAudioSize().toBytes()))
                    .coded("import.media.audioTooBig", "size", mb(size), "max", mb(limits.maxAudioSize().toBytes()));
        }
        if (sniffed.equals("mp3")) return Mp3Probe.probe(file, limits.maxDurationSeconds());
        if (sniffed.equals("flac")) return FlacProbe.probe(file, limits.maxDurationSeconds());
        if (sniffed.equals("ogg")) return OggVorbisProbe.probe(file, limits.maxDurationSeconds());
        try (AudioInputStream ais = AudioSystem.getAudioInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            AudioFormat f = ais.getFormat();
            boolean pcm = f.getEncoding() == AudioFormat.Encoding.PCM_SIGNED || f.getEncoding() == AudioFormat.Encoding.PCM_UNSIGNED;
            int bits = f.getSampleSizeInBits();
            if (!pcm || (bits != 8 && bits != 16 && bits != 24 && bits != 32)) {
                throw new MediaProblem("is a WAV file in " + f.getEncoding() + " " + bits + "-bit, which is not decoded; use PCM (8, 16, 24 or 32 bit)")
                        .coded("import.media.wavNotPcm", "encoding", String.valueOf(f.getEncoding()), "bits", bits);
            }
            long frames = ais.getFrameLength();
            float rate = f.getFrameRate();
            if (frames <= 0 || rate <= 0) throw new MediaProblem("is a WAV file without samples").coded("import.media.wavNoSamples");
            double duration = frames / (double) rate;
            if (duration > limits.maxDurationSeconds()) {
                throw new MediaProblem(String.format(Locale.ROOT, "lasts %.1f s; audio may last at most %.0f s", duration,
                        limits.maxDurationSeconds())).coded("import.media.tooLong", "seconds", Math.round(duration * 10) / 10.0,
                        "max", limits.maxDurationSeconds());
            }
            byte[] peaks = peaks(ais, f, frames, duration);
            return new Probed(Media.Kind.AUDIO, "audio/wav", null, null, duration, peaks, "application/json");
        } catch (UnsupportedAudioFileException e) {
            throw new MediaProblem("is a damaged WAV file: " + e.getMessage(), e).coded("import.media.wavDamaged", "detail", String.valueOf(e.getMessage()));
        }
    }

    /**
     * Waveform peaks for the labeling screen: the loudest sample (0..1, all channels) of each of about 50 slices a
     * second (at most 20,000), as {@code {"duration", "sampleRate", "channels", "length", "peaks": [[…]]}} — the shape
     * wavesurfer.js takes. Reading every frame also proves the file is whole.
     */
    private static byte[] peaks(AudioInputStream ais, AudioFormat f, long frames, double duration) throws IOException, MediaProblem {
        int channels = f.getChannels();
        int bytesPerSample = f.getSampleSizeInBits() / 8;
        int frameSize = f.getFrameSize();
        boolean signed = f.getEncoding() == AudioFormat.Encoding.PCM_SIGNED;
        boolean big = f.isBigEndian();
        int points = (int) Math.max(1, Math.min(20_000, Math.ceil(duration * 50)));
        long perPoint = Math.max(1, (frames + points - 1) / points);
        points = (int) ((frames + perPoint - 1) / perPoint);
        float[] peak = new float[points];
        double full = Math.pow(2, f.getSampleSizeInBits() - 1);
        byte[] buf = new byte[frameSize * 4096];
        long frame = 0;
        int carry = 0;
        while (frame < frames) {
            int n = ais.read(buf, carry, buf.length - carry);
            if (n < 0) break;
            int have = carry + n;
            int whole = have / frameSize;
            for (int i = 0; i < whole && frame < frames; i++, frame++) {
                int base = i * frameSize;
                float loudest = 0;
                for (int c = 0; c < channels; c++) {
                    long v = 0;
                    int at = base + c * bytesPerSample;
                    for (int b = 0; b < bytesPerSample; b++) {
                        int byteV = buf[at + (big ? b : bytesPerSample - 1 - b)] & 0xff;
                        v = (v << 8) | byteV;
                    }
                    double sample;
                    if (signed) {
                        long signBit = 1L << (bytesPerSample * 8 - 1);
                        sample = ((v ^ signBit) - signBit) / full;
                    } else {
                        sample = (v - full) / full;
                    }
                    loudest = Math.max(loudest, (float) Math.abs(sample));
                }
                int p = (int) (frame / perPoint);
                if (loudest > peak[p]) peak[p] = Math.min(1f, loudest);
            }
            carry = have - whole * frameSize;
            System.arraycopy(buf, whole * frameSize, buf, 0, carry);
        }
        if (frame < frames) {
            throw new MediaProblem("is a truncated WAV file: its header promises " + frames + " frames, the file holds " + frame)
                    .coded("import.media.wavTruncated", "frames", frames, "held", frame);
        }
        return peaksJson(duration, (int) f.getFrameRate(), channels, peak);
    }

    /** Peaks as the JSON the labeling screen reads (see {@link #peaks}). */
    static byte[] peaksJson(double duration, int sampleRate, int channels, float[] peak) {
        int points = peak.length;
        StringBuilder json = new StringBuilder(points * 6 + 100);
        json.append("{\"duration\":").append(duration).append(",\"sampleRate\":").append(sampleRate)
                .append(",\"channels\":").append(channels).append(",\"length\":").append(points).append(",\"peaks\":[[");
        for (int i = 0; i < points; i++) {
            if (i > 0) json.append(',');
            json.append(Math.round(peak[i] * 1000) / 1000.0);
        }
        json.append("]]}");
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A decoder's complaint in words for the person who sent the file: never a class name (a cut file says so). */
    static String why(Throwable e) {
        if (e instanceof java.io.EOFException) return "the file ends before its data does";
        String m = e.getMessage();
        if (m == null || m.isBlank() || m.contains("Exception") || m.contains("java.") || m.contains("javax.")) {
            return "its data cannot be decoded";
        }
        return m;
    }

    static String mb(long bytes) {
        return bytes >= 1 << 20 ? String.format(Locale.ROOT, "%.1f MB", bytes / 1048576.0) : bytes + " bytes";
    }

}
