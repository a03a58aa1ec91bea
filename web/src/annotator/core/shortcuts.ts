import { useLayoutEffect, useRef, type RefObject } from 'react';

/**
 * Keyboard shortcuts for the whole page, in one registry with one window listener.
 *
 * Rules every shortcut gets for free:
 * - nothing fires while an IME composition is active (Hangul input: `isComposing`, or keyCode 229 which some
 *   browsers send for the keydown that ends a composition);
 * - nothing fires while the person types in a text box, unless the shortcut asks for it;
 * - the latest registration wins (a dialog opened on top takes the keys first).
 */

export function isImeComposing(e: Pick<KeyboardEvent, 'isComposing' | 'keyCode'>): boolean {
  return e.isComposing === true || e.keyCode === 229;
}

const TEXT_INPUT_TYPES = new Set(['text', 'search', 'email', 'password', 'number', 'url', 'tel', 'date', 'time', 'datetime-local', 'month', 'week']);

/** True when keys typed at `target` are text, not commands. */
export function isTextEntry(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag === 'INPUT') return TEXT_INPUT_TYPES.has((target as HTMLInputElement).type);
  return false;
}

/** True when Enter at `target` already means something (press a button, follow a link, new line). */
export function enterHasOwnMeaning(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.closest('button, a[href], textarea, select, summary, [role="button"], [role="link"]') !== null;
}

/**
 * "ctrl+shift+z", "enter", "1", "a". With a Korean keyboard layout `key` is a jamo (e.g. "ㅁ"); then the
 * physical key (`code`) names the shortcut, so letter hotkeys work whatever the layout.
 */
export function comboOf(e: Pick<KeyboardEvent, 'key' | 'code' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>): string {
  let key = e.key ?? '';
  if (key.length === 1 && !/[\x20-\x7e]/.test(key) && e.code) {
    const m = /^(?:Key([A-Z])|Digit(\d))$/.exec(e.code);
    if (m) key = (m[1] ?? m[2]).toLowerCase();
  }
  key = key === ' ' ? 'space' : key.toLowerCase();
  const mods: string[] = [];
  if (e.ctrlKey || e.metaKey) mods.push('ctrl');
  if (e.altKey) mods.push('alt');
  // Shift is part of the character for printable keys ("A" vs "a" is already lowercased above).
  if (e.shiftKey && key.length > 1) mods.push('shift');
  if (e.shiftKey && key.length === 1 && (e.ctrlKey || e.metaKey)) mods.push('shift');
  return [...mods, key].join('+');
}

export interface ShortcutEntry {
  /** Combos such as "enter", "ctrl+z", or "*" for any key (the handler decides). */
  keys: string[] | '*';
  /** Returns false when it did not use the key, so older registrations get a chance. */
  handler: (combo: string, e: KeyboardEvent) => boolean | void;
  allowInTextEntry?: boolean;
  /** Only when the event target is inside this element. */
  scope?: () => HTMLElement | null;
}

export class ShortcutRegistry {
  private entries: ShortcutEntry[] = [];
  private attachedTo: Window | null = null;
  private readonly listener = (e: KeyboardEvent) => {
    this.dispatch(e);
  };

  register(entry: ShortcutEntry): () => void {
    this.entries.push(entry);
    this.attach();
    return () => {
      this.entries = this.entries.filter((x) => x !== entry);
      if (this.entries.length === 0) this.detach();
    };
  }

  /** Returns true when a shortcut took the key. */
  dispatch(e: KeyboardEvent): boolean {
    if (e.defaultPrevented || isImeComposing(e)) return false;
    const combo = comboOf(e);
    const typing = isTextEntry(e.target);
    for (let i = this.entries.length - 1; i >= 0; i--) {
      const entry = this.entries[i];
      if (typing && !entry.allowInTextEntry) continue;
      if (entry.keys !== '*' && !entry.keys.includes(combo)) continue;
      if (entry.scope) {
        const root = entry.scope();
        if (!root || !(e.target instanceof Node) || !root.contains(e.target)) continue;
      }
      if (entry.handler(combo, e) !== false) {
        e.preventDefault();
        return true;
      }
    }
    return false;
  }

  private attach() {
    if (this.attachedTo || typeof window === 'undefined') return;
    window.addEventListener('keydown', this.listener);
    this.attachedTo = window;
  }

  private detach() {
    this.attachedTo?.removeEventListener('keydown', this.listener);
    this.attachedTo = null;
  }
}

export const shortcuts = new ShortcutRegistry();

export interface UseShortcutOptions {
  enabled?: boolean;
  allowInTextEntry?: boolean;
  scope?: RefObject<HTMLElement | null>;
}

/**
 * Registers a shortcut while the component is mounted; the handler may change between renders.
 * A layout effect, not a passive one: the keys must work the moment the task is on screen. A passive
 * effect may run a frame later, and a fast labeler's first key press would fall through.
 */
export function useShortcut(keys: string[] | '*', handler: ShortcutEntry['handler'], opts: UseShortcutOptions = {}) {
  const handlerRef = useRef(handler);
  handlerRef.current = handler;
  const { enabled = true, allowInTextEntry = false, scope } = opts;
  const keyId = keys === '*' ? '*' : keys.join(' ');
  useLayoutEffect(() => {
    if (!enabled) return;
    return shortcuts.register({
      keys: keyId === '*' ? '*' : keyId.split(' '),
      handler: (combo, e) => handlerRef.current(combo, e),
      allowInTextEntry,
      scope: scope ? () => scope.current : undefined,
    });
  }, [enabled, allowInTextEntry, keyId, scope]);
}
