import type { Page } from 'playwright-core';

/** A form control by its id: the console gives every field its path (`invoices.0.amountCny`). */
export const field = (page: Page, name: string) => page.locator(`[id="${name}"]`);

/** Types into a searchable choice and takes the first match once it is listed, as a keyboard user does. */
export const choose = async (page: Page, name: string, text: string) => {
  await field(page, name).fill(text);
  await page.locator('.ant-select-item-option-active').filter({ hasText: text }).waitFor();
  await page.keyboard.press('Enter');
};

/** Opens a plain choice and clicks the option of that label. */
export const pick = async (page: Page, name: string, label: string) => {
  await field(page, name).click();
  await page.locator(`.ant-select-item-option[title="${label}"]`).click();
};

/** Chooses a file through the upload control of an attached-file item and waits until it is stored. */
export const attachFile = async (page: Page, name: string, file: { name: string; bytes: Uint8Array }) => {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), field(page, name).click()]);
  await chooser.setFiles({ name: file.name, mimeType: 'application/pdf', buffer: Buffer.from(file.bytes) });
  await page.locator(`[data-testid="${name}-uploaded"]`).filter({ hasText: file.name }).waitFor();
};
