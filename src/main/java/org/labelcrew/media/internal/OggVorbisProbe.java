package org.labelcrew.media.internal;

import com.jcraft.jogg.Packet;
import com.jcraft.jogg.Page;
import com.jcraft.jogg.StreamState;
import com.jcraft.jogg.SyncState;
import com.jcraft.jorbis.Block;
import com.jcraft.jorbis.Comment;
import com.jcraft.jorbis.DspState;
import com.jcraft.jorbis.Info;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.labelcrew.media.Media;
import org.labelcrew.media.MediaProblem;

/**
 * Ogg Vorbis: duration, sample rate, channels and waveform peaks. Two passes over the file, both streamed, as for MP3:
 * <ol>
 * <li>our own walk over the Ogg page headers, end to end: the first packet names the codec (Opus, FLAC in Ogg, Speex…
 * are refused by name), a page cut short or a file that ends without its end-of-stream page is truncated, bytes that
 * are no page are damage, a second logical stream (chained or multiplexed Ogg) is refused; the last page's granule
 * position is the exact sample count, hence the duration, before anything is decoded;</li>
 * <li>JOrbis ({@code org.jcraft:jorbis}) decodes every packet for the peaks; a page whose CRC does not match, or a
 * packet it cannot decode, is damage. The samples are cut at the last granule position (the format's end trimming).</li>
 * </ol>
 */
final class OggVorbisProbe {

    private OggVorbisProbe() {
    }

    /** What the page walk found. */
    private record Walk(int channels, int rate, long granule) {
    }

    static MediaProbe.Probed probe(Path file, double maxSeconds) throws MediaProblem, IOException {
        Walk walk = walk(file);
        if (walk.granule() <= 0) throw new MediaProblem("is an Ogg Vorbis file without sound (its last page holds no samples)").coded("import.media.oggSilent");
        double duration = walk.granule() / (double) walk.rate();
        if (duration > maxSeconds) {
            throw new MediaProblem(String.format(Locale.ROOT, "lasts %.1f s; audio may last at most %.0f s", duration, maxSeconds)).coded("import.media.tooLong", "seconds", Math.round(duration * 10) / 10.0, "max", maxSeconds);
        }
        PeakSlices peaks = decode(file, walk);
        if (peaks.samples() < walk.granule()) {
            // granule positions that do not start at 0 (a stream cut from a longer one): what is played is what decodes
            duration = peaks.samples() / (double) walk.rate();
        }
        return new MediaProbe.Probed(Media.Kind.AUDIO, "audio/ogg", null, null, duration,
                MediaProbe.peaksJson(duration, walk.rate(), walk.channels(), peaks.result()), "application/json");
    }

