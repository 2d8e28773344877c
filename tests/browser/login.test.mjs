// login.test.mjs — an official logs in through the real form in chromium, sees the start
// page with their name and area, and logs out; a wrong password shows the error.
import { ok, done, demoUser, launch, screenshot, base } from './browser.mjs';

const user = demoUser('province', 'ha-giang');
const browser = await launch();
try {
  const page = await browser.newPage();
  await page.goto(`${base}/app/`);
  ok(page.url().startsWith(`${base}/app/login`), 'the start page sends a visitor to the login form', page.url());
  ok(await page.getAttribute('html', 'lang') === 'vi', 'the page is marked Vietnamese');

  await page.fill('#username', user.username);
  await page.fill('#password', 'not-the-password');
  await page.click('button[type=submit]');
  ok((await page.textContent('[role=alert]'))?.includes('không đúng'), 'a wrong password shows the error');

  await page.fill('#username', user.username);
  await page.fill('#password', user.password);
  await Promise.all([page.waitForURL(`${base}/app/`), page.click('main button[type=submit]')]);
  const h1 = await page.textContent('h1');
  ok(h1.includes(user.name), 'the start page greets the official by name', h1);
  ok((await page.textContent('main')).includes(user.area), 'the start page shows their area');
  await screenshot(page, 'login-start-page');

  await Promise.all([page.waitForURL(/\/app\/login/), page.click('header button[type=submit]')]);
  ok(page.url().startsWith(`${base}/app/login`), 'logging out returns to the login form');
  await page.goto(`${base}/app/`);
  ok(page.url().startsWith(`${base}/app/login`), 'after logout the start page needs a login again');
} catch (e) {
  ok(false, 'the browser test ran to the end', e.stack);
} finally {
  await browser.close();
  done();
}
