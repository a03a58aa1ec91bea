import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LabelSchema } from '../../../api/types';
import { ToolHarness } from '../testing';
import { arcPath } from './RelationArrows';

const schema: LabelSchema = {
  fields: [
    { name: 'entities', type: 'spans', labels: ['PER', 'ORG', 'LOC'] },
    { name: 'links', type: 'relations', labels: [{ value: '소속', color: '#0891b2' }, '위치'], between: 'entities' },
  ],
};
const data = { text: '김철수는 삼성전자에 다닌다. 본사는 서울에 있다.' };
const spans = [
  { id: 's1', start: 0, end: 3, label: 'PER' },
  { id: 's2', start: 5, end: 9, label: 'ORG' },
  { id: 's3', start: 20, end: 22, label: 'LOC' },
];
const links = [
  { from: 's1', to: 's2', label: '소속' },
  { from: 's2', to: 's3', label: '위치' },
  { from: 's1', to: 's9', label: '소속' },
];

/** jsdom has no layout: each highlight piece gets a box 10px per character on one 16px high line at y=40. */
function fakeLayout() {
  return vi.spyOn(Element.prototype, 'getBoundingClientRect').mockImplementation(function (this: Element) {
    const start = this.getAttribute('data-cp-start');
    if (this.hasAttribute('data-span-ids') && start !== null) {
      const left = Number(start) * 10;
      const width = [...(this.textContent ?? '')].length * 10;
      return { x: left, y: 40, left, top: 40, right: left + width, bottom: 56, width, height: 16, toJSON: () => ({}) } as DOMRect;
    }
    return { x: 0, y: 0, left: 0, top: 0, right: 600, bottom: 200, width: 600, height: 200, toJSON: () => ({}) } as DOMRect;
  });
}

afterEach(() => vi.restoreAllMocks());