    /** The page walk (see the class comment). */
    private static Walk walk(Path file) throws MediaProblem, IOException {
        long size = Files.size(file);
        long pos = 0;
        int serial = 0;
        int channels = 0;
        int rate = 0;
        long granule = -1;
        boolean eos = false;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            byte[] h = new byte[27];
            while (pos < size) {
                int n = in.readNBytes(h, 0, 27);
                if (n < 27) throw new MediaProblem("is a truncated Ogg file: its last page (at byte " + pos + ") is cut inside its header").coded("import.media.oggTruncatedHeader", "byte", pos);
                if (h[0] != 'O' || h[1] != 'g' || h[2] != 'g' || h[3] != 'S' || h[4] != 0) {
                    throw new MediaProblem("is a damaged Ogg file: byte " + pos + " of " + size + " is not the start of a page").coded("import.media.oggNotPage", "byte", pos, "size", size);
                }
                int flags = h[5] & 0xff;
                long pageGranule = le(h, 6, 8);
                int pageSerial = (int) le(h, 14, 4);
                int segments = h[26] & 0xff;
                byte[] lacing = in.readNBytes(segments);
                if (lacing.length < segments) {
                    throw new MediaProblem("is a truncated Ogg file: its last page (at byte " + pos + ") is cut inside its header").coded("import.media.oggTruncatedHeader", "byte", pos);
                }
                int body = 0;
                for (byte l : lacing) body += l & 0xff;
                if (pos + 27 + segments + body > size) {
                    throw new MediaProblem("is a truncated Ogg file: its last page (at byte " + pos + ") needs "
                            + (27 + segments + body) + " bytes, the file holds " + (size - pos)).coded("import.media.oggTruncatedPage", "byte", pos, "needs", 27 + segments + body, "holds", size - pos);
                }
                if (pos == 0) {
                    if ((flags & 2) == 0) throw new MediaProblem("is a damaged Ogg file: its first page does not begin a stream").coded("import.media.oggNoStreamStart");
                    serial = pageSerial;
                    byte[] first = in.readNBytes(body);
                    String codec = codec(first);
                    if (!codec.equals("Vorbis")) {
                        throw new MediaProblem("is " + codec + " in an Ogg file, which is not decoded; convert it to Ogg Vorbis, "
                                + "FLAC, WAV (PCM) or MP3").coded("import.media.oggCodec", "codec", codec);
                    }
                    if (first.length < 16) throw new MediaProblem("is a damaged Ogg Vorbis file: its identification header is cut").coded("import.media.vorbisHeaderCut");
                    channels = first[11] & 0xff;
                    rate = (int) le(first, 12, 4);
                    if (channels == 0 || rate <= 0) {
                        throw new MediaProblem("is a damaged Ogg Vorbis file: its header says " + channels + " channels at " + rate + " Hz").coded("import.media.vorbisBadHeader", "channels", channels, "rate", rate);
                    }
                } else {
                    if (pageSerial != serial || eos) {
                        throw new MediaProblem("is an Ogg file with more than one stream (chained or multiplexed) at byte " + pos
                                + "; only a single Vorbis stream is decoded").coded("import.media.oggChained", "byte", pos);
                    }
                    in.skipNBytes(body);
                }
                if (pageGranule != -1) granule = pageGranule;
                if ((flags & 4) != 0) eos = true;
                pos += 27 + segments + body;
            }
        }
        if (!eos) throw new MediaProblem("is a truncated Ogg file: it ends at byte " + size + " without its end-of-stream page").coded("import.media.oggNoEnd", "size", size);
        return new Walk(channels, rate, granule);
    }

    /** What an Ogg stream's first packet holds, in words: "Vorbis" for the one decoded. */
    static String codec(byte[] p) {
        String s = new String(p, 0, Math.min(p.length, 8), StandardCharsets.ISO_8859_1);
        if (s.startsWith("\u0001vorbis")) return "Vorbis";
        if (s.startsWith("OpusHead")) return "Opus audio";
        if (s.startsWith("\u007fFLAC")) return "FLAC audio";
        if (s.startsWith("Speex")) return "Speex audio";
        if (s.startsWith("\u0080theora")) return "Theora video";
        if (s.startsWith("fishead")) return "an Ogg Skeleton index";
        return "an unknown codec";
    }

    private static long le(byte[] b, int at, int len) {
        long v = 0;
        for (int i = len - 1; i >= 0; i--) v = (v << 8) | (b[at + i] & 0xff);
        return v;
    }

    /** JOrbis's decode of every packet: the loudest sample of each slice (end trimming to the last granule applied). */
    private static PeakSlices decode(Path file, Walk walk) throws MediaProblem, IOException {
        SyncState sync = new SyncState();
        StreamState stream = new StreamState();
        Page page = new Page();
        Packet packet = new Packet();
        Info info = new Info();
        Comment comment = new Comment();
        DspState dsp = new DspState();
        Block block = new Block(dsp);
        PeakSlices peaks = new PeakSlices(walk.rate());
        float[][][] pcm = new float[1][][];
        int[] index = new int[walk.channels()];
        int headers = 0;
        boolean first = true;
        long at = 0;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            sync.init();
            info.init();
            comment.init();
            boolean end = false;
            while (!end) {
                int offset = sync.buffer(1 << 14);
                int n = in.read(sync.data, offset, 1 << 14);
                if (n <= 0) break;
                sync.wrote(n);
                int got;
                while ((got = sync.pageout(page)) != 0) {
                    if (got < 0) throw new MediaProblem("is a damaged Ogg Vorbis file: a page after sample " + at + " fails its CRC check").coded("import.media.vorbisCrc", "sample", at);
                    if (first) {
                        stream.init(page.serialno());
                        first = false;
                    }
                    if (stream.pagein(page) < 0) throw new MediaProblem("is a damaged Ogg Vorbis file: a page after sample " + at + " is out of place").coded("import.media.vorbisPageOutOfPlace", "sample", at);
                    int p;
                    while ((p = stream.packetout(packet)) != 0) {
                        if (p < 0) throw new MediaProblem("is a damaged Ogg Vorbis file: a packet after sample " + at + " is missing").coded("import.media.vorbisPacketMissing", "sample", at);
                        if (headers < 3) {
                            if (info.synthesis_headerin(comment, packet) < 0) {
                                throw new MediaProblem("is a damaged Ogg Vorbis file: its header packet " + (headers + 1) + " cannot be read").coded("import.media.vorbisHeaderPacket", "n", headers + 1);
                            }
                            if (++headers == 3) {
                                dsp.synthesis_init(info);
                                block.init(dsp);
                            }
                            continue;
                        }
                        if (block.synthesis(packet) != 0) {
                            throw new MediaProblem("is a damaged Ogg Vorbis file: the packet after sample " + at + " cannot be decoded").coded("import.media.vorbisPacketNotDecoded", "sample", at);
                        }
                        dsp.synthesis_blockin(block);
                        int samples;
                        while ((samples = dsp.synthesis_pcmout(pcm, index)) > 0) {
                            float[][] ch = pcm[0];
                            for (int i = 0; i < samples && at < walk.granule(); i++, at++) {
                                float loudest = 0;
                                for (int c = 0; c < walk.channels(); c++) loudest = Math.max(loudest, Math.abs(ch[c][index[c] + i]));
                                peaks.add(Math.min(1f, loudest));
                            }
                            dsp.synthesis_read(samples);
                        }
                    }
                    if (page.eos() != 0) end = true;
                }
            }
        } catch (MediaProblem e) {
            throw e;
        } catch (RuntimeException e) {
            // JOrbis reports damage it cannot step over as index errors deep in the decoder
            throw new MediaProblem("is a damaged Ogg Vorbis file: its audio cannot be decoded after sample " + at
                    + " (" + MediaProbe.why(e) + ")", e).coded("import.media.vorbisNotDecoded", "sample", at, "detail", MediaProbe.why(e));
        }
        if (headers < 3) throw new MediaProblem("is a damaged Ogg Vorbis file: its three header packets are not all there").coded("import.media.vorbisHeadersMissing");
        if (at == 0) throw new MediaProblem("is an Ogg Vorbis file without sound (no audio packets)").coded("import.media.vorbisSilent");
        return peaks;
    }
}
