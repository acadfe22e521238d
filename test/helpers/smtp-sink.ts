/** A real loopback SMTP server (smtp-server) that parses every mail with mailparser, for alert tests and the bench. */
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';
import type { AddressInfo } from 'node:net';

/** Options of the sink. */
export interface SmtpSinkOptions {
  /** Port to listen on (0 = any; give the old port to bring a "downed" server back). */
  port?: number;
  /** Require AUTH with these credentials (PLAIN/LOGIN). Default: no auth. */
  auth?: { user: string; pass: string };
  /** Offer STARTTLS (smtp-server's built-in self-signed cert). Default true. */
  starttls?: boolean;
  /** Reply 451 (transient) to the first N messages. Default 0. */
  failFirst?: number;
  /** Wait this long before replying 250 to each message, ms (a slow server). Default 0. */
  replyDelayMs?: number;
}

/** A received mail, parsed, with the session facts tests assert on. */
export interface ReceivedMail {
  parsed: ParsedMail;
  raw: string;
  messageId: string | null;
  secure: boolean;
  user: string | null;
  at: number;
}

/** A running sink. */
export interface SmtpSink {
  port: number;
  mails: ReceivedMail[];
  /** Messages whose DATA was fully received (counted before the reply, so a slow reply is visible in flight). */
  dataReceived(): number;
  /** Changes the reply delay of later messages, ms. */
  setReplyDelay(ms: number): void;
  /** Distinct Message-IDs received (the receiver-side dedup key). */
  uniqueMessageIds(): Set<string>;
  waitForMails(n: number, timeoutMs?: number): Promise<ReceivedMail[]>;
  close(): Promise<void>;
}

/** Starts the sink on 127.0.0.1. */
export async function startSmtpSink(opts: SmtpSinkOptions = {}): Promise<SmtpSink> {
  const mails: ReceivedMail[] = [];
  let failures = opts.failFirst ?? 0;
  let dataCount = 0;
  let replyDelay = opts.replyDelayMs ?? 0;
  const waiters: Array<() => void> = [];
  const serverOptions: SMTPServerOptions = {
    logger: false,
    disabledCommands:
      opts.starttls === false ? ['STARTTLS', ...(opts.auth ? [] : ['AUTH'])] : opts.auth ? [] : ['AUTH'],
    authOptional: !opts.auth,
    // Without STARTTLS, AUTH over plain text must be allowed explicitly (loopback test only).
    allowInsecureAuth: opts.starttls === false,
    onAuth(auth, _session, cb) {
      if (opts.auth && auth.username === opts.auth.user && auth.password === opts.auth.pass)
        cb(null, { user: auth.username });
      else cb(new Error('535 Invalid credentials'));
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', async () => {
        dataCount++;
        if (failures > 0) {
          failures--;
          const err = new Error('Try again later') as Error & { responseCode: number };
          err.responseCode = 451;
          cb(err);
          return;
        }
        const raw = Buffer.concat(chunks).toString('utf8');
        const parsed = await simpleParser(raw);
        if (replyDelay) await new Promise((r) => setTimeout(r, replyDelay));
        mails.push({
          parsed,
          raw,
          messageId: parsed.messageId ?? null,
          secure: session.secure,
          user: (session.user as string | undefined) ?? null,
          at: Date.now(),
        });
        waiters.splice(0).forEach((w) => w());
        cb();
      });
    },
  };
  const server = new SMTPServer(serverOptions);
  server.on('error', () => undefined);
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    mails,
    dataReceived: () => dataCount,
    setReplyDelay: (ms) => {
      replyDelay = ms;
    },
    uniqueMessageIds: () => new Set(mails.map((m) => m.messageId ?? '')),
    async waitForMails(n, timeoutMs = 15_000) {
      const until = Date.now() + timeoutMs;
      while (mails.length < n) {
        if (Date.now() > until) throw new Error(`SMTP sink: ${mails.length}/${n} mails after ${timeoutMs} ms`);
        await new Promise<void>((r) => {
          waiters.push(r);
          setTimeout(r, 100);
        });
      }
      return mails;
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
