// certificate.tree.test.mjs — a province official in chromium opens the certificates,
// sees the status and issuer in Vietnamese, opens "Thu hồi, hạ hạng…" on a valid one,
// and revokes it with a decision number and a reason; the list then says so and offers
// no form for it. Screenshot: the open form.
import { ok, done, launch, screenshot, base, signIn } from './browser.mjs';

const browser = await launch();
try {
  const page = await browser.newPage();
  await signIn(page, 'can-bo-tinh', 'mat-khau-thu-can-bo-tinh');

  await page.goto(`${base}/app/certificates`);
  const row = page.locator('tr', { hasText: '0001/2020/TINH-A' });
  ok((await row.textContent()).includes('còn hiệu lực'), 'the certificate is listed as valid, in Vietnamese');
  ok((await row.locator('td').nth(3).textContent()).trim() === 'tỉnh', 'issued by the province');
  ok(!(await row.locator('#decision-910').isVisible()), 'the form stays folded until asked for');

  await row.locator('summary').click();
  await page.selectOption('#status-910', 'revoked');
  await page.fill('#decision-910', '45/QĐ-UBND');
  await page.fill('#reason-910', 'Không duy trì điều kiện sản xuất');
  await screenshot(page, 'certificate-revoke-form');
  await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'GET' && r.url().endsWith('/app/certificates')),
    row.locator('button[type=submit]').click(),
  ]);
  await page.waitForLoadState('load');
  const after = page.locator('tr', { hasText: '0001/2020/TINH-A' });
  const text = await after.textContent();
  ok(text.includes('đã thu hồi'), 'the list says it is revoked');
  ok(text.includes('Không duy trì điều kiện sản xuất — QĐ 45/QĐ-UBND'), 'with the reason and the decision');
  ok((await after.locator('form').count()) === 0, 'and offers no form for it any more');
} catch (e) {
  ok(false, 'the browser test ran to the end', e.stack);
} finally {
  await browser.close();
  done();
}
