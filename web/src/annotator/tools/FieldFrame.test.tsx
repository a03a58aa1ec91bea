import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { LabelSchema } from '../../api/types';
import { Annotator } from '../Annotator';
import { useAnnotationStore } from '../core/store';
import { AnnotatorStringsProvider } from '../i18n';

const schema: LabelSchema = {
  fields: [
    { name: 'topic', type: 'choice', options: ['정치', '경제'], required: true },
    { name: 'summary', type: 'abstractive', label: '요약', maxChars: 100 },
  ],
};

function Harness({ errors, lang = 'en' }: { errors: Record<string, string[]>; lang?: 'ko' | 'en' }) {
  const store = useAnnotationStore();
  return (
    <AnnotatorStringsProvider lang={lang}>
      <Annotator schema={schema} data={{ text: '본문' }} store={store} errors={errors} />
    </AnnotatorStringsProvider>
  );
}

describe('FieldFrame and the error summary', () => {
  it('a group field is invalid and names its error text', () => {
    render(<Harness errors={{ topic: ['is required'] }} />);
    const group = screen.getByRole('group', { name: /topic/ });
    expect(group).toHaveAttribute('aria-invalid', 'true');
    const errorId = group.getAttribute('aria-errormessage')!;
    expect(group.getAttribute('aria-describedby')).toContain(errorId);
    expect(document.getElementById(errorId)).toHaveTextContent('is required');
    expect(group).toHaveAccessibleDescription('is required');
  });

  it('a one-control field puts the error attributes on its control, beside its own description', () => {
    render(<Harness errors={{ summary: ['is too long'] }} />);
    const box = screen.getByRole('textbox', { name: /요약/ });
    expect(box).toHaveAttribute('aria-invalid', 'true');
    expect(document.getElementById(box.getAttribute('aria-errormessage')!)).toHaveTextContent('is too long');
    expect(box).toHaveAccessibleDescription(/characters.*is too long/);
  });

  it('fields without errors are not marked', () => {
    render(<Harness errors={{}} />);
    expect(screen.getByRole('group', { name: /topic/ })).not.toHaveAttribute('aria-invalid');
    expect(screen.getByRole('textbox', { name: /요약/ })).toHaveAttribute('aria-invalid', 'false');
    expect(screen.queryByTestId('error-summary')).toBeNull();
  });

  it('the summary counts the fields in words and links to each; a link takes the focus to the field', async () => {
    const user = userEvent.setup();
    render(<Harness errors={{ topic: ['is required'], summary: ['is too long'], '': ['Check the form'] }} />);
    const summary = screen.getByRole('alert');
    expect(summary).toHaveTextContent('2 fields have errors:');
    expect(summary).toHaveTextContent('Check the form');
    const link = within(summary).getByRole('link', { name: '요약' });
    expect(link.getAttribute('href')).toBe(`#${screen.getByTestId('field-summary').id}`);
    await user.click(link);
    expect(screen.getByRole('textbox', { name: /요약/ })).toHaveFocus();
    await user.click(within(summary).getByRole('link', { name: 'topic' }));
    expect(screen.getByRole('radio', { name: '정치' })).toHaveFocus();
  });

  it('says one field in the singular, and speaks Korean when the host says so', () => {
    const { unmount } = render(<Harness errors={{ topic: ['is required'] }} />);
    expect(screen.getByRole('alert')).toHaveTextContent('1 field has an error:');
    unmount();
    render(<Harness errors={{ topic: ['필수입니다'] }} lang="ko" />);
    expect(screen.getByRole('alert')).toHaveTextContent('1개 필드에 오류가 있습니다:');
    expect(screen.getByRole('group', { name: /topic/ })).toHaveTextContent('하나 선택');
  });
});
