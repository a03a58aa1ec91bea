// The media tools alone in a page (no server): e2e/canvas.test.mjs opens it through Vite's dev server to draw on the
// real canvas and waveform and to time frames with 1,000 objects. `?type=boxes|polygons|keypoints|segments&n=1000`.
import { useEffect } from 'react';
import { createRoot } from 'react-dom/client';
import { Annotator } from '../../src/annotator/Annotator';
import { useAnnotationStore } from '../../src/annotator/core/store';
import { AnnotatorStringsProvider } from '../../src/annotator/i18n';

const params = new URLSearchParams(location.search);
const type = params.get('type') ?? 'boxes';
const n = Number(params.get('n') ?? '0');
const readOnly = params.get('readOnly') === '1';
const W = 1920;
const H = 1080;

function imageUrl(): string {
  const c = document.createElement('canvas');
  c.width = W;
  c.height = H;
  const g = c.getContext('2d')!;
  const grad = g.createLinearGradient(0, 0, W, H);
  grad.addColorStop(0, '#334155');
  grad.addColorStop(1, '#94a3b8');
  g.fillStyle = grad;
  g.fillRect(0, 0, W, H);
  return c.toDataURL('image/png');
}

/** Three seconds of a 220 Hz tone, 8 kHz mono 16-bit WAV. */
function audioUrl(): string {
  const rate = 8000;
  const samples = rate * 3;
  const buf = new DataView(new ArrayBuffer(44 + samples * 2));
  const str = (o: number, s: string) => [...s].forEach((ch, i) => buf.setUint8(o + i, ch.charCodeAt(0)));
  str(0, 'RIFF');
  buf.setUint32(4, 36 + samples * 2, true);
  str(8, 'WAVEfmt ');
  buf.setUint32(16, 16, true);
  buf.setUint16(20, 1, true);
  buf.setUint16(22, 1, true);
  buf.setUint32(24, rate, true);
  buf.setUint32(28, rate * 2, true);
  buf.setUint16(32, 2, true);
  buf.setUint16(34, 16, true);
  str(36, 'data');
  buf.setUint32(40, samples * 2, true);
  for (let i = 0; i < samples; i++) buf.setInt16(44 + i * 2, Math.sin((i / rate) * 2 * Math.PI * 220) * 12000 * (i % rate < rate / 2 ? 1 : 0.2), true);
  const bytes = new Uint8Array(buf.buffer);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return `data:audio/wav;base64,${btoa(bin)}`;
}

/** n boxes in a grid (or polygons, or key points), each 40 × 30 pixels. */
function objects(): unknown[] {
  const out: unknown[] = [];
  const cols = 40;
  for (let i = 0; i < n; i++) {
    const x = 10 + (i % cols) * 47;
    const y = 10 + Math.floor(i / cols) * 42;
    const label = i % 2 ? 'person' : 'car';
    if (type === 'boxes') out.push({ x, y, w: 40, h: 30, label });
    else if (type === 'polygons') out.push({ points: [[x, y], [x + 40, y], [x + 20, y + 30]], label });
    else out.push({ x, y, label });
  }
  return out;
}

const field =
  type === 'segments'
    ? { name: 'speech', type, labels: ['A', 'B'], transcript: true, conventions: 'kspon' }
    : {
        name: 'objects',
        type,
        labels: type === 'keypoints' ? ['head', 'neck', 'hip'] : ['car', 'person'],
        skeleton: [['head', 'neck'], ['neck', 'hip']],
        attributes: [
          { name: 'occluded', type: 'boolean' },
          { name: 'light', type: 'choice', values: ['red', 'green'] },
        ],
      };
const data = type === 'segments' ? { audio: audioUrl(), duration: 3 } : { image: imageUrl(), width: W, height: H };
const initial = n > 0 ? { [field.name]: objects() } : {};

function Page() {
  const store = useAnnotationStore(initial);
  useEffect(() => {
    (window as unknown as { __result: unknown }).__result = store.value;
  }, [store.value]);
  return (
    <AnnotatorStringsProvider lang="ko">
      <main style={{ width: 1000, margin: 8 }}>
        <Annotator schema={{ fields: [field] }} data={data} store={store} readOnly={readOnly} showMetadata={false} />
      </main>
    </AnnotatorStringsProvider>
  );
}

createRoot(document.getElementById('root')!).render(<Page />);
