import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import type { LabelSchema } from '../../api/types';
import { I18nProvider, type Lang } from '../../app/i18n';
import { json, mockFetch, problem } from '../../test/fetchMock';
import { changeType, fieldFromForm, fieldToForm, groupSchemaErrors, leftoverErrors, splitSentences } from './model';
import { previewData, SchemaEditor } from './SchemaEditor';

/** The editor inside a parent that keeps the schema, as the new-project and edit-schema pages do. */
function Host({ initial, errors, onSchema }: { initial: LabelSchema; errors?: Record<string, string[]>; onSchema: (s: LabelSchema) => void }) {
  const [schema, setSchema] = useState(initial);
  return (
    <SchemaEditor
      value={schema}
      errors={errors}
      onChange={(s) => {
        setSchema(s);
        onSchema(s);
      }}
    />
  );
}

function setup(initial: LabelSchema, { lang = 'en' as Lang, errors, validate }: { lang?: Lang; errors?: Record<string, string[]>; validate?: () => Response } = {}) {
  const m = mockFetch({ 'POST /api/v1/projects/schema/validate': () => (validate ? validate() : json({ valid: true })) });
  let latest = initial;
  render(
    <I18nProvider lang={lang}>
      <Host initial={initial} errors={errors} onSchema={(s) => (latest = s)} />
    </I18nProvider>,
  );
  return { m, schema: () => latest };
}

const field = (i: number) => screen.getByTestId(`schema-field-${i}`);
const preview = () => screen.getByTestId('schema-preview');

