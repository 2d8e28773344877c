// browser.mjs — what every browser test shares: Debian's chromium through playwright-core,
// TAP output, the demo accounts, screenshots kept under tests/artifacts/.
import { chromium } from 'playwright-core';
import { readFileSync, mkdirSync } from 'node:fs';

let n = 0;
let failed = 0;

export function ok(cond, name, detail) {
  n += 1;
  if (cond) {
    console.log(`ok ${n} - ${name}`);
  } else {
    failed += 1;
    console.log(`not ok ${n} - ${name}`);
    if (detail !== undefined) console.log(`#   ${String(detail).split('\n').join('\n#   ')}`);
  }
}

export function done() {
  console.log(`1..${n}`);
  process.exitCode = failed ? 1 : 0;
}

export function demoUser(role, areaPrefix = '') {
  const rows = readFileSync(process.env.DEMO_USERS, 'utf8').split('\n')
    .filter((l) => l && !l.startsWith('#')).map((l) => l.split('\t'));
  const r = rows.find((f) => f[1] === role && f[2].startsWith(areaPrefix));
  return { username: r[0], password: r[3], area: r[2], name: r[4] };
}

export async function launch() {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export async function screenshot(page, name) {
  mkdirSync(process.env.ARTIFACTS, { recursive: true });
  await page.screenshot({ path: `${process.env.ARTIFACTS}/${name}.png`, fullPage: true });
}

export const base = process.env.BASE;

// Signs in through the login form as a person does and waits for the start page.
export async function signIn(page, username, password) {
  await page.goto(`${base}/app/login`);
  await page.fill('#username', username);
  await page.fill('#password', password);
  await Promise.all([page.waitForURL(`${base}/app/`), page.click('main button[type=submit]')]);
}
