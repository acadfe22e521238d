/**
 * Engine worker entry (Electron runs it in a worker_threads Worker so SQLite, NLP and brief
 * rendering never block the UI thread). Answers calls by id and forwards every contract event.
 */
process.env.DOTENV_CONFIG_QUIET ??= 'true'; // natural loads dotenv: keep stdout clean
import { parentPort, workerData } from 'node:worker_threads';
import { EVENTS } from '../../shared/api/contract';
import { serializeError } from '../../shared/errors';
import { createEngine, type Engine } from './engine';
import { setSecretCodec } from './alerts/secrets';
import { createDataKeyCodec } from './api/data-key-codec';
import { isEngineRequest, type EngineMessage, type EngineWorkerData } from './protocol';

const port = parentPort;
if (!port) throw new Error('engine worker: must run in a worker thread');
const post = (m: EngineMessage) => port.postMessage(m);

let engine: Engine;
try {
  const data = workerData as EngineWorkerData;
  if (data.secretKey) setSecretCodec(createDataKeyCodec(Buffer.from(data.secretKey, 'base64')));
  engine = createEngine({
    dbPath: data.dbPath,
    mode: 'electron',
    version: data.version,
    background: data.background,
    demoIfEmpty: data.demoIfEmpty,
  });
} catch (err) {
  const e = serializeError(err);
  post({ type: 'fatal', error: { code: e.code, message: e.message } });
  process.exit(1);
}

for (const event of EVENTS) engine.on(event, (payload) => post({ type: 'event', event, payload }));

port.on('message', (m: unknown) => {
  if (!isEngineRequest(m)) return;
  if (m.type === 'shutdown') {
    void engine.close().finally(() => {
      post({ type: 'closed' });
      port.close();
    });
    return;
  }
  void engine.call(m.channel, m.input).then((result) => post({ type: 'result', id: m.id, result }));
});

post({ type: 'ready' });