describe('SchemaEditor: text field forms', () => {
  it('turns a field into spans and adds labels with a hotkey and a colour; the preview draws them', async () => {
    const { schema } = setup({ fields: [{ name: 'label', type: 'choice', options: [], multiple: false, required: true }] });
    fireEvent.change(screen.getByLabelText('Field name'), { target: { value: 'entities' } });
    fireEvent.change(screen.getByTestId('schema-field-type-0'), { target: { value: 'spans' } });
    for (const [k, v] of ['PER', 'ORG', 'LOC'].entries()) {
      fireEvent.click(screen.getByRole('button', { name: '+ Add label' }));
      fireEvent.change(screen.getByLabelText(`Label ${k + 1} value`), { target: { value: v } });
    }
    fireEvent.change(screen.getByLabelText('Label 1 hotkey'), { target: { value: 'P' } });
    fireEvent.change(screen.getByLabelText('Label 3 colour'), { target: { value: '#00aa00' } });
    fireEvent.click(screen.getByRole('checkbox', { name: 'Spans may overlap' }));
    fireEvent.change(screen.getByLabelText('At most (spans)'), { target: { value: '5' } });

    expect(schema().fields).toEqual([
      { name: 'entities', type: 'spans', labels: [{ value: 'PER', hotkey: 'p' }, 'ORG', { value: 'LOC', color: '#00aa00' }], allowOverlap: true, max: 5, required: true },
    ]);
    // Default hotkeys skip the one PER holds: ORG gets 1, LOC 2 (shown as placeholders).
    expect(screen.getByLabelText('Label 2 hotkey')).toHaveAttribute('placeholder', '1');
    // The preview is the real spans tool over the sample text, with the label bar.
    const bar = within(preview()).getByRole('toolbar', { name: 'Labels' });
    expect(within(bar).getAllByRole('button').map((b) => b.textContent?.trim())).toEqual(['p PER', '1 ORG', '2 LOC']);
    expect(within(preview()).getByRole('textbox', { name: 'Text to mark spans in' })).toHaveTextContent('Alice works at Acme.');
    // The JSON follows the form.
    expect(JSON.parse((screen.getByTestId('schema-json') as HTMLTextAreaElement).value)).toEqual(schema());
    // Many role queries over the whole editor: ~5 s on a loaded 2-core machine, past vitest's default limit.
  }, 15_000);

  it('offers only the field types the server accepts, by name with a hint; a loaded unknown type stays as it is', () => {
    setup({ fields: [{ name: 'label', type: 'choice', options: ['a'] }, { name: 'objects', type: 'cuboids', labels: ['car'] }] });
    const offered = (i: number) => [...(screen.getByTestId(`schema-field-type-${i}`) as HTMLSelectElement).options].map((o) => o.value);
    const all = ['choice', 'spans', 'relations', 'extractive', 'abstractive', 'text', 'boxes', 'polygons', 'keypoints', 'segments'];
    expect(offered(0)).toEqual(all);
    expect(within(field(0)).getByRole('option', { name: 'Entity spans (spans)' })).toBeInTheDocument();
    expect(field(0)).toHaveTextContent('one of the options');
    // A schema written by hand (or by an older editor) keeps its type; the form offers it only for that field.
    expect(offered(1)).toEqual(['cuboids', ...all]);
  });

  it("lists only spans fields in a relations field's `between` select, and picks the first one on a type change", () => {
    const { schema } = setup({
      fields: [
        { name: 'topic', type: 'choice', options: ['a'], required: true },
        { name: 'entities', type: 'spans', labels: ['PER', 'ORG'] },
        { name: 'summary', type: 'abstractive', maxChars: 100 },
        { name: 'places', type: 'spans', labels: ['LOC'] },
        { name: 'links', type: 'choice', options: ['소속'], required: true },
      ],
    });
    fireEvent.change(screen.getByTestId('schema-field-type-4'), { target: { value: 'relations' } });
    const select = within(field(4)).getByRole('combobox', { name: 'Spans field it links' });
    expect(within(select).getAllByRole('option').map((o) => (o as HTMLOptionElement).value)).toEqual(['', 'entities', 'places']);
    // The choice's options carried over as relation labels; between starts at the first spans field.
    expect(schema().fields[4]).toEqual({ name: 'links', type: 'relations', labels: ['소속'], between: 'entities', required: true });
    fireEvent.change(select, { target: { value: 'places' } });
    expect(schema().fields[4].between).toBe('places');
    // Renaming the linked spans field carries `between` along.
    fireEvent.change(within(field(3)).getByLabelText('Field name'), { target: { value: 'locations' } });
    expect(schema().fields[4].between).toBe('locations');
    expect(within(select).getAllByRole('option').map((o) => (o as HTMLOptionElement).value)).toEqual(['', 'entities', 'locations']);
    // The preview draws the relations tool asking for spans of the chosen field.
    expect(within(preview()).getByTestId('field-links')).toHaveTextContent('Mark at least two spans in "locations" first.');
  });

  it('previews an extractive field with sentences split from the sample, both editable', () => {
    setup({ fields: [{ name: 'key', type: 'extractive', min: 1, max: 2 }] }, { lang: 'ko' });
    expect(screen.getByLabelText('최소 문장 수')).toHaveValue(1);
    expect(screen.getByLabelText('최대 문장 수')).toHaveValue(2);
    const sentences = () => within(preview()).getAllByRole('checkbox').map((c) => c.closest('label')?.querySelector('.extractive-text')?.textContent);
    expect(sentences()).toEqual(['김철수는 삼성전자에 다닌다.', '그는 서울에 산다 👍🏽', '주말에는 북한산에서 등산을 한다.']);
    // A summarization-only schema gets a document of sentences, no loose text.
    expect(within(preview()).queryByTestId('task-text')).toBeNull();

    fireEvent.change(screen.getByTestId('schema-sample'), { target: { value: '첫 문장이다. 둘째 문장이다!\n셋째' } });
    expect(sentences()).toEqual(['첫 문장이다.', '둘째 문장이다!', '셋째']);
    fireEvent.change(screen.getByLabelText('예시 문장 목록 (data.sentences)'), { target: { value: '하나\n\n둘' } });
    expect(sentences()).toEqual(['하나', '둘']);
    fireEvent.click(within(preview()).getAllByRole('checkbox')[1]);
    expect(within(preview()).getByTestId('counter-key')).toHaveTextContent('1문장 선택');
  });

  it('edits minChars and maxChars of an abstractive field, and blank removes the key', () => {
    const { schema } = setup({ fields: [{ name: 'summary', type: 'text' }] });
    fireEvent.change(screen.getByTestId('schema-field-type-0'), { target: { value: 'abstractive' } });
    fireEvent.change(screen.getByLabelText('Minimum characters'), { target: { value: '5' } });
    fireEvent.change(screen.getByLabelText('Maximum characters'), { target: { value: '100' } });
    expect(schema().fields[0]).toEqual({ name: 'summary', type: 'abstractive', minChars: 5, maxChars: 100, required: false });
    fireEvent.change(screen.getByLabelText('Minimum characters'), { target: { value: '' } });
    expect(schema().fields[0]).not.toHaveProperty('minChars');
    expect(within(preview()).getByTestId('counter-summary')).toHaveTextContent('0 characters · at most 100');
  });

  it("shows the server's validation errors next to the field they name", async () => {
    setup(
      {
        fields: [
          { name: 'entities', type: 'spans', labels: ['PER', { value: 'ORG', hotkey: 'x' }] },
          { name: 'links', type: 'relations', labels: ['소속'], between: 'ents' },
        ],
      },
      {
        // from a 422 on save (the page strips "schema.")
        errors: { 'fields[0].labels[1].hotkey': ["'x' is used twice"], 'fields[0].source': ['must name a key of the task data'] },
        validate: () =>
          problem(422, {
            title: 'Invalid schema',
            errors: [
              { field: 'schema.fields[1].between', message: "there is no field named 'ents'" },
              { field: 'schema.fields[1].min', message: 'must be 0..1000' },
            ],
          }),
      },
    );
    await waitFor(() => expect(screen.getByTestId('schema-error-1-between')).toHaveTextContent("there is no field named 'ents'"), { timeout: 3000 });
    expect(within(field(1)).getByTestId('schema-error-1-min')).toHaveTextContent('must be 0..1000');
    expect(within(field(1)).getByRole('combobox', { name: 'Spans field it links' })).toHaveAttribute('aria-invalid', 'true');
    // An unknown `between` stays visible in the select, flagged.
    expect(within(field(1)).getByRole('option', { name: 'ents (not a spans field)' })).toBeInTheDocument();
    // A label's own error sits in its row; a key without an input is listed under the field.
    expect(within(field(0)).getByTestId('schema-error-0-labels-1')).toHaveTextContent("hotkey: 'x' is used twice");
    expect(within(field(0)).getByLabelText('Label 2 value')).toHaveAttribute('aria-invalid', 'true');
    expect(within(field(0)).getByTestId('schema-errors-0')).toHaveTextContent('source: must name a key of the task data');
    expect(screen.getByTestId('schema-json-status')).toHaveTextContent('The schema has errors');
  });

  it('keys the form does not draw survive form edits', async () => {
    const { schema } = setup({ fields: [{ name: 'entities', type: 'spans', labels: ['PER'], source: 'body', label: '개체' }] });
    fireEvent.change(screen.getByLabelText('Label 1 value'), { target: { value: 'PERSON' } });
    expect(schema().fields[0]).toEqual({ name: 'entities', type: 'spans', labels: ['PERSON'], source: 'body', label: '개체', required: false });
    await act(async () => {});
  });
});

