// Browser tests: sharing files (a pasted screenshot, a dropped PDF), seeing and downloading them
// as another member, the files pane, and what outsiders get. The uploads go straight to the S3
// stand-in of the stack, so these need UPLOADS_BUCKET (`make test` sets it). See helpers.mjs.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import {
  BASE_URL,
  LIVE_TIMEOUT_MS,
  createChannel,
  currentUserName,
  openRowId,
  pickUsers,
  withBrowser,
  answerConfirm,
} from './helpers.mjs';
import { accessToken, apiGet, pasteScreenshot, requireUploads } from './uploads.mjs';


/** A small but real PDF: its bytes start as a PDF's must, and carry the run id to tell them apart. */
function pdfBytes(run) {
  return Buffer.concat([
    Buffer.from(`%PDF-1.4\n% Parley e2e ${run}\n1 0 obj << /Type /Catalog >> endobj\n`),
    randomBytes(2048),
    Buffer.from('\ntrailer << /Root 1 0 R >>\n%%EOF\n'),
  ]);
}



/**
 * Drags a file over the message list (the overlay must show) and drops it. The DataTransfer is
 * kept on `window` between the steps, as a real drag keeps one.
 */
async function dropFile(page, { name, type, bytes, size }) {
  await page.evaluate(
    ({ name, type, bytes, size }) => {
      const content = bytes ? new Uint8Array(bytes) : new Uint8Array(size);
      const data = new DataTransfer();
      data.items.add(new File([content], name, { type }));
      window.__drag = data;
      const list = document.querySelector('[data-testid="message-list"]');
      for (const kind of ['dragenter', 'dragover']) {
        list.dispatchEvent(new DragEvent(kind, { dataTransfer: data, bubbles: true, cancelable: true }));
      }
    },
    { name, type, bytes: bytes ? [...bytes] : null, size: size ?? 0 },
  );
  await page.getByTestId('drop-overlay').waitFor();
  await page.evaluate(() => {
    const list = document.querySelector('[data-testid="message-list"]');
    list.dispatchEvent(new DragEvent('drop', { dataTransfer: window.__drag, bubbles: true, cancelable: true }));
  });
  await page.getByTestId('drop-overlay').waitFor({ state: 'detached' });
}

/** The composer's chip for a file, by name. */
function chip(page, name) {
  return page.locator(`[data-testid="upload-chip"][data-name="${name}"]`);
}

async function waitUploaded(page, name) {
  await page.locator(`[data-testid="upload-chip"][data-name="${name}"][data-status="done"]`).waitFor({ timeout: 30_000 });
}

