/** @jest-environment jsdom */
// Triage undo: the pure stack, then the real app over the real engine (demo workspace in a temp
// SQLite file, served by a real `vigie serve` child): "e" escalates the cursor item, "u" restores it, both as stored in the database.
import './jsdom-node-globals';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import {
  applyTriage,
  createUndoStack,
  groupPriorsByState,
  popChange,
  pushChange,
  restorePriors,
} from '../../renderer/features/inbox/triage-undo';
import { resetUndo, undoDepth } from '../../renderer/features/inbox/triage-actions';
import { setApi } from '../../renderer/api';
import { initI18n } from '../../renderer/i18n';
import { App } from '../../renderer/app/App';
import { startServe, type Served } from '../e2e/vigie-process';
import { createNodeHttpApi } from './http-backend';

describe('undo stack', () => {
  it('pops changes newest first, bounded, ignoring empty changes', () => {
    let s = createUndoStack(2);
    s = pushChange(s, { label: 'a', priors: [{ id: 1, triage: 'new', starred: false }] });
    s = pushChange(s, { label: 'empty', priors: [] });
    s = pushChange(s, { label: 'b', priors: [{ id: 2, triage: 'seen', starred: true }] });
    s = pushChange(s, { label: 'c', priors: [{ id: 3, triage: 'follow', starred: false }] });
    const labels: string[] = [];
    for (let p = popChange(s); p; p = popChange(p.stack)) {
      labels.push(p.change.label);
      s = p.stack;
    }
    expect(labels).toEqual(['c', 'b']);
  });
  it('applies a bulk change in memory and restores exactly the priors', () => {
    const rows = [
      { id: 1, triage: 'new' as const, starred: false },
      { id: 2, triage: 'follow' as const, starred: true },
      { id: 3, triage: 'seen' as const, starred: false },
    ];
    const { rows: after, priors } = applyTriage(rows, new Set([1, 2]), { triage: 'archived' });
    expect(after.map((r) => r.triage)).toEqual(['archived', 'archived', 'seen']);
    expect(restorePriors(after, priors)).toEqual(rows);
    expect([...groupPriorsByState(priors)]).toEqual([
      ['new', [1]],
      ['follow', [2]],
    ]);
  });
});

// Updates here arrive from a real back end / scroll frames, outside act() by nature: waitFor()
// observes them, so React's act() warnings would only be noise.
beforeAll(() => {
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = false;
});

describe('keyboard triage with undo against the engine', () => {
  let dir: string;
  let served: Served;
  let api: ReturnType<typeof createNodeHttpApi>;
  const engine = {
    call: (c: string, i: unknown) =>
      (api.invoke as (c: string, i: unknown) => Promise<{ ok: boolean; value?: unknown }>)(c, i),
  };
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigie-ui-'));
    served = await startServe(path.join(dir, 'ui.db'));
    api = createNodeHttpApi(served.origin, served.token);
    const loaded = await engine.call('demo:load', { force: true });
    expect(loaded).toEqual(expect.objectContaining({ ok: true }));
    setApi(api);
    initI18n('fr');
    resetUndo();
  }, 120_000);
  afterAll(async () => {
    setApi(null);
    api?.close();
    await served?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('escalates with "e", undoes with "u", and the database agrees each time', async () => {
    render(<App />);
    const listbox = await screen.findByRole('listbox', { name: 'Éléments par urgence' }, { timeout: 10_000 });
    await waitFor(() => expect(listbox.querySelector('#inbox-row-0 .row-title')).not.toBeNull());
    const title = listbox.querySelector('#inbox-row-0 .row-title')!.textContent!;
    const secondTitle = listbox.querySelector('#inbox-row-1 .row-title')!.textContent!;
    const cursorTitle = () =>
      listbox.querySelector(`#${listbox.getAttribute('aria-activedescendant')} .row-title`)?.textContent;
    const list = await engine.call('items:list', {
      sort: 'urgency',
      limit: 1,
      triage: ['new', 'seen', 'follow', 'escalated'],
    });
    if (!list.ok) throw new Error('items:list failed');
    const first = (list.value as { items: Array<{ id: number; title: string; triage: string }> }).items[0];
    expect(first.title).toBe(title);
    const stateOf = async () => {
      const r = await engine.call('items:get', { id: first.id });
      return r.ok ? (r.value as { item: { triage: string } }).item.triage : null;
    };
    const before = await stateOf();

    await act(async () => {
      fireEvent.keyDown(listbox, { key: 'e' });
    });
    await waitFor(async () => expect(await stateOf()).toBe('escalated'));
    expect(undoDepth()).toBe(1);
    await waitFor(() => expect(screen.getByRole('status').textContent).toContain('escaladé'));
    // The cursor moved on to the next item after the decision, and stays on it through the live re-query.
    await waitFor(() => expect(cursorTitle()).toBe(secondTitle));

    await act(async () => {
      fireEvent.keyDown(listbox, { key: 'u' });
    });
    await waitFor(async () => expect(await stateOf()).toBe(before));
    expect(undoDepth()).toBe(0);
    // Undo brings the cursor back to the restored item, shown in its previous state.
    await waitFor(() => expect(cursorTitle()).toBe(title));
    const row = listbox.querySelector(`#${listbox.getAttribute('aria-activedescendant')}`)!;
    expect(row.querySelector('.state')!.textContent).toBe(before === 'new' ? 'nouveau' : before);
  });
});
