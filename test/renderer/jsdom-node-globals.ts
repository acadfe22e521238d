/**
 * jsdom's global object lacks some Node globals the engine uses (TextDecoder/TextEncoder,
 * setImmediate, structuredClone). Component tests that run the real engine in-process import
 * this first.
 */
import { TextDecoder, TextEncoder } from 'node:util';

const g = globalThis as Record<string, unknown>;
if (!g.TextDecoder) g.TextDecoder = TextDecoder;
if (!g.TextEncoder) g.TextEncoder = TextEncoder;
if (!g.setImmediate) g.setImmediate = (fn: (...a: unknown[]) => void, ...args: unknown[]) => setTimeout(fn, 0, ...args);
if (!g.clearImmediate) g.clearImmediate = (t: ReturnType<typeof setTimeout>) => clearTimeout(t);