test(
  'a pasted screenshot and a dropped PDF reach another member: thumbnail, lightbox, download, files pane; outsiders get 404',
  { timeout: 180_000 },
  () =>
    withBrowser('files', async ({ run, signInAs }) => {
      requireUploads();
      const ann = await signInAs(`ann-${run}`);
      const bob = await signInAs(`bob-${run}`);
      const eve = await signInAs(`eve-${run}`);
      const bobName = await currentUserName(bob);
      const name = `files-${run}`;

      // A private channel of Ann and Bob.
      await createChannel(ann, name, { type: 'private' });
      await ann.getByTestId('members-button').click();
      await pickUsers(ann, [`bob-${run}`]);
      await ann.getByTestId('members-add-submit').click();
      await ann.locator('[data-testid="member-row"]').filter({ hasText: bobName }).waitFor();
      await ann.getByTestId('members-button').click();
      const channelId = await openRowId(ann);
      await bob.goto(`${BASE_URL}/c/${name}`);
      await bob.getByTestId('composer-input').waitFor();
      // Bob keeps the files pane open: it starts empty.
      await bob.getByTestId('files-button').click();
      const pane = bob.getByTestId('files-panel');
      await pane.getByTestId('files-empty').waitFor();

      // A drag of text, not files, shows no drop overlay.
      await ann.evaluate(() => {
        const data = new DataTransfer();
        data.setData('text/plain', 'just text');
        const list = document.querySelector('[data-testid="message-list"]');
        list.dispatchEvent(new DragEvent('dragenter', { dataTransfer: data, bubbles: true, cancelable: true }));
      });
      assert.equal(await ann.getByTestId('drop-overlay').count(), 0, 'a drag without files shows no overlay');

      // Ann pastes a screenshot and drops a PDF; both upload, then she sends them without text.
      await pasteScreenshot(ann, { name: 'screenshot.png', width: 640, height: 400 });
      const pdf = pdfBytes(run);
      await dropFile(ann, { name: 'plan.pdf', type: 'application/pdf', bytes: pdf });
      await chip(ann, 'screenshot.png').locator('img').waitFor();
      await waitUploaded(ann, 'screenshot.png');
      await waitUploaded(ann, 'plan.pdf');
      assert.equal(await chip(ann, 'plan.pdf').locator('.file-badge').textContent(), 'PDF');
      await ann.getByTestId('composer-send').click();
      await ann.getByTestId('upload-chip').first().waitFor({ state: 'detached' });
      const annsMessage = ann.getByTestId('message').filter({ has: ann.getByTestId('attachments') });
      await annsMessage.getByTestId('attachment-file').waitFor();

      // Both come into Bob's files pane live, newest first, with who shared them.
      await pane.getByTestId('file-row').nth(1).waitFor({ timeout: LIVE_TIMEOUT_MS });
      const rows = await pane.getByTestId('file-row').evaluateAll((els) => els.map((el) => el.dataset.name));
      assert.deepEqual([...rows].sort(), ['plan.pdf', 'screenshot.png']);
      const annName = await currentUserName(ann);
      assert.match(await pane.getByTestId('file-row').first().textContent(), new RegExp(annName));

      // Bob sees the screenshot in a box sized from the image (640×400 fits 360×225), loaded.
      const message = bob.getByTestId('message').filter({ has: bob.getByTestId('attachments') });
      const thumb = message.getByTestId('attachment-image');
      await thumb.waitFor();
      const box = await thumb.boundingBox();
      assert.ok(Math.abs(box.width - 360) <= 1 && Math.abs(box.height - 225) <= 1, `box 360×225, got ${box.width}×${box.height}`);
      const img = thumb.locator('img');
      assert.equal(await img.getAttribute('alt'), 'screenshot.png');
      await bob.waitForFunction(
        () => document.querySelector('[data-testid="attachment-image"] img')?.naturalWidth > 0,
        null,
        { timeout: LIVE_TIMEOUT_MS },
      );
      const boxAfter = await thumb.boundingBox();
      assert.deepEqual([boxAfter.width, boxAfter.height], [box.width, box.height], 'nothing moves when the image loads');
      const pdfChip = message.getByTestId('attachment-file');
      assert.match(await pdfChip.textContent(), /plan\.pdf/);

      // The lightbox: opened from the thumbnail, a labelled modal dialog; Escape closes it and
      // focus goes back to the thumbnail.
      await thumb.click();
      const lightbox = bob.getByTestId('lightbox');
      await lightbox.waitFor();
      assert.equal(await lightbox.getAttribute('role'), 'dialog');
      assert.equal(await lightbox.getAttribute('aria-modal'), 'true');
      assert.equal(await lightbox.getAttribute('aria-label'), 'screenshot.png');
      await bob.waitForFunction(() => document.querySelector('[data-testid="lightbox-image"]')?.naturalWidth === 640);
      await bob.keyboard.press('Tab');
      await bob.keyboard.press('Tab');
      await bob.keyboard.press('Tab');
      assert.ok(await lightbox.evaluate((el) => el.contains(document.activeElement)), 'focus stays in the lightbox');
      await bob.keyboard.press('Escape');
      await lightbox.waitFor({ state: 'detached' });
      assert.equal(await bob.evaluate(() => document.activeElement?.dataset.testid), 'attachment-image');

      // Bob downloads the PDF: the same bytes.
      const [download] = await Promise.all([bob.waitForEvent('download'), pdfChip.getByTestId('attachment-download').click()]);
      assert.equal(download.suggestedFilename(), 'plan.pdf');
      const saved = await readFile(await download.path());
      assert.ok(saved.equals(pdf), `downloaded ${saved.length} bytes, sent ${pdf.length}: they should be the same`);

      // From the pane too: the image opens in the lightbox, the PDF's row jumps to the message.
      await pane.locator('[data-testid="file-row"][data-name="screenshot.png"]').getByTestId('attachment-image').click();
      await lightbox.waitFor();
      await bob.keyboard.press('Escape');
      await lightbox.waitFor({ state: 'detached' });
      const messageId = await message.getAttribute('data-message-id');
      await pane.locator('[data-testid="file-row"][data-name="plan.pdf"]').getByTestId('file-jump').click();
      await bob.waitForURL((url) => url.searchParams.get('message') === messageId);

      // Eve, not in the channel, is told neither file exists, whatever view she asks for.
      const fileIds = await message.locator('[data-file-id]').evaluateAll((els) => els.map((el) => el.dataset.fileId));
      assert.equal(fileIds.length, 2);
      const token = await accessToken(eve);
      for (const fileId of fileIds) {
        for (const view of ['download', 'preview']) {
          const answer = await apiGet(eve, token, `/api/v1/channels/${channelId}/files/${fileId}/url?as=${view}`);
          assert.equal(answer.status, 404, `Eve asking for ${fileId} as ${view}`);
          assert.equal(answer.body?.error?.code, 'file_not_found');
        }
      }
      const listing = await apiGet(eve, token, `/api/v1/channels/${channelId}/files`);
      assert.notEqual(listing.status, 200, 'nor may she list the channel’s files');

      // Ann deletes the message: its files leave Bob's pane live.
      await annsMessage.hover();
      await annsMessage.getByTestId('delete-button').click();
      await answerConfirm(ann);
      await pane.getByTestId('files-empty').waitFor({ timeout: LIVE_TIMEOUT_MS });
      await bob.getByTestId('deleted-message').waitFor();
      assert.equal(await bob.getByTestId('attachments').count(), 0, 'a deleted message shows no files');
    }),
);

