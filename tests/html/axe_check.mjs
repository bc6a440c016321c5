// Accessibility check of Lectern HTML editions: every page of every folder given is opened in
// Debian's headless Chromium (driven by playwright-core, which downloads no browser), axe-core is
// injected from node_modules, and the WCAG 2.1 A and AA rules are run twice: as delivered (answers
// closed) and with every <details> opened, so the hidden answers are checked too. Any request
// that is not a local file counts as a failure: the edition must work offline.
//
//   node axe_check.mjs EDITION_DIR...
//
// Environment: LECTERN_HTML_SHOTS  folder for screenshots of each page (screen, answers open,
//                                  print, and the index's focused skip link); none when unset:
//                                  they check nothing and took about half the test's time
//                                  (ctest's run leaves them out; set it to look at the pages)
//              LECTERN_CHROMIUM    the browser (default /usr/bin/chromium)
// Exit status: 0 no violations, 1 violations or failed loads, 2 bad usage or no browser.
import { mkdirSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const AXE_PATH = require.resolve('axe-core/axe.min.js');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

const dirs = process.argv.slice(2);
if (dirs.length === 0) {
  console.error('usage: node axe_check.mjs EDITION_DIR...');
  process.exit(2);
}
const shots = process.env.LECTERN_HTML_SHOTS || null;
if (shots) mkdirSync(shots, { recursive: true });
async function shoot(page, name, options = { fullPage: true }) {
  if (shots) await page.screenshot({ path: join(shots, `${name}.png`), ...options });
}

const browser = await chromium.launch({
  executablePath: process.env.LECTERN_CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run',
    // axe reads the stylesheets again (for css-orientation-lock) with a request of its own,
    // which Chromium refuses between file: URLs unless allowed.
    '--allow-file-access-from-files',
    // Nothing may leave the machine: every host name fails and every proxy is a dead end.
    '--host-resolver-rules=MAP * ~NOTFOUND', '--proxy-server=127.0.0.1:9'],
}).catch((e) => {
  console.error(`cannot start Chromium: ${e.message}`);
  process.exit(2);
});

let pages = 0;
let violations = 0;
let failures = 0;

async function runAxe(page) {
  return page.evaluate(async (tags) => {
    const r = await window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target.join(' '), summary: n.failureSummary })),
    }));
  }, TAGS);
}

function report(label, found) {
  for (const v of found) {
    console.log(`  ${label}: [${v.id}] (${v.impact}) ${v.help}`);
    for (const n of v.nodes.slice(0, 10)) console.log(`      ${n.target}\n        ${n.summary.replace(/\n/g, '\n        ')}`);
    if (v.nodes.length > 10) console.log(`      ... and ${v.nodes.length - 10} more`);
  }
  return found.reduce((sum, v) => sum + v.nodes.length, 0);
}

for (const dir of dirs) {
  const edition = basename(resolve(dir));
  const files = readdirSync(dir).filter((f) => f.endsWith('.html')).sort();
  if (files.length === 0) {
    console.log(`${dir}: no .html files`);
    failures++;
    continue;
  }
  for (const file of files) {
    const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
    const page = await context.newPage();
    const problems = [];
    // Any request that is not a local file is a failure (and goes nowhere: see the launch
    // arguments). page.route is not used: Chromium fails file: requests once routing is on.
    page.on('request', (r) => {
      if (!r.url().startsWith('file:')) problems.push(`network request: ${r.url()}`);
    });
    page.on('requestfailed', (r) => {
      if (r.url().startsWith('file:')) problems.push(`failed to load ${r.url()}: ${r.failure()?.errorText}`);
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));

    const url = pathToFileURL(resolve(dir, file)).href;
    await page.goto(url, { waitUntil: 'load' });
    // Every image must have loaded (a broken image would still have its alt).
    const broken = await page.evaluate(() => [...document.images].filter((i) => !i.complete || i.naturalWidth === 0).map((i) => i.src));
    for (const b of broken) problems.push(`image did not load: ${b}`);

    const name = `${edition}-${file.replace(/\.html$/, '')}`;
    await shoot(page, name);
    await page.addScriptTag({ path: AXE_PATH });
    const closed = await runAxe(page);
    await page.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = true; }));
    const open = (await runAxe(page)).filter((v) => !closed.some((c) => c.id === v.id && c.nodes.length === v.nodes.length));
    await shoot(page, `${name}-open`);
    // Reflow (WCAG 1.4.10): at 320 CSS px, with every answer open, the page does not scroll
    // sideways (a wide table scrolls in its own box).
    await page.setViewportSize({ width: 320, height: 900 });
    const wide = await page.evaluate(() => {
      const w = document.documentElement.scrollWidth;
      if (w <= 321) return null;
      const over = [...document.body.querySelectorAll('*')]
        .filter((e) => e.getBoundingClientRect().right > 321 && !e.closest('.table-scroll'))
        .map((e) => e.tagName.toLowerCase() + (e.className ? '.' + e.className : '')).slice(0, 3);
      return `${w} px (${over.join(', ')})`;
    });
    if (wide) problems.push(`the page scrolls sideways at 320 CSS px: ${wide}`);
    await page.setViewportSize({ width: 1100, height: 900 });
    // The printed handout, as the print stylesheet lays it out (a picture to look at only).
    if (shots) {
      await page.emulateMedia({ media: 'print' });
      await shoot(page, `${name}-print`);
      await page.emulateMedia({ media: 'screen' });
    }
    // The skip link shows when it gets the keyboard.
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.keyboard.press('Tab');
    const skip = await page.evaluate(() => document.activeElement?.className === 'skip-link');
    if (!skip) problems.push('the first Tab does not reach the skip link');
    if (file === 'index.html') await shoot(page, `${name}-focus`, {});

    const count = report('answers closed', closed) + report('answers open', open);
    for (const p of problems) console.log(`  ${p}`);
    console.log(`${edition}/${file}: ${count} violation${count === 1 ? '' : 's'}` +
      (problems.length ? `, ${problems.length} load problem${problems.length === 1 ? '' : 's'}` : ''));
    pages++;
    violations += count;
    failures += problems.length;
    await context.close();
  }
}
await browser.close();
console.log(`axe (${TAGS.join(', ')}): ${pages} pages, ${violations} violations, ${failures} load problems`);
if (shots) console.log(`screenshots: ${shots}`);
process.exit(violations === 0 && failures === 0 ? 0 : 1);
