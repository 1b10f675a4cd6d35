// Card render check: draws every Teams card the bot sends with Microsoft's own renderer (the
// adaptivecards package) in headless Chromium, with the Teams light host config, at a phone width and a
// desktop width, opens each ShowCard, and fails when a button title or a text is clipped or the card is
// wider than its column. Screenshots go to target/card-renders/ for a person to look at. It also
// type-checks every Slack Block Kit message against @slack/types under tsc --strict.
//
// Input: target/card-samples/{teams,slack}/*.json, written by the CardSamplesTest classes from the real
// renderers. Usage (from the repository root): bash scripts/card-render-check
import { chromium } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const samples = process.env.CARD_SAMPLES || join(root, 'target', 'card-samples');
const out = join(root, 'target', 'card-renders');
const widths = [392, 880];
const browserPath = process.env.CHROMIUM || '/usr/bin/chromium';

const problems = [];
const problem = (what) => {
  problems.push(what);
  console.log('  FAIL ' + what);
};

function jsonFiles(dir) {
  if (!existsSync(dir)) {
    throw new Error(`no card samples in ${dir}: run the CardSamplesTest classes first (see README, "Cards")`);
  }
  return readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
}

// ---- Slack: every payload must be a valid Block Kit message by Slack's own type definitions ----------

function checkSlack() {
  const files = jsonFiles(join(samples, 'slack'));
  const gen = join(here, 'generated');
  rmSync(gen, { recursive: true, force: true });
  mkdirSync(gen, { recursive: true });
  let ts = "import type { KnownBlock } from '@slack/types';\n\n"
    + '// A chat.postMessage body as the bot sends it.\ninterface Message {\n  text: string;\n  blocks: KnownBlock[];\n}\n\n';
  files.forEach((f, i) => {
    const message = JSON.parse(readFileSync(join(samples, 'slack', f), 'utf8'));
    ts += `// ${f}\nexport const message${i}: Message = ${JSON.stringify(message, null, 2)};\n\n`;
  });
  writeFileSync(join(gen, 'slack-messages.ts'), ts);
  const tsc = join(here, 'node_modules', '.bin', 'tsc');
  try {
    execFileSync(tsc, ['--strict', '--noEmit', '--target', 'es2022', '--module', 'nodenext',
      '--moduleResolution', 'nodenext', '--types', '', join(gen, 'slack-messages.ts')],
    { cwd: here, stdio: 'pipe' });
    console.log(`Slack: ${files.length} messages type-check against @slack/types (tsc --strict)`);
  } catch (e) {
    const output = (e.stdout?.toString() || '') + (e.stderr?.toString() || '');
    problem('Slack payloads do not type-check:\n' + output);
  }
}

// ---- Teams: draw each card with the adaptivecards renderer --------------------------------------------

// Teams' push buttons, after the Teams light container stylesheet of the Adaptive Cards designer (see
// teams-host-config.json): 14 px text, 32 px high, 2 px lavender border, ellipsis when too narrow.
const css = `
  body { margin: 0; background: #F5F5F5; font-family: 'Segoe UI', Tahoma, Geneva, Verdana, sans-serif; }
  #host { background: #FFFFFF; border: 1px solid #E1DFDD; border-radius: 4px; margin: 8px; box-sizing: border-box; }
  .ac-pushButton { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; text-align: center;
    font-family: 'Segoe UI', Tahoma, Geneva, Verdana, sans-serif; font-size: 14px; padding: 4px 10px 5px 10px;
    height: 32px; background: #FFFFFF; color: #6264A7; border: 2px solid #BFC0DA; border-radius: 4px; }
  .ac-pushButton.expanded { background: #6264A7; border-color: #6264A7; color: #FFFFFF; }
  a.ac-anchor { color: #6264A7; text-decoration: none; }
  .ac-container.ac-selectable { cursor: pointer; }
  p { margin-top: 0; margin-bottom: 0; }
`;

async function renderIn(page, card, width, hostConfig) {
  return page.evaluate(({ card, width, hostConfig }) => {
    const host = document.getElementById('host');
    host.style.width = width + 'px';
    host.innerHTML = '';
    const md = window.markdownit({ linkify: false, breaks: false });
    AdaptiveCards.AdaptiveCard.onProcessMarkdown = (text, result) => {
      result.outputHtml = md.render(text);
      result.didProcess = true;
    };
    const ac = new AdaptiveCards.AdaptiveCard();
    ac.hostConfig = new AdaptiveCards.HostConfig(hostConfig);
    const context = new AdaptiveCards.SerializationContext();
    ac.parse(card, context);
    const events = [];
    for (let i = 0; i < context.eventCount; i++) {
      const e = context.getEventAt(i);
      events.push(`${e.phase === 0 ? 'parse' : 'serialize'}: ${e.message}`);
    }
    const validation = ac.validateProperties();
    for (let i = 0; i < validation.validationEvents.length; i++) {
      events.push('validate: ' + validation.validationEvents[i].message);
    }
    const element = ac.render();
    host.appendChild(element);
    return events;
  }, { card, width, hostConfig });
}