describe('relation arrows', () => {
  it('draws an arrow with its label for each relation whose spans are drawn, and none for a missing span', () => {
    fakeLayout();
    render(<ToolHarness schema={schema} data={data} initial={{ entities: spans, links }} />);
    const svg = screen.getByTestId('relation-arrows-entities');
    expect(svg).toHaveAttribute('aria-hidden', 'true');
    // inside the text box, after the text, so it scrolls with it
    expect(screen.getByTestId('spans-text-entities')).toContainElement(svg as unknown as HTMLElement);

    const first = screen.getByTestId('relation-arrow-links-0');
    const path0 = first.querySelector('path')!;
    // from the top middle of 김철수 (x 0–30) to the top middle of 삼성전자 (x 50–90)
    expect(path0.getAttribute('d')).toBe(arcPath({ x: 15, y: 40 }, { x: 70, y: 40 }).d);
    expect(path0.getAttribute('d')).toMatch(/^M 15 39 Q 42.5 \S+ 70 39$/);
    expect(path0.getAttribute('stroke')).toBe('#0891b2');
    expect(path0.getAttribute('marker-end')).toMatch(/^url\(#.+\)$/);
    const marker = svg.querySelector(`marker[id="${path0.getAttribute('marker-end')!.slice(5, -1)}"]`);
    expect(marker).not.toBeNull();
    const label0 = screen.getByTestId('relation-arrow-links-0-label');
    expect(label0).toHaveTextContent('소속');
    // the label sits at the curve's middle, above the line
    const mid = arcPath({ x: 15, y: 40 }, { x: 70, y: 40 }).mid;
    expect(Number(label0.getAttribute('x'))).toBe(mid.x);
    expect(Number(label0.getAttribute('y'))).toBeLessThan(40);

    expect(screen.getByTestId('relation-arrow-links-1-label')).toHaveTextContent('위치');
    expect(screen.getByTestId('relation-arrow-links-1').querySelector('path')!.getAttribute('stroke')).toBe('#dc2626'); // the palette's second colour
    // s9 is gone: listed as broken, but no arrow
    expect(screen.queryByTestId('relation-arrow-links-2')).toBeNull();
    expect(svg.querySelectorAll('path[d^="M"][marker-end]')).toHaveLength(2);
    expect(screen.getByTestId('relation-2')).toHaveClass('relation-broken');
  });

  it('stresses the arrow of the relation hovered or picked in the list', () => {
    fakeLayout();
    render(<ToolHarness schema={schema} data={data} initial={{ entities: spans, links }} />);
    const item = screen.getByTestId('relation-1');
    fireEvent.mouseEnter(item);
    expect(screen.getByTestId('relation-arrow-links-1')).toHaveClass('relation-arrow-on');
    expect(screen.getByTestId('relation-arrow-links-0')).toHaveClass('relation-arrow-dim');
    fireEvent.mouseLeave(item);
    expect(screen.getByTestId('relation-arrow-links-1')).not.toHaveClass('relation-arrow-on');
    expect(screen.getByTestId('relation-arrow-links-0')).not.toHaveClass('relation-arrow-dim');
    // a click keeps it stressed; deleting another relation keeps it on the same relation
    fireEvent.click(item);
    expect(item).toHaveClass('picked');
    expect(screen.getByTestId('relation-arrow-links-1')).toHaveClass('relation-arrow-on');
    fireEvent.click(within(screen.getByTestId('relation-0')).getByRole('button', { name: 'Delete relation' }));
    expect(screen.getByTestId('relation-0')).toHaveClass('picked');
    expect(screen.getByTestId('relation-arrow-links-0')).toHaveClass('relation-arrow-on');
    expect(screen.getByTestId('relation-arrow-links-0-label')).toHaveTextContent('위치');
    fireEvent.click(screen.getByTestId('relation-0'));
    expect(screen.getByTestId('relation-arrow-links-0')).not.toHaveClass('relation-arrow-on');
  });

  it('follows new relations and draws nothing without layout (zero boxes)', () => {
    const { unmount } = render(<ToolHarness schema={schema} data={data} initial={{ entities: spans, links }} />);
    // jsdom's own zero rects: no anchors, so no arrows and no layer, but the list is there
    expect(screen.queryByTestId('relation-arrows-entities')).toBeNull();
    expect(screen.getByTestId('relation-0')).toHaveTextContent('PER “김철수” —소속→ ORG “삼성전자”');
    unmount();

    fakeLayout();
    render(<ToolHarness schema={schema} data={data} initial={{ entities: spans }} readOnly />);
    expect(screen.queryByTestId('relation-arrows-entities')).toBeNull();
  });

  it('draws in read-only mode (review) and updates when a relation is added', async () => {
    fakeLayout();
    render(<ToolHarness schema={schema} data={data} initial={{ entities: spans }} />);
    expect(screen.queryByTestId('relation-arrows-entities')).toBeNull();
    fireEvent.change(screen.getByLabelText('From span'), { target: { value: JSON.stringify('s3') } });
    fireEvent.change(screen.getByLabelText('To span'), { target: { value: JSON.stringify('s1') } });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: /위치/ }));
    });
    const path = screen.getByTestId('relation-arrow-links-0').querySelector('path')!;
    // right to left: from 서울 (x 200–220) back to 김철수
    expect(path.getAttribute('d')).toBe(arcPath({ x: 210, y: 40 }, { x: 15, y: 40 }).d);
    expect(screen.getByTestId('relation-arrow-links-0-label')).toHaveTextContent('위치');
  });
});

describe('arcPath', () => {
  it('arches above both ends, higher for a wider gap and for each further lane', () => {
    const a = { x: 0, y: 50 };
    const b = { x: 100, y: 50 };
    const near = arcPath(a, { x: 20, y: 50 });
    const far = arcPath(a, b);
    const lane1 = arcPath(b, a, 1);
    expect(far.mid.y).toBeLessThan(50);
    expect(far.mid.x).toBe(50);
    expect(far.mid.y).toBeLessThan(near.mid.y);
    expect(lane1.mid.y).toBeLessThan(far.mid.y);
    expect(lane1.d.startsWith('M 100 49')).toBe(true);
    // on the first line, a long arch is flattened so its label stays inside the text box
    const top = arcPath({ x: 0, y: 20 }, { x: 300, y: 20 });
    expect(top.mid.y).toBe(14);
  });
});
