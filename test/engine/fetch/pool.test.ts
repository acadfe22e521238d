import { createPool, hostKey } from '../../../electron/engine/ingest/pool';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('createPool', () => {
  it('never exceeds the global limit nor the per-key cap', async () => {
    const pool = createPool({ concurrency: 3, perKey: 2 });
    let global = 0;
    let maxGlobal = 0;
    const perKey = new Map<string, number>();
    const maxPerKey = new Map<string, number>();
    const keys = ['a', 'a', 'a', 'a', 'b', 'b', 'c', 'a', 'b', 'c', 'c', 'c'];
    const results = await Promise.all(
      keys.map((k, i) =>
        pool.run(k, async () => {
          global++;
          maxGlobal = Math.max(maxGlobal, global);
          perKey.set(k, (perKey.get(k) ?? 0) + 1);
          maxPerKey.set(k, Math.max(maxPerKey.get(k) ?? 0, perKey.get(k)!));
          await sleep(5 + (i % 3) * 5);
          global--;
          perKey.set(k, perKey.get(k)! - 1);
          return i;
        }),
      ),
    );
    expect(results).toEqual(keys.map((_, i) => i));
    expect(maxGlobal).toBe(3);
    expect(Math.max(...maxPerKey.values())).toBe(2);
    expect(pool.running).toBe(0);
    expect(pool.queued).toBe(0);
  });

  it('lets another host pass a saturated one', async () => {
    const pool = createPool({ concurrency: 4, perKey: 1 });
    const order: string[] = [];
    const slow = pool.run('slow', async () => {
      await sleep(50);
      order.push('slow1');
    });
    const slow2 = pool.run('slow', async () => {
      order.push('slow2');
    });
    const fast = pool.run('fast', async () => {
      order.push('fast');
    });
    await Promise.all([slow, slow2, fast]);
    expect(order).toEqual(['fast', 'slow1', 'slow2']);
  });

  it('propagates rejections (sync and async) and keeps going', async () => {
    const pool = createPool({ concurrency: 1 });
    await expect(
      pool.run('x', () => {
        throw new Error('sync');
      }),
    ).rejects.toThrow('sync');
    await expect(
      pool.run('x', async () => {
        throw new Error('async');
      }),
    ).rejects.toThrow('async');
    await expect(pool.run('x', async () => 42)).resolves.toBe(42);
  });

  it('onIdle waits for running and queued tasks; clear drops the queue', async () => {
    const pool = createPool({ concurrency: 1 });
    let done = 0;
    const first = pool.run('k', async () => {
      await sleep(20);
      done++;
    });
    const dropped = pool.run('k', async () => {
      done++;
    });
    expect(pool.queued).toBe(1);
    expect(pool.clear(new Error('stopped'))).toBe(1);
    await expect(dropped).rejects.toThrow('stopped');
    await pool.onIdle();
    await first;
    expect(done).toBe(1);
    await expect(pool.onIdle()).resolves.toBeUndefined();
  });

  it('keys URLs by host', () => {
    expect(hostKey('https://WWW.LeMonde.fr/rss/une.xml')).toBe('www.lemonde.fr');
    expect(hostKey('http://127.0.0.1:8080/a')).toBe('127.0.0.1:8080');
    expect(hostKey('garbage')).toBe('garbage');
  });
});
