// The destination editor's pure form logic: validation in i18n keys, the save input per kind
// (write-only secret, SMTP security modes), and reading a stored channel back (masked URL kept).
import {
  emptyChannel,
  fromChannel,
  targetOf,
  toSaveInput,
  validateChannel,
} from '../../renderer/features/alerts/channel-form';
import type { AlertChannel } from '../../shared/types/alerts';
import fr from '../../renderer/i18n/fr.json';

const smtp = {
  ...emptyChannel('smtp'),
  name: 'Cabinet',
  host: 'smtp.prefecture.test',
  port: '25',
  security: 'none' as const,
  from: 'Vigie <vigie@prefecture.test>',
  recipients: 'a@prefecture.test; b@prefecture.test',
};

describe('validateChannel', () => {
  it('names every missing SMTP field, each with French words', () => {
    const errs = validateChannel({ ...emptyChannel('smtp'), port: '99999', recipients: 'pas-une-adresse' });
    expect(errs).toEqual([
      'channels.err.name',
      'channels.err.host',
      'channels.err.port',
      'channels.err.from',
      'channels.err.recipients',
    ]);
    const words = fr.channels.err as Record<string, string>;
    for (const e of errs) expect(words[e.split('.').pop()!]).toMatch(/\w/);
    expect(validateChannel(smtp)).toEqual([]);
  });
  it('checks webhook URLs and Matrix room ids and tokens', () => {
    expect(validateChannel({ ...emptyChannel('webhook'), name: 'W', url: 'ftp://x' })).toEqual(['channels.err.url']);
    expect(validateChannel({ ...emptyChannel('webhook'), name: 'W', url: 'https://chat.test/…' })).toEqual([]);
    expect(
      validateChannel({ ...emptyChannel('matrix'), name: 'M', homeserver: 'https://matrix.test', roomId: 'salon' }),
    ).toEqual(['channels.err.roomId', 'channels.err.token']);
    expect(
      validateChannel({
        ...emptyChannel('matrix'),
        name: 'M',
        homeserver: 'https://matrix.test',
        roomId: '!abc:matrix.test',
        hasSecret: true,
      }),
    ).toEqual([]);
    expect(validateChannel({ ...emptyChannel('desktop'), name: 'Poste' })).toEqual([]);
  });
});

describe('toSaveInput / fromChannel', () => {
  it('builds the SMTP config and only sends a secret when one is typed or cleared', () => {
    const input = toSaveInput(smtp);
    expect(input.config).toEqual({
      host: 'smtp.prefecture.test',
      port: 25,
      secure: false,
      requireTLS: false,
      ignoreTLS: true,
      allowSelfSigned: false,
      from: 'Vigie <vigie@prefecture.test>',
      defaultTo: ['a@prefecture.test', 'b@prefecture.test'],
    });
    expect('secret' in input).toBe(false);
    expect(toSaveInput({ ...smtp, secret: 'pw' }).secret).toBe('pw');
    expect(toSaveInput({ ...smtp, secret: 'pw', clearSecret: true }).secret).toBeNull();
    expect(toSaveInput({ ...smtp, security: 'starttls' }).config).toMatchObject({
      secure: false,
      requireTLS: true,
      ignoreTLS: false,
    });
    expect(toSaveInput({ ...smtp, security: 'tls' }).config).toMatchObject({ secure: true, requireTLS: false });
  });
  it('reads a stored channel back, keeping the masked webhook URL and the secret state', () => {
    const stored: AlertChannel = {
      id: 3,
      name: 'Crise',
      kind: 'webhook',
      config: { url: 'https://chat.test/…', preset: 'teams' },
      hasSecret: true,
      secretScheme: 'plain',
      ratePerMin: null,
      enabled: true,
    };
    const f = fromChannel(stored);
    expect(f).toMatchObject({
      id: 3,
      kind: 'webhook',
      url: 'https://chat.test/…',
      preset: 'teams',
      hasSecret: true,
      secret: '',
    });
    expect(toSaveInput(f)).toEqual({
      id: 3,
      name: 'Crise',
      kind: 'webhook',
      config: { url: 'https://chat.test/…', preset: 'teams' },
      enabled: true,
    });
    expect(targetOf(stored)).toBe('https://chat.test/… (teams)');
    const back = fromChannel({ ...stored, id: 4, kind: 'smtp', config: toSaveInput(smtp).config });
    expect(back).toMatchObject({
      host: 'smtp.prefecture.test',
      port: '25',
      security: 'none',
      recipients: 'a@prefecture.test, b@prefecture.test',
    });
  });
});

describe('a stored secret does not follow a change of destination', () => {
  const stored = (kind: AlertChannel['kind'], config: Record<string, unknown>): AlertChannel =>
    ({ id: 4, name: 'X', kind, config, enabled: true, hasSecret: true, secretScheme: 'aes-file' }) as AlertChannel;

  it('asks for the secret again when the Matrix homeserver, SMTP host/port/user/security or webhook URL changes', () => {
    const matrix = fromChannel(stored('matrix', { homeserver: 'https://matrix.tchap.gouv.fr', roomId: '!a:tchap' }));
    expect(validateChannel(matrix)).toEqual([]);
    expect(validateChannel({ ...matrix, roomId: '!b:tchap' })).toEqual([]); // same server: the token stays
    expect(validateChannel({ ...matrix, homeserver: 'https://evil.example' })).toContain('channels.err.reenterSecret');
    expect(validateChannel({ ...matrix, homeserver: 'https://evil.example', secret: 'syt_new' })).toEqual([]);
    const mail = fromChannel(
      stored('smtp', { host: 'smtp.gouv.fr', port: 587, user: 'veille', from: 'v@gouv.fr', defaultTo: [] }),
    );
    for (const change of [
      { host: 'smtp.evil.example' },
      { port: '25' },
      { user: 'autre' },
      { security: 'none' as const },
    ])
      expect(validateChannel({ ...mail, ...change })).toContain('channels.err.reenterSecret');
    expect(validateChannel({ ...mail, recipients: 'x@gouv.fr' })).toEqual([]);
    const hook = fromChannel(stored('webhook', { url: 'https://chat.gouv.fr/…' }));
    expect(validateChannel({ ...hook, url: 'https://evil.example/hook' })).toContain('channels.err.reenterSecret');
    expect(validateChannel({ ...hook, url: 'https://evil.example/hook', clearSecret: true })).toEqual([]);
    expect(fr.channels.err.reenterSecret).toMatch(/ressaisissez/);
    expect(fr.channels.reenterSecret).toMatch(/ressaisissez/);
  });
});
