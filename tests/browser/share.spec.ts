// Share links in a real browser: share an edited recipe, open the link in a fresh profile (read
// only, nothing run until Run, then kept as a variant); an unchanged recipe shares by name; every
// kind of bad link gets a clear message on a page that still works, and a link to a recipe name
// not shipped offers the recipes its words name; Markdown from a link is inert.
import { deflateRawSync } from 'node:zlib';
import { expect, test, type Page } from '@playwright/test';
import { encodeShareLink } from '../../src/notebook/share-link.ts';
import { readyStatus, seriousViolations, snap } from './notebook-page.ts';
import { addLine, codeEditor, myVariants, openRecipeCells, variantBar, waitSaved } from './variants-page.ts';

const RECIPE = 'window-functions';
const versions = { python: '3.13.2', sqlalchemy: '2.0.52' };

/** A payload of raw JSON compressed the way links are, to build links this app would never write. */
const payloadOf = (json: string): string => `d${deflateRawSync(Buffer.from(json)).toString('base64url')}`;

function shareDialog(page: Page) {
  return page.locator('retort-share-dialog dialog');
}

async function shareLink(page: Page): Promise<string> {
  await page.locator('retort-notebook').getByRole('button', { name: 'Share…' }).click();
  const input = shareDialog(page).getByLabel('Link');
  await expect(input).toHaveValue(/#\/(shared|recipe)\//);
  return input.inputValue();
}

test('share an edited recipe; a fresh profile sees it unrun and read-only, runs it on request and keeps it', async ({ page, browser, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openRecipeCells(page, RECIPE);
  await addLine(page, 0, 'print("shared edit 42")');
  await waitSaved(page);
  const url = await shareLink(page);
  expect(url).toMatch(/#\/shared\/[dl][A-Za-z0-9_$+-]+$/);
  await expect(shareDialog(page)).toContainText(`${url.length.toLocaleString('en')} characters`);
  await expect(shareDialog(page).getByRole('alert')).toHaveCount(0); // short enough: no warning
  await shareDialog(page).getByRole('button', { name: 'Copy link' }).click();
  await expect(shareDialog(page)).toContainText('Copied to the clipboard.');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);
  await snap(page, 'share-dialog');
  expect(await seriousViolations(page)).toEqual([]);
  await shareDialog(page).getByRole('button', { name: 'Close' }).click();
  await expect(shareDialog(page)).toBeHidden();

  // A fresh browser profile: no variants, nothing stored.
  const other = await browser.newContext();
  const them = await other.newPage();
  await them.goto(url);
  const banner = them.locator('retort-shared-banner');
  await expect(banner).toContainText('Opened from a share link, read-only');
  await expect(banner).toContainText('Window functions for running totals and ranks');
  await expect(banner).toContainText('Nothing has run');
  await expect(codeEditor(them, 0)).toContainText('print("shared edit 42")');
  await expect(readyStatus(them)).toBeVisible();
  // Python is ready and still nothing ran: no outputs, no execution counts.
  await expect(them.locator('retort-cell-output')).toHaveCount(0);
  await expect(them.locator('retort-cell .count').first()).toHaveText('[ ]');
  await snap(them, 'share-opened');
  // Read-only: typing changes nothing, and there is nothing to add, move or delete cells with.
  await codeEditor(them, 0).click();
  await them.keyboard.press('Control+Home');
  await them.keyboard.insertText('typed ');
  await expect(codeEditor(them, 0)).not.toContainText('typed');
  await expect(them.getByRole('button', { name: '+ Cell' })).toHaveCount(0);
  await expect(them.getByRole('button', { name: /^Delete / })).toHaveCount(0);
  await expect(myVariants(them).getByRole('link')).toHaveCount(0);
  expect(await seriousViolations(them)).toEqual([]);

  await them.getByRole('button', { name: '▶▶ Run all' }).click();
  await expect(them.locator('retort-cell-output').first()).toContainText('shared edit 42');

  await banner.getByRole('button', { name: 'Save to my variants' }).click();
  await expect(them).toHaveURL(/#\/variant\/v/);
  await expect(variantBar(them)).toContainText('Your variant');
  await expect(myVariants(them).getByRole('link')).toHaveCount(1);
  await addLine(them, 0, '# now mine');
  await waitSaved(them);
  await them.reload();
  await expect(codeEditor(them, 0)).toContainText('# now mine');
  await expect(codeEditor(them, 0)).toContainText('print("shared edit 42")');
  await other.close();
});

test('an unchanged recipe shares by name, and a long link warns and offers a file', async ({ page }) => {
  await openRecipeCells(page, RECIPE);
  const url = await shareLink(page);
  expect(url.endsWith(`#/recipe/${RECIPE}`)).toBe(true);
  // Named at once, before Python has started, and focused and selected for Ctrl+C.
  await expect(shareDialog(page).getByLabel('Link')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(shareDialog(page)).toBeHidden();
  await shareLink(page);
  await expect(shareDialog(page)).toContainText('shipped recipe, unchanged');
  await shareDialog(page).getByRole('button', { name: 'Close' }).click();

  // 3,000 characters that do not compress: the link passes the length chat tools cut.
  let noise = '';
  for (let i = 0; noise.length < 3000; i++) noise += ((i * 2654435761) >>> 0).toString(36);
  await addLine(page, 0, `# ${noise}`);
  await shareLink(page);
  const warning = shareDialog(page).getByRole('alert');
  await expect(warning).toContainText('longer than 2,000 characters');
  await expect(warning.getByRole('button', { name: 'Download .ipynb' })).toBeVisible();
  await snap(page, 'share-long-link');
});

test('every bad link gets a clear message, nothing runs, saved variants are untouched, the app keeps working', async ({ page }) => {
  await openRecipeCells(page, RECIPE);
  await addLine(page, 0, '# kept draft');
  await waitSaved(page);
  const good = (await encodeShareLink(
    { title: 'Good', cells: [{ id: 'a', kind: 'code', source: 'print(1)\n'.repeat(40) }], files: [] },
    versions,
  )) as string;
  const bad: [string, RegExp][] = [
    ['', /has no notebook/],
    ['x' + good.slice(1), /does not start the way/],
    ['d%3Cscript%3E', /malformed/],
    [`l${'A'.repeat(5000)}`, /longer than Retort writes/],
    [good.slice(0, Math.floor(good.length / 2)), /incomplete or damaged|malformed/],
    [good.slice(0, 20) + (good[20] === 'A' ? 'B' : 'A') + good.slice(21), /incomplete or damaged|does not hold/],
    [payloadOf(JSON.stringify({ v: 99, py: '3', sa: '2', t: 'x', c: [] })), /uses format 99/],
    [payloadOf(JSON.stringify({ hello: 'world' })), /does not hold a Retort notebook/],
    [payloadOf(JSON.stringify({ v: 1, py: '3', sa: '2', t: 'x', c: [['code', 'ok'], ['shell', 'rm -rf /']] })), /cell 2/],
    [payloadOf(JSON.stringify({ v: 1, py: '3', sa: '2', t: 'x', c: [], f: [['../../etc/passwd', 'x']] })), /relative path/],
    [`d${deflateRawSync(Buffer.alloc(3 * 1024 * 1024, 32)).toString('base64url')}`, /larger than 2 MB/],
  ];
  for (const [payload, message] of bad) {
    await page.goto(`/#/shared/${payload}`);
    const alert = page.locator('main [role="alert"]');
    await expect(alert, payload.slice(0, 40)).toContainText('This link cannot be opened');
    await expect(alert, payload.slice(0, 40)).toContainText(message);
    await expect(alert).toContainText('your saved variants are untouched');
    await expect(page.locator('retort-notebook')).toHaveCount(0);
  }
  await snap(page, 'share-bad-link');
  // Still working: the catalog opens a recipe, and the draft is as it was.
  await page.locator('retort-catalog').getByRole('link', { name: /Window functions/ }).click();
  await expect(codeEditor(page, 0)).toContainText('# kept draft');
  await expect(myVariants(page).getByRole('link')).toHaveCount(1);
});

test('a link to a recipe name that is not shipped says so and offers the recipes its words name', async ({ page }) => {
  // A link made before a recipe was renamed, say.
  await page.goto('/#/recipe/adjacency-list');
  const main = page.locator('main');
  await expect(main.getByRole('heading', { name: 'Recipe not found' })).toBeVisible();
  await expect(main).toContainText('There is no recipe called “adjacency-list”. It may have been renamed');
  const offered = main.locator('ul.near').getByRole('link');
  await expect(offered.first()).toHaveText(/self-referential relationship/);
  expect(await offered.count()).toBeLessThanOrEqual(3);
  expect(await seriousViolations(page)).toEqual([]);
  await snap(page, 'recipe-not-found');
  await offered.first().click();
  await expect(page).toHaveURL(/#\/recipe\/adjacency-list-tree$/);
  await expect(page.locator('retort-notebook')).toBeVisible();
  // A name with no word of any recipe's: the list is the way on, linked, since at phone width it
  // is not on screen.
  await page.goto('/#/recipe/zzz-qqq');
  await expect(main).toContainText('There is no recipe called “zzz-qqq”. Pick one from the list of recipes');
  await expect(main.locator('ul.near')).toHaveCount(0);
  await page.setViewportSize({ width: 390, height: 800 });
  await main.getByRole('link', { name: 'the list of recipes' }).click();
  await expect(page).toHaveURL(/#\/$/);
  await expect(page.getByRole('link', { name: /Hybrid properties/ })).toBeVisible();
});

test('Markdown from a link is sanitized: no script runs, no handler or javascript: URL survives', async ({ page }) => {
  // Written here: each line tries a different way to run script from Markdown or raw HTML.
  const corpus = [
    '<script>window.__xss = "script"</script>',
    '<img src=x onerror="window.__xss = \'img\'">',
    '<svg onload="window.__xss = \'svg\'"><circle r="4"/></svg>',
    '<iframe src="javascript:parent.__xss = \'iframe\'"></iframe>',
    '[click me](javascript:window.__xss=\'link\')',
    '<a href="JaVaScRiPt:window.__xss=\'case\'">mixed case</a>',
    '<a href="&#106;avascript:window.__xss=\'entity\'">entity</a>',
    '<details open ontoggle="window.__xss = \'details\'"><summary>s</summary></details>',
    '<object data="data:text/html,<script>parent.__xss=\'object\'</script>"></object>',
    '<embed src="data:text/html,<script>parent.__xss=\'embed\'</script>">',
    '<form action="javascript:window.__xss=\'form\'"><button>go</button></form>',
    '<math><mtext><table><mglyph><style><img src=x onerror="window.__xss=\'mxss\'">',
    '<body onload="window.__xss = \'body\'">',
    '<style>@import "javascript:window.__xss=1";</style>',
    '<div style="background:url(javascript:window.__xss=\'style\')">styled</div>',
    '![img](x" onerror="window.__xss=\'md-img\')',
    '<input autofocus onfocus="window.__xss = \'focus\'">',
    '<video><source onerror="window.__xss = \'video\'"></video>',
    '<base href="javascript:/">',
    '<meta http-equiv="refresh" content="0;url=javascript:window.__xss=\'meta\'">',
  ];
  const payload = await encodeShareLink(
    {
      title: '<img src=x onerror="window.__xss=\'title\'">',
      cells: corpus.map((source, i) => ({ id: `m${i}`, kind: 'markdown' as const, source: `Case ${i + 1}\n\n${source}` })),
      files: [],
    },
    versions,
  );
  await page.goto(`/#/shared/${payload}`);
  await expect(page.locator('retort-shared-banner')).toContainText('Opened from a share link');
  await expect(page.locator('retort-cell .prose')).toHaveCount(corpus.length);
  await expect(page.locator('retort-cell .prose').last()).toContainText(`Case ${corpus.length}`);
  // Give anything that could fire (onerror, onload, autofocus) time to.
  await page.waitForTimeout(500);
  expect(await page.evaluate(() => (window as unknown as { __xss?: string }).__xss)).toBeUndefined();
  const found = await page.evaluate(() => {
    const problems: string[] = [];
    const walk = (root: ParentNode): void => {
      for (const el of Array.from(root.querySelectorAll('*'))) {
        if ((el as HTMLElement).shadowRoot) walk((el as HTMLElement).shadowRoot!);
        if (!el.closest('.prose')) continue;
        if (/^(SCRIPT|IFRAME|OBJECT|EMBED|FORM|BASE|META|STYLE)$/i.test(el.tagName)) problems.push(el.tagName);
        for (const attr of Array.from(el.attributes)) {
          if (/^on/i.test(attr.name)) problems.push(`${el.tagName} ${attr.name}`);
          if (/^\s*javascript:/i.test(attr.value)) problems.push(`${el.tagName} ${attr.name}=${attr.value}`);
        }
      }
    };
    walk(document);
    return problems;
  });
  expect(found).toEqual([]);
  // The title is text, not markup.
  await expect(page.locator('retort-recipe-header h1')).toHaveText('<img src=x onerror="window.__xss=\'title\'">');
});