test(
  'a cancelled upload sends nothing; a file over the limit is refused in the composer',
  { timeout: 120_000 },
  () =>
    withBrowser('files-cancel', async ({ run, signInAs }) => {
      requireUploads();
      const ann = await signInAs(`ann-${run}`);
      await createChannel(ann, `cancel-${run}`);

      // The bucket takes no bytes for now: the PUT waits until Ann cancels.
      const held = [];
      const toBucket = (url) => url.origin !== new URL(BASE_URL).origin;
      await ann.route(toBucket, (route) => (route.request().method() === 'PUT' ? held.push(route) : route.continue()));
      await ann.getByTestId('attach-input').setInputFiles({
        name: 'notes.txt',
        mimeType: 'text/plain',
        buffer: Buffer.from(`Notes ${run}\n`.repeat(200)),
      });
      await ann.locator('[data-testid="upload-chip"][data-status="uploading"]').waitFor();
      assert.equal(await ann.getByTestId('composer-send').isDisabled(), true, 'nothing to send while it uploads');
      await ann.getByTestId('upload-cancel').click();
      await ann.getByTestId('upload-chip').waitFor({ state: 'detached' });
      for (const route of held) await route.abort().catch(() => undefined);
      assert.equal(await ann.getByTestId('composer-send').isDisabled(), true, 'nothing to send once cancelled');

      const text = `No files here ${run}`;
      await ann.getByTestId('composer-input').fill(text);
      await ann.getByTestId('composer-input').press('Enter');
      const sent = ann.getByTestId('message').filter({ hasText: text });
      await sent.waitFor();
      assert.equal(await sent.getByTestId('attachments').count(), 0, 'the cancelled file did not go');
      await ann.getByTestId('files-button').click();
      await ann.getByTestId('files-empty').waitFor();
      await ann.unroute(toBucket);

      // One byte over the workspace's limit: refused at once, saying why, and nothing uploads.
      const token = await accessToken(ann);
      const settings = await apiGet(ann, token, '/api/v1/workspace');
      const limit = settings.body.maxUploadBytes;
      assert.ok(limit <= 200 * 1024 * 1024, `the workspace limit (${limit} bytes) is small enough to test`);
      await dropFile(ann, { name: 'huge.zip', type: 'application/zip', size: limit + 1 });
      const refused = ann.getByTestId('upload-refused');
      await refused.waitFor();
      assert.match(await refused.textContent(), /huge\.zip is .+; files can be at most .+ here\./);
      assert.equal(await ann.getByTestId('upload-chip').count(), 0);
    }),
);

