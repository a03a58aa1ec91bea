import { screen } from '@testing-library/react';
import type { AnnotationResult, LabelSchema, TaskData } from '../../api/types';
import { AnnotatorStringsProvider } from '../i18n';
import { Annotator } from '../Annotator';
import { useShortcut } from '../core/shortcuts';
import { useAnnotationStore } from '../core/store';

/**
 * The annotator as a page uses it, for tool tests: the value is printed as JSON, and the labeling page's submit
 * shortcuts (Enter outside text boxes, Ctrl+Enter anywhere) count their calls.
 */
export function ToolHarness({ schema, data, initial, readOnly = false, onSubmit }: { schema: LabelSchema; data: TaskData; initial?: AnnotationResult; readOnly?: boolean; onSubmit?: () => void }) {
  const store = useAnnotationStore(initial);
  useShortcut(['enter'], () => onSubmit?.());
  useShortcut(['ctrl+enter'], () => onSubmit?.(), { allowInTextEntry: true });
  return (
    <AnnotatorStringsProvider lang="en">
      <Annotator schema={schema} data={data} store={store} readOnly={readOnly} />
      <output data-testid="value">{JSON.stringify(store.value)}</output>
    </AnnotatorStringsProvider>
  );
}

export const currentValue = (): AnnotationResult => JSON.parse(screen.getByTestId('value').textContent || '{}');