/** Every clipped text or button, and anything wider than the card, as readable lines. */
async function clipped(page) {
  return page.evaluate(() => {
    const found = [];
    const cardEl = document.querySelector('#host .ac-adaptiveCard');
    const cardBox = cardEl.getBoundingClientRect();
    if (cardEl.scrollWidth > cardEl.clientWidth + 1) {
      found.push(`card overflows: content ${cardEl.scrollWidth}px in ${cardEl.clientWidth}px`);
    }
    const visible = (el) => el.offsetParent !== null && el.getClientRects().length > 0;
    const label = (el) => (el.innerText || el.textContent || '').trim().replace(/\s+/g, ' ').slice(0, 60);
    for (const el of cardEl.querySelectorAll('*')) {
      if (!visible(el)) continue;
      const style = getComputedStyle(el);
      const box = el.getBoundingClientRect();
      const isButton = el.classList.contains('ac-pushButton') || el.closest('.ac-pushButton');
      if (el.scrollWidth > el.clientWidth + 1 && (style.overflowX === 'hidden' || style.overflow === 'hidden'
          || style.textOverflow === 'ellipsis') && el.clientWidth > 0) {
        found.push(`${isButton ? 'button' : 'text'} clipped: "${label(el)}" needs ${el.scrollWidth}px, has ${el.clientWidth}px`);
      }
      if (box.width > 0 && box.right > cardBox.right + 1) {
        found.push(`sticks out of the card by ${Math.round(box.right - cardBox.right)}px: "${label(el)}"`);
      }
    }
    return [...new Set(found)];
  });
}

async function checkTeams(context) {
  const files = jsonFiles(join(samples, 'teams'));
  const hostConfig = JSON.parse(readFileSync(join(here, 'teams-host-config.json'), 'utf8'));
  const page = await context.newPage();
  await page.setContent(`<!doctype html><html><head><meta charset="utf-8"><style>${css}</style></head>`
    + '<body><div id="host"></div></body></html>');
  await page.addScriptTag({ path: join(here, 'node_modules', 'markdown-it', 'dist', 'browser', 'markdown-it.umd.min.js') });
  await page.addScriptTag({ path: join(here, 'node_modules', 'adaptivecards', 'dist', 'adaptivecards.min.js') });
  let shots = 0;
  for (const file of files) {
    const name = file.replace(/\.json$/, '');
    const card = JSON.parse(readFileSync(join(samples, 'teams', file), 'utf8'));
    for (const width of widths) {
      await page.setViewportSize({ width: width + 40, height: 900 });
      const events = await renderIn(page, card, width, hostConfig);
      events.forEach((e) => problem(`${name} @${width}px: renderer says ${e}`));
      const shot = async (suffix) => {
        const issues = await clipped(page);
        issues.forEach((i) => problem(`${name}${suffix} @${width}px: ${i}`));
        await page.locator('#host').screenshot({ path: join(out, `${name}${suffix}-${width}.png`) });
        shots++;
      };
      await shot('');
      // Open each ShowCard in turn (the top row's and those inside the body) and check what it shows.
      const toggles = await page.locator('#host button[aria-expanded]').count();
      for (let i = 0; i < toggles; i++) {
        const button = page.locator('#host button[aria-expanded]').nth(i);
        if (!(await button.isVisible())) continue;
        const title = (await button.innerText()).trim().toLowerCase().replace(/[^a-z0-9]+/g, '-');
        await button.click();
        await shot(`--${title}${toggles > 3 ? '-' + (i + 1) : ''}`);
        await button.click();
      }
    }
  }
  console.log(`Teams: ${files.length} cards drawn at ${widths.join(' and ')} px, ${shots} screenshots in ${out}`);
}

async function main() {
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  checkSlack();
  const profile = mkdtempSync(join(tmpdir(), 'card-render-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: browserPath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  try {
    await checkTeams(context);
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
  if (problems.length > 0) {
    console.log(`\n${problems.length} problem(s); screenshots in ${out}`);
    process.exit(1);
  }
  console.log('Card render check passed.');
}

main().catch((e) => {
  console.error(e);
  process.exit(2);
});