test('keyboard only: attach two images and a file, remove one, send, and go through the images in the lightbox', { timeout: 120_000 }, () =>
  withBrowser('files-keyboard', async ({ run, signInAs }) => {
    requireUploads();
    const ann = await signInAs(`ann-${run}`);
    await createChannel(ann, `keys-${run}`);
    // Two PNGs drawn in the page (300×600 and 800×200) and a text file.
    const pngs = await ann.evaluate(() =>
      [
        [300, 600, '#1565c0'],
        [800, 200, '#c62828'],
      ].map(([w, h, colour]) => {
        const canvas = document.createElement('canvas');
        canvas.width = w;
        canvas.height = h;
        const ctx = canvas.getContext('2d');
        ctx.fillStyle = colour;
        ctx.fillRect(0, 0, w, h);
        return canvas.toDataURL('image/png').split(',')[1];
      }),
    );
    const files = [
      { name: 'tall.png', mimeType: 'image/png', buffer: Buffer.from(pngs[0], 'base64') },
      { name: 'wide.png', mimeType: 'image/png', buffer: Buffer.from(pngs[1], 'base64') },
      { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from(`Notes ${run}\n`) },
    ];

    // The composer has the keyboard; Shift+Tab reaches the paperclip, Enter opens the chooser.
    // (Waiting for the chooser from the start: Playwright turns on catching it without waiting
    // for the browser, so a key pressed at once may open a real dialog instead.)
    const choosing = ann.waitForEvent('filechooser');
    const input = ann.getByTestId('composer-input');
    await input.focus();
    await ann.keyboard.press('Shift+Tab');
    assert.equal(await ann.evaluate(() => document.activeElement?.getAttribute('aria-label')), 'Attach files');
    await ann.keyboard.press('Enter');
    const chooser = await choosing;
    assert.ok(chooser.isMultiple());
    await chooser.setFiles(files);
    for (const { name } of files) await waitUploaded(ann, name);

    // Shift+Tab from the paperclip reaches the last chip's remove button; Enter removes the
    // text file and the keyboard is back in the text box.
    await ann.keyboard.press('Shift+Tab');
    assert.equal(await ann.evaluate(() => document.activeElement?.getAttribute('aria-label')), 'Remove notes.txt');
    await ann.keyboard.press('Enter');
    await chip(ann, 'notes.txt').waitFor({ state: 'detached' });
    assert.equal(await ann.evaluate(() => document.activeElement?.dataset.testid), 'composer-input');
    await ann.keyboard.type(`Two pictures ${run}`);
    await ann.keyboard.press('Enter');
    const message = ann.getByTestId('message').filter({ hasText: `Two pictures ${run}` });
    await message.getByTestId('attachment-image').nth(1).waitFor();
    assert.equal(await message.getByTestId('attachment-file').count(), 0, 'the removed file did not go');
    const sizes = await message.getByTestId('attachment-image').evaluateAll((els) =>
      els.map((el) => [el.getBoundingClientRect().width, el.getBoundingClientRect().height]),
    );
    assert.deepEqual(sizes, [[120, 240], [360, 90]], 'each image in its own shape, within 360×240');

    // Enter on a thumbnail opens the lightbox; the arrows go through the message's images.
    await message.getByTestId('attachment-image').first().focus();
    await ann.keyboard.press('Enter');
    const name = ann.getByTestId('lightbox-name');
    assert.equal(await name.textContent(), 'tall.png');
    await ann.keyboard.press('ArrowRight');
    assert.equal(await name.textContent(), 'wide.png');
    await ann.keyboard.press('ArrowRight');
    assert.equal(await name.textContent(), 'tall.png', 'after the last comes the first again');
    await ann.keyboard.press('ArrowLeft');
    assert.equal(await name.textContent(), 'wide.png');
    await ann.keyboard.press('Escape');
    await ann.getByTestId('lightbox').waitFor({ state: 'detached' });
    assert.equal(await ann.evaluate(() => document.activeElement?.dataset.testid), 'attachment-image');
  }),
);
