import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defineConfig, devices } from '@playwright/test';

/**
 * Browser tests of Mina sidor against the real server binary, which serves the built frontend
 * (frontend/dist) and the API on one origin.
 *
 * Prerequisites: `cargo build -p server` (or the whole workspace), `trunk build --release` for the
 * frontend, and Debian's `chromium` at /usr/bin/chromium. Playwright's own browsers are never
 * downloaded.
 */

const PORT = 18080;
const BASE_URL = `http://127.0.0.1:${PORT}`;

// Playwright loads this file in the runner and again in every worker; only the runner starts the
// server, so only the runner makes the temporary database directory.
const isRunner = process.env.TEST_WORKER_INDEX === undefined;
const dataDir = isRunner ? fs.mkdtempSync(path.join(os.tmpdir(), 'mina-sidor-e2e-')) : os.tmpdir();
if (isRunner) {
  process.on('exit', () => fs.rmSync(dataDir, { recursive: true, force: true }));
}

/** The server binary; `MINA_SIDOR_BIN` points elsewhere, e.g. at a release build. */
const serverBin = process.env.MINA_SIDOR_BIN ?? '../target/debug/mina-sidor';

/** Every rate-limit budget raised to 100 000 a minute, per address and per person. */
const RAISED_BUDGETS = Object.fromEntries(
  [
    'bankid_start',
    'bankid_poll',
    'bankid_qr',
    'staff_login',
    'draft_create',
    'upload',
    'download',
    'cosign_invite',
    'profile_write',
    'message',
    'webhook',
    'write',
  ].flatMap((budget) =>
    ['PER_IP', 'PER_USER'].map((scope) => [
      `APP__RATE_LIMIT__BUDGETS__${budget.toUpperCase()}__${scope}`,
      '100000',
    ]),
  ),
);

export default defineConfig({
  testDir: './tests',
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: 0,
  // Two cores: one browser per core.
  workers: 2,
  reporter: 'list',
  timeout: 30_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL: BASE_URL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: {
          executablePath: '/usr/bin/chromium',
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-quic',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            '--no-first-run',
          ],
        },
      },
    },
  ],
  webServer: {
    // With E2E_SERVER_LOG_FILE the server's log goes to that file, so `just e2e` can check that
    // a whole run logged no tokens and no personal identity numbers.
    command: process.env.E2E_SERVER_LOG_FILE
      ? `sh -c 'exec "$0" serve 2>>"$E2E_SERVER_LOG_FILE"' ${serverBin}`
      : `${serverBin} serve`,
    url: `${BASE_URL}/readyz`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      // The dev features (simulator, dev mailbox, demo data) are asked for, never a default.
      APP_ENV: 'development',
      // Only warnings and errors from the server, so the test list stays readable.
      APP__LOG__LEVEL: process.env.E2E_SERVER_LOG_LEVEL ?? 'warn',
      APP__SERVER__PORT: String(PORT),
      APP__DATABASE__URL: `sqlite://${path.join(dataDir, 'e2e.db')}?mode=rwc`,
      // Uploaded files go with the database, not into the working tree.
      APP__STORAGE__ATTACHMENTS_DIR: path.join(dataDir, 'attachments'),
      APP__SERVER__STATIC_DIR: path.resolve(__dirname, '../frontend/dist'),
      // Every test comes from 127.0.0.1 and most log in as the same demo people: the rate
      // limits' budgets (tests/api/rate_limits.rs tests them) are raised so they do not throttle
      // the suite.
      ...RAISED_BUDGETS,
      // SMS wait for the end of the quiet hours (21-08 Swedish time) on the real clock; the
      // journeys run at any hour (the API tests cover the quiet hours with an injected clock).
      APP__NOTIFY__SMS_QUIET_HOURS: 'off',
      // The simulated phone takes a second per step after approval (started, userSign, complete).
      APP__BANKID__SIMULATOR_STEP_SECONDS: '1',
    },
  },
});
