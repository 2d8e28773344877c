// dossier.tree.test.mjs — a commune official in chromium registers a producer and a
// product, opens a dossier in the open round, picks two documents and uploads them with
// the progress bar (on a line throttled to 300 kB/s so the bar is seen moving), and sees
// them listed with the checklist complete. Screenshots: mid-upload and after.
import { ok, done, launch, screenshot, base, signIn } from './browser.mjs';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function pdf(dir, name, kb) {
  const path = join(dir, name);
  writeFileSync(path, `%PDF-1.4\n% ${name}\n${'x'.repeat(kb * 1024)}\n%%EOF\n`);
  return path;
}

const dir = mkdtempSync(join(tmpdir(), 'ocop-browser-'));
const browser = await launch();
try {
  const page = await browser.newPage();
  await signIn(page, 'can-bo-xa', 'mat-khau-thu-can-bo-xa');

  await page.click('nav.main-nav >> text=Chủ thể, sản phẩm');
  await page.click('text=Đăng ký chủ thể mới');
  await page.selectOption('#kind', 'cooperative');
  await page.fill('#name', 'HTX Chè Xã C');
  await Promise.all([page.waitForURL(/\/app\/subjects\/\d+$/), page.click('main button[type=submit]')]);
  ok((await page.textContent('h1')).includes('HTX Chè Xã C'), 'the producer is registered');

  await page.click('text=Thêm sản phẩm');
  await page.fill('#name', 'Chè xanh Xã C');
  await page.selectOption('#group_code', '1.1.1');
  await Promise.all([page.waitForURL(/\/app\/products\/\d+$/), page.click('main form.card button[type=submit]')]);
  ok((await page.textContent('h1')).includes('Chè xanh Xã C'), 'the product is registered');

  await page.selectOption('#level', 'district');
  await Promise.all([page.waitForURL(/\/app\/dossiers\/\d+$/), page.click('text=Mở hồ sơ trong đợt đang mở')]);
  ok((await page.textContent('#missing')).includes('Còn thiếu 2'), 'the new dossier lists the 2 missing documents');

  await page.setInputFiles('#f_phieu_dang_ky', pdf(dir, 'phieu-dang-ky.pdf', 700));
  await page.setInputFiles('#f_phuong_an', pdf(dir, 'phuong-an.pdf', 700));
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.emulateNetworkConditions',
    { offline: false, latency: 20, downloadThroughput: -1, uploadThroughput: 300 * 1024 });
  await page.click('#upload-form button[type=submit]');
  await page.waitForSelector('#upload-progress:not([hidden])');
  await page.waitForFunction(() => {
    const v = document.getElementById('upload-progress')?.value;
    return v > 0 && v < 100;
  }, null, { timeout: 20000 });
  ok(true, 'the progress bar moves while the files are sent');
  await screenshot(page, 'dossier-upload-progress');
  await page.waitForFunction(() => document.getElementById('missing')?.textContent.includes('Đủ'),
    null, { timeout: 30000 });
  await cdp.send('Network.emulateNetworkConditions',
    { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
  ok(true, 'after the upload the checklist says every mandatory document is there');
  const listed = await page.textContent('main');
  ok(listed.includes('phieu-dang-ky.pdf') && listed.includes('phuong-an.pdf'), 'both files are listed');
  ok(await page.isVisible('text=Nộp hồ sơ'), 'the dossier can now be submitted');
  await screenshot(page, 'dossier-after-upload');
} catch (e) {
  ok(false, 'the browser test ran to the end', e.stack);
} finally {
  await browser.close();
  done();
}
