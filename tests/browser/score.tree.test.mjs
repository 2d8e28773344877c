// score.tree.test.mjs — a council member in chromium opens a score sheet, sees the part
// and overall totals change as options are chosen, saves a draft, and submits; the
// submitted sheet is locked. Screenshot: the filled sheet.
import { ok, done, launch, screenshot, base, signIn } from './browser.mjs';

const browser = await launch();
try {
  const page = await browser.newPage();
  await signIn(page, 'tv1', 'mat-khau-thu-tv1');

  await page.goto(`${base}/app/score`);
  await Promise.all([page.waitForURL(/\/app\/dossiers\/900\/score$/), page.click('text=Mật ong thử')]);
  ok((await page.textContent('#grand-total')).trim() === '0', 'an empty sheet totals 0');

  await page.check('input[name=c_A1][value="1"]');
  ok((await page.textContent('#grand-total')).trim() === '40', 'choosing 40 points on A1 makes 40');
  ok((await page.textContent('.part-total[data-part=A]')).includes('40'), 'and part A shows 40');
  await page.check('input[name=c_B1][value="0"]');
  await page.check('input[name=c_C1][value="1"]');
  ok((await page.textContent('#grand-total')).trim() === '80', 'three choices make 80 (40 + 5 + 35)');
  await page.check('input[name=c_B1][value="1"]');
  ok((await page.textContent('#grand-total')).trim() === '100', 'changing B1 to 25 makes 100');
  await page.fill('input[name=n_B1]', 'Bao bì đẹp');
  await screenshot(page, 'score-sheet-filled');

  // Submit the way a person does, and wait for the page the server sends back.
  const send = (value) => Promise.all([
    page.waitForResponse((r) => r.request().method() === 'GET' && r.url().endsWith('/score')),
    page.locator(`button[value=${value}]`).click(),
  ]).then(() => page.waitForLoadState('load'));
  await send('draft');
  ok((await page.textContent('#sheet-status')) === 'đang chấm (nháp)', 'the draft is saved, said in Vietnamese');
  ok(await page.isChecked('input[name=c_B1][value="1"]'), 'and keeps the choices');
  ok((await page.inputValue('input[name=n_B1]')) === 'Bao bì đẹp', 'and the note');

  await send('submit');
  ok((await page.textContent('#sheet-status')) === 'đã nộp', 'the sheet is submitted');
  ok(await page.isDisabled('input[name=c_A1][value="0"]'), 'and locked');
  ok(!(await page.isVisible('button[value=submit]')), 'with no way to submit again');
} catch (e) {
  ok(false, 'the browser test ran to the end', e.stack);
} finally {
  await browser.close();
  done();
}