describe('schema model', () => {
  it('changeType carries choice options to labels and back, and drops keys of the old type', () => {
    const choice = fieldToForm({ name: 'x', type: 'choice', options: ['a', { value: 'b', hotkey: '9' }], multiple: true, min: 1, required: true });
    const spans = changeType(choice, 'spans');
    expect(fieldFromForm(spans)).toEqual({ name: 'x', type: 'spans', labels: ['a', 'b'], allowOverlap: false, required: true });
    expect(fieldFromForm(changeType(spans, 'choice'))).toEqual({ name: 'x', type: 'choice', options: ['a', 'b'], multiple: false, required: true });
    expect(fieldFromForm(changeType(spans, 'relations', ['ents']))).toEqual({ name: 'x', type: 'relations', labels: ['a', 'b'], between: 'ents', required: true });
    expect(fieldFromForm(changeType(spans, 'extractive'))).toEqual({ name: 'x', type: 'extractive', required: true });
  });

  it('round-trips fields of every type without losing keys', () => {
    for (const f of [
      { name: 'objects', type: 'boxes', labels: ['car'], attributes: [{ name: 'occluded', type: 'boolean' }], required: true },
      { name: 'e', type: 'spans', labels: [{ value: 'PER', hotkey: 'p', color: '#112233', label: '사람' }], allowOverlap: false, min: 1, required: true },
      { name: 't', type: 'choice', options: ['a'], multiple: false, required: true },
    ]) {
      expect(fieldFromForm(fieldToForm(f))).toEqual(f);
    }
  });

  it('groups errors by field, key and list item; leftovers are the keys without an input', () => {
    const g = groupSchemaErrors({
      'fields[2].labels[0].color': ['must be a hex color'],
      'schema.fields[2].between': ['no such field'],
      'fields[2]': ['unknown type'],
      fields: ['must be a non-empty array'],
    });
    expect(g.top).toEqual(['must be a non-empty array']);
    expect(g.byField[2].items.labels[0]).toEqual(['color: must be a hex color']);
    expect(g.byField[2].attrs.between).toEqual(['no such field']);
    expect(leftoverErrors(g.byField[2], 'relations')).toEqual(['unknown type']);
    expect(leftoverErrors(g.byField[2], 'extractive')).toEqual(['unknown type', 'between: no such field', 'labels[0]: color: must be a hex color']);
  });

  it('splits a sample into sentences at line breaks and sentence punctuation', () => {
    expect(splitSentences('김철수는 삼성전자에 다닌다. 그는 서울에 산다!\n\n주말에는 등산을 한다')).toEqual(['김철수는 삼성전자에 다닌다.', '그는 서울에 산다!', '주말에는 등산을 한다']);
    expect(splitSentences('3.5% 올랐다. 끝')).toEqual(['3.5% 올랐다.', '끝']);
  });

  it('previewData gives text for spans, sentences for extractive, and the source key a spans field reads', () => {
    expect(previewData({ fields: [{ name: 'e', type: 'spans', labels: ['A'], source: 'body' }] }, 'abc', ['abc'])).toEqual({ text: 'abc', body: 'abc' });
    expect(previewData({ fields: [{ name: 'e', type: 'spans', labels: ['A'] }, { name: 'k', type: 'extractive' }] }, 'a. b.', ['a.', 'b.'])).toEqual({ text: 'a. b.', sentences: ['a.', 'b.'] });
    expect(previewData({ fields: [{ name: 'k', type: 'extractive' }, { name: 's', type: 'abstractive' }] }, 'a. b.', ['a.', 'b.'])).toEqual({ sentences: ['a.', 'b.'] });
  });
});
