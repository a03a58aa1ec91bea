import { useEffect, useRef } from 'react';
import WaveSurfer from 'wavesurfer.js';
import RegionsPlugin, { type Region } from 'wavesurfer.js/dist/plugins/regions.esm.js';
import type { Segment } from './model';

/** What the tool asks of the player (kept in a ref the tool owns). */
export interface PlayerControl {
  playPause: () => void;
  seek: (t: number) => void;
  playRange: (start: number, end: number) => void;
  time: () => number;
}

export interface WaveformProps {
  url: string;
  peaks: number[][] | null;
  duration: number | null;
  segments: Segment[];
  selected: number | null;
  colors: Record<string, string>;
  readOnly: boolean;
  rate: number;
  control: React.RefObject<PlayerControl | null>;
  onCreate: (start: number, end: number) => void;
  onRetime: (i: number, start: number, end: number) => void;
  onSelect: (i: number) => void;
  onTime: (t: number) => void;
  onPlaying: (playing: boolean) => void;
  onReady: (duration: number) => void;
  onError: () => void;
}

const ID = 'seg-';

function tint(color: string, selected: boolean): string {
  const m = /^#([0-9a-f]{6})$/i.exec(color);
  if (!m) return selected ? 'rgba(37, 99, 235, .35)' : 'rgba(37, 99, 235, .18)';
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(m[1].slice(i, i + 2), 16));
  return `rgba(${r}, ${g}, ${b}, ${selected ? 0.38 : 0.18})`;
}

/**
 * The waveform (wavesurfer.js 8) with one region per segment. With the server's precomputed peaks and duration it
 * draws at once and streams the audio through a media element (HTTP range requests), without decoding the file.
 * The segments are the tool's: regions are redrawn from them after every change, and a region dragged, resized or
 * drawn reports back through the callbacks (a drag-drawn region is removed at once and comes back as a segment).
 */
export default function Waveform(props: WaveformProps) {
  const { url, peaks, duration, segments, selected, colors, readOnly, rate, control } = props;
  const box = useRef<HTMLDivElement>(null);
  const ws = useRef<WaveSurfer | null>(null);
  const regions = useRef<ReturnType<typeof RegionsPlugin.create> | null>(null);
  const cb = useRef(props);
  cb.current = props;

  useEffect(() => {
    if (!box.current) return;
    const plugin = RegionsPlugin.create();
    const w = WaveSurfer.create({
      container: box.current,
      height: 110,
      url,
      peaks: peaks ?? undefined,
      duration: duration ?? undefined,
      normalize: true,
      waveColor: '#94a3b8',
      progressColor: '#2563eb',
      cursorColor: '#dc2626',
      cursorWidth: 2,
      minPxPerSec: 0,
      dragToSeek: false,
      plugins: [plugin],
    });
    ws.current = w;
    regions.current = plugin;
    const offs = [
      w.on('ready', (d) => cb.current.onReady(d)),
      w.on('timeupdate', (t) => cb.current.onTime(t)),
      w.on('play', () => cb.current.onPlaying(true)),
      w.on('pause', () => cb.current.onPlaying(false)),
      w.on('error', () => cb.current.onError()),
      plugin.on('region-created', (r: Region) => {
        if (r.id.startsWith(ID)) return;
        const { start, end } = r;
        r.remove();
        cb.current.onCreate(start, end);
      }),
      plugin.on('region-updated', (r: Region) => {
        if (r.id.startsWith(ID)) cb.current.onRetime(Number(r.id.slice(ID.length)), r.start, r.end);
      }),
      plugin.on('region-clicked', (r: Region, e: MouseEvent) => {
        if (!r.id.startsWith(ID)) return;
        e.stopPropagation();
        cb.current.onSelect(Number(r.id.slice(ID.length)));
      }),
    ];
    control.current = {
      playPause: () => void w.playPause(),
      seek: (t) => w.setTime(Math.max(0, t)),
      playRange: (start, end) => {
        w.setTime(start);
        void w.play(start, end);
      },
      time: () => w.getCurrentTime(),
    };
    return () => {
      offs.forEach((off) => off());
      control.current = null;
      w.destroy();
      ws.current = null;
      regions.current = null;
    };
  }, [url, peaks, duration, control]);

  useEffect(() => {
    ws.current?.setPlaybackRate(rate, true);
  }, [rate]);

  useEffect(() => {
    const plugin = regions.current;
    if (!plugin) return;
    const disable = readOnly ? null : plugin.enableDragSelection({ color: 'rgba(220, 38, 38, .2)' });
    return () => disable?.();
  }, [readOnly, url, peaks, duration]);

  useEffect(() => {
    const plugin = regions.current;
    if (!plugin) return;
    plugin.clearRegions();
    segments.forEach((s, i) =>
      plugin.addRegion({
        id: `${ID}${i}`,
        start: s.start,
        end: s.end,
        color: tint(colors[s.label] ?? '#2563eb', i === selected),
        content: s.label,
        drag: !readOnly,
        resize: !readOnly,
      }),
    );
  }, [segments, selected, colors, readOnly, url, peaks, duration]);

  return <div ref={box} className="waveform" />;
}
