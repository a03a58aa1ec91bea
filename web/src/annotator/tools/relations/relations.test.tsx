import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { LabelSchema } from '../../../api/types';
import { currentValue, ToolHarness } from '../testing';
import { addRelation } from './RelationsTool';

const schema: LabelSchema = {
  fields: [
    { name: 'entities', type: 'spans', labels: ['PER', 'ORG'] },
    { name: 'links', type: 'relations', labels: ['소속', '동료'], between: 'entities' },
  ],
};
const data = { text: '김철수는 삼성전자에 다닌다' };
const spans = [
  { id: 's1', start: 0, end: 3, label: 'PER' },
  { id: 's2', start: 5, end: 9, label: 'ORG' },
];

describe('relations tool', () => {
  it('refuses self links and duplicates', () => {
    const r = { from: 's1', to: 's2', label: '소속' };
    expect(addRelation([], { ...r, to: 's1' })).toBe('same');
    expect(addRelation([r], r)).toBe('duplicate');
    expect(addRelation([r], { ...r, label: '동료' })).toHaveLength(2);
  });

  it('links two spans of the spans field with a label and lists the relation', async () => {
    const user = userEvent.setup();
    render(<ToolHarness schema={schema} data={data} initial={{ entities: spans }} />);
    await user.selectOptions(screen.getByLabelText('From span'), 'PER “김철수”');
    await user.selectOptions(screen.getByLabelText('To span'), 'ORG “삼성전자”');
    await user.click(screen.getByRole('button', { name: /소속/ }));
    expect(currentValue().links).toEqual([{ from: 's1', to: 's2', label: '소속' }]);
    expect(screen.getByTestId('relation-0')).toHaveTextContent('PER “김철수” —소속→ ORG “삼성전자”');
    await user.click(screen.getByRole('button', { name: /소속/ }));
    expect(screen.getByRole('alert')).toHaveTextContent('That relation is already there.');
    // the label bar answers its hotkeys too
    screen.getByRole('button', { name: /동료/ }).focus();
    await user.keyboard('2');
    expect(currentValue().links).toHaveLength(2);
    await user.click(within(screen.getByTestId('relation-0')).getByRole('button', { name: 'Delete relation' }));
    expect(currentValue().links).toEqual([{ from: 's1', to: 's2', label: '동료' }]);
  });

  it('flags a relation whose span is gone, and asks for spans first', () => {
    const { unmount } = render(
      <ToolHarness schema={schema} data={data} initial={{ entities: [spans[0]], links: [{ from: 's1', to: 's9', label: '소속' }] }} />,
    );
    expect(screen.getByTestId('relation-0')).toHaveClass('relation-broken');
    expect(screen.getByTestId('relation-0')).toHaveTextContent('s9 (span removed)');
    expect(screen.getByText('Mark at least two spans in "entities" first.')).toBeInTheDocument();
    unmount();
  });
});
