/** App-wide state shared with screens: navigation, toast, the active screen's key handler. */
import { createContext, useContext, useEffect, useRef } from 'react';
import type { KeyCommand } from './keymap';
import type { Route } from './router';
import type { Settings } from '../../shared/api/contract';

/** Handles a key command; returns true when it did something (then the app does not). */
export type CommandHandler = (command: KeyCommand) => boolean;

/** What screens get from the shell. */
export interface AppContextValue {
  route: Route;
  navigate: (route: Route) => void;
  back: () => void;
  /** Shows a status message, optionally with an action (Annuler). */
  notify: (message: string, action?: { label: string; run: () => void }) => void;
  settings: Settings | null;
  reloadSettings: () => void;
  /** Registers the active screen's key handler (the last registered wins; unregister on unmount). */
  setCommandHandler: (handler: CommandHandler | null) => void;
  /** Bumped when a live event says items changed or arrived. */
  liveTick: number;
}

/** The context (provided by App). */
export const AppContext = createContext<AppContextValue | null>(null);

/** Reads the app context (throws outside the provider: a programming error). */
export function useApp(): AppContextValue {
  const ctx = useContext(AppContext);
  if (!ctx) throw new Error('useApp outside AppContext');
  return ctx;
}

/** Registers a screen's key handler while `active`; the latest closure is always used. */
export function useCommands(handler: CommandHandler, active = true): void {
  const { setCommandHandler } = useApp();
  const ref = useRef(handler);
  ref.current = handler;
  useEffect(() => {
    if (!active) return;
    const stable: CommandHandler = (c) => ref.current(c);
    setCommandHandler(stable);
    return () => setCommandHandler(null);
  }, [active, setCommandHandler]);
}
