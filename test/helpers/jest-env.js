/**
 * Jest setup (every suite, inherited by the CLI processes tests spawn): the secrets key file goes
 * to a temporary folder of this run, never to the user's real data folder.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

if (!process.env.VIGIE_SECRET_KEY_FILE) {
  const dir = path.join(os.tmpdir(), `vigie-test-keys-${process.ppid}`);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  process.env.VIGIE_SECRET_KEY_FILE = path.join(dir, 'secret.key');
}
