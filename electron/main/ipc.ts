/**
 * Typed IPC registration: one ipcMain.handle() per contract channel (nothing else is answered),
 * a sender check (our window's top frame, loaded from our own renderer), zod validation of the
 * payload, and the Result envelope on every path — a handler never throws into the renderer.
 */
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { CHANNELS, IPC_EVENT_PREFIX, EVENTS, parseInput, type Channel } from '../../shared/api/contract';
import { fail, type Result } from '../../shared/result';

/** What IPC needs from the engine host. */
export interface IpcEngine {
  call(channel: string, input: unknown): Promise<Result<unknown>>;
  on(event: (typeof EVENTS)[number], listener: (payload: unknown) => void): () => void;
}

/** Decides whether an IPC sender may use the API. */
export type SenderCheck = (event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>) => boolean;

/**
 * The default sender check: the frame must be a top-level frame of a window we created
 * (`allowedContents`) and its URL must be under the app's renderer origin (`appUrlPrefix`,
 * e.g. `file:///…/renderer/dist/`). A navigated or embedded frame is refused.
 */
export function createSenderCheck(allowedContents: () => Iterable<WebContents>, appUrlPrefix: string): SenderCheck {
  return (event) => {
    const frame = event.senderFrame;
    if (!frame || frame.parent) return false;
    if (![...allowedContents()].some((wc) => wc.id === event.sender.id)) return false;
    return typeof frame.url === 'string' && frame.url.startsWith(appUrlPrefix);
  };
}

/** Handles one invoke: sender check, channel allow-list, zod parse, engine call, envelope. */
export async function handleInvoke(
  engine: IpcEngine,
  isTrusted: SenderCheck,
  channel: Channel,
  event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>,
  input: unknown,
): Promise<Result<unknown>> {
  if (!isTrusted(event)) return fail({ code: 'auth.denied', message: 'IPC sender refused', context: { channel } });
  if (!CHANNELS.includes(channel))
    return fail({ code: 'input.invalid', message: `unknown channel: ${String(channel)}`, context: { channel } });
  // Validated here, before the message crosses to the worker, and again by the engine facade.
  const parsed = parseInput(channel, input);
  if (!parsed.ok)
    return fail({ code: 'input.invalid', message: parsed.message, context: { channel, issues: parsed.issues } });
  try {
    return await engine.call(channel, parsed.value);
  } catch (err) {
    return fail({ code: 'internal', message: err instanceof Error ? err.message : String(err) });
  }
}

/** Registers every contract channel on ipcMain; returns a function removing them. */
export function registerIpc(
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>,
  engine: IpcEngine,
  isTrusted: SenderCheck,
): () => void {
  for (const channel of CHANNELS) {
    ipcMain.handle(channel, (event, input: unknown) => handleInvoke(engine, isTrusted, channel, event, input));
  }
  return () => {
    for (const channel of CHANNELS) ipcMain.removeHandler(channel);
  };
}

/** Forwards engine events to the given web contents (`event:<name>` IPC messages); returns an unsubscribe. */
export function forwardEvents(engine: IpcEngine, targets: () => Iterable<WebContents>): () => void {
  const offs = EVENTS.map((event) =>
    engine.on(event, (payload) => {
      for (const wc of targets()) if (!wc.isDestroyed()) wc.send(IPC_EVENT_PREFIX + event, payload);
    }),
  );
  return () => {
    for (const off of offs) off();
  };
}
