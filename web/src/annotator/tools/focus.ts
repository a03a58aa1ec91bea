/**
 * A list item's delete button is about to go: focus moves to the next item's delete button, else the one before, else
 * `fallback` inside the same field (or the field itself), so a keyboard or screen reader user is not dropped on the
 * page body (WCAG 2.4.3).
 */
export function focusAfterRemove(button: HTMLElement, fallback?: string) {
  const li = button.closest('li');
  const sibling = li?.nextElementSibling ?? li?.previousElementSibling;
  const field = button.closest<HTMLElement>('.field');
  const target = sibling?.querySelector<HTMLElement>('.icon-button') ?? (fallback ? field?.querySelector<HTMLElement>(fallback) : null) ?? field;
  target?.focus();
}
