/** @jest-environment jsdom */
// The keyboard map: single keys, g-sequences, fields keep their keys, help overlay lists every binding.
import { fireEvent, render, screen } from '@testing-library/react';
import { KEY_BINDINGS, moveCursor, resolveKey, type KeyState } from '../../renderer/app/keymap';
import { HelpOverlay } from '../../renderer/components/HelpOverlay';
import { initI18n } from '../../renderer/i18n';
import fr from '../../renderer/i18n/fr.json';

const none: KeyState = { pending: null };
const run = (keys: string[], target?: { tagName: string }) => {
  let state = none;
  const out: Array<string | null> = [];
  for (const key of keys) {
    const r = resolveKey({ key, target }, state);
    state = r.state;
    out.push(r.command);
  }
  return out;
};

describe('resolveKey', () => {
  it('maps j/k/o/s/e/a / ? to their commands', () => {
    expect(run(['j', 'k', 'o', 's', 'e', 'a', '/', '?', 'u', 'x'])).toEqual([
      'next',
      'prev',
      'open',
      'star',
      'escalate',
      'archive',
      'search',
      'help',
      'undo',
      'select',
    ]);
    // p pushes to the office; "g p" still opens Réglages.
    expect(run(['p', 'g', 'p'])).toEqual(['push', null, 'go-settings']);
  });
  it('understands two-key navigation (g then i / d) and drops an unknown pair', () => {
    expect(run(['g', 'i'])).toEqual([null, 'go-inbox']);
    expect(run(['g', 'd'])).toEqual([null, 'go-dashboard']);
    expect(run(['g', 'z', 'j'])).toEqual([null, null, 'next']);
  });
  it('leaves keys typed in fields to the field, except Escape', () => {
    expect(run(['j', 'a', '/'], { tagName: 'INPUT' })).toEqual([null, null, null]);
    expect(run(['Escape'], { tagName: 'TEXTAREA' })).toEqual(['back']);
  });
  it('leaves Ctrl/Meta/Alt chords to the browser', () => {
    expect(resolveKey({ key: 'a', ctrlKey: true }, none).command).toBeNull();
    expect(resolveKey({ key: 'k', metaKey: true }, none).command).toBeNull();
  });
});

describe('moveCursor', () => {
  it('clamps within the list and starts at the top', () => {
    expect(moveCursor(-1, 1, 10)).toBe(0);
    expect(moveCursor(9, 1, 10)).toBe(9);
    expect(moveCursor(0, -1, 10)).toBe(0);
    expect(moveCursor(4, 1, 10)).toBe(5);
    expect(moveCursor(3, 1, 0)).toBe(-1);
  });
});

describe('HelpOverlay', () => {
  beforeAll(() => initI18n('fr'));
  it('is a labelled modal dialog listing every binding in French, focus on Fermer', () => {
    render(<HelpOverlay onClose={() => undefined} />);
    const dialog = screen.getByRole('dialog', { name: 'Raccourcis clavier' });
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    const rows = dialog.querySelectorAll('tbody tr');
    expect(rows).toHaveLength(KEY_BINDINGS.length);
    expect(dialog.textContent).toContain(fr.keys.escalate);
    expect(document.activeElement?.textContent).toBe('Fermer');
  });
  it('keeps Tab inside the dialog (focus trap)', () => {
    render(
      <>
        <button type="button">dehors</button>
        <HelpOverlay onClose={() => undefined} />
      </>,
    );
    screen.getByText('dehors').focus();
    fireEvent.keyDown(document, { key: 'Tab' });
    expect(document.activeElement?.textContent).toBe('Fermer');
    fireEvent.keyDown(document, { key: 'Tab', shiftKey: true });
    expect(document.activeElement?.textContent).toBe('Fermer');
  });
});
