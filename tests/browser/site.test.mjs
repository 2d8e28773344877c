// site.test.mjs — the public site in chromium: the home page, a search for "mat ong" that
// finds "Mật ong" (diacritics ignored, in the browser, from the prebuilt index), a product
// page, its QR code read from the screen and followed to the verification page (VALID), a
// revoked certificate (REVOKED), the skip link, a phone-sized screen, and the site without
// JavaScript. Screenshots go to tests/artifacts/site-*.png.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { ok, done, launch, screenshot, base } from './browser.mjs';

const browser = await launch();
try {
  const context = await browser.newContext({ deviceScaleFactor: 2 });
  const page = await context.newPage();
  await page.goto(`${base}/`);
  ok(await page.getAttribute('html', 'lang') === 'vi', 'the home page is marked Vietnamese');
  ok((await page.textContent('h1')).includes('Sản phẩm OCOP'), 'the home page has its heading');
  await page.keyboard.press('Tab');
  ok(await page.evaluate(() => document.activeElement.className) === 'skip', 'the first Tab reaches the skip link');
  await screenshot(page, 'site-home');

  await page.fill('#q-home', 'mat ong');
  await Promise.all([page.waitForURL(/\/tim-kiem\/\?q=mat/), page.press('#q-home', 'Enter')]);
  await page.waitForSelector('#search-results li');
  const results = await page.textContent('#search-results');
  ok(results.includes('Mật ong bạc hà Mèo Vạc (demo)'), '"mat ong" finds "Mật ong bạc hà"', results);
  ok((await page.textContent('#search-status')).includes('Tìm thấy 3 sản phẩm'), 'the three honeys, nothing else',
    await page.textContent('#search-status'));
  await page.fill('#q', 'ĐẮK lắk');
  await page.waitForFunction(() => document.querySelector('#search-results').textContent.includes('Thổ cẩm Ê Đê'));
  ok(true, 'a place typed with other diacritics and case finds its products');
  await page.fill('#q', 'ha giang meo vac');
  await page.waitForFunction(() => document.querySelector('#search-results').textContent.includes('Mật ong hoa rừng Mèo Vạc'));
  ok(true, 'a place by its names when the product was certified (Hà Giang, merged since) finds its products');
  await page.fill('#q', 'mat ong');
  await page.waitForFunction(() => document.querySelector('#search-results li'));
  await screenshot(page, 'site-search');

  await Promise.all([page.waitForURL(/\/san-pham\/mat-ong-bac-ha-meo-vac\/$/),
    page.click('#search-results a:text-is("Mật ong bạc hà Mèo Vạc (demo)")')]);
  ok((await page.textContent('h1')) === 'Mật ong bạc hà Mèo Vạc (demo)', 'the result opens the product page');
  ok((await page.textContent('.product .badge')).includes('CÒN HIỆU LỰC'), 'the product page shows its certificate in force');
  await screenshot(page, 'site-product');

  const qrFile = `${process.env.ARTIFACTS}/site-qr.png`;
  writeFileSync(qrFile, await page.locator('#qr').screenshot());
  const target = execFileSync('zbarimg', ['-q', '--raw', qrFile], { stdio: ['ignore', 'pipe', 'ignore'] })
    .toString().trim();
  ok(target.startsWith(`${base}/xac-minh/`), 'the QR code on the screen decodes to a verification page', target);
  await page.goto(target);
  ok((await page.textContent('#verdict')) === 'CÒN HIỆU LỰC', 'the verification page says VALID in large letters');
  ok((await page.getAttribute('.verify', 'data-status')) === 'valid', 'and marks it valid');
  ok((await page.textContent('main')).includes('0031/2025/TUYEN-QUANG'), 'for the certificate of the product');
  await screenshot(page, 'site-verify-valid');

  await page.goto(`${base}/san-pham/tho-cam-e-de-ea-ho/`);
  await Promise.all([page.waitForURL(/\/xac-minh\//), page.click('.cert dd a')]);
  ok((await page.textContent('#verdict')) === 'ĐÃ BỊ THU HỒI', 'a revoked certificate says REVOKED in large letters');
  ok((await page.getAttribute('.verify', 'data-status')) === 'revoked', 'and marks it revoked');
  ok((await page.textContent('.verdict-detail')).includes('Nhãn sai sự thật'), 'with the reason');
  await screenshot(page, 'site-verify-revoked');

  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`${base}/`);
  ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
    'a phone-sized screen needs no sideways scrolling');
  await screenshot(page, 'site-home-phone');

  const nojs = await browser.newContext({ javaScriptEnabled: false });
  const p2 = await nojs.newPage();
  await p2.goto(`${base}/tinh/`);
  await Promise.all([p2.waitForURL(/\/tinh\/dak-lak\/$/), p2.click('a:text-is("Tỉnh Đắk Lắk")')]);
  ok((await p2.textContent('main')).includes('Thổ cẩm Ê Đê Ea Hồ (demo)'), 'without JavaScript the listings lead to the products');
  await p2.goto(`${base}/tim-kiem/?q=mat+ong`);
  ok((await p2.textContent('main')).includes('Tìm kiếm cần JavaScript'), 'without JavaScript the search page says so and links the listings');
  await nojs.close();
} catch (e) {
  ok(false, 'the browser test ran to the end', e.stack);
} finally {
  await browser.close();
  done();
}
