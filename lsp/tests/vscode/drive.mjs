// Drives a real VS Code (code-server, with the extension from the built
// .vsix) in headless Chromium, with keyboard and mouse as a drafter would,
// on a scratch copy of the Kempen example. Started by lsp/tests/vscode.rs,
// which passes:
//   REGLEMENT_URL        the code-server workbench with the folder open
//   REGLEMENT_SHOTS      where the screenshots go
//   REGLEMENT_RESULTS    where the measured times go (JSON)
//   REGLEMENT_EDITOR_TOOLS  the folder with puppeteer-core installed
// Each step asserts what the drafter must see; on a failure it saves
// fout.png and exits 1 with what was expected and what was there.

import { createRequire } from "module";
import * as fs from "fs";
import * as path from "path";

const require = createRequire(path.join(process.env.REGLEMENT_EDITOR_TOOLS, "package.json"));
const puppeteer = require("puppeteer-core");

const URL = process.env.REGLEMENT_URL;
const SHOTS = process.env.REGLEMENT_SHOTS;
const RESULTS = process.env.REGLEMENT_RESULTS;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const results = {};
let page;

function log(text) {
  console.log(`[${new Date().toISOString().slice(11, 23)}] ${text}`);
}

async function shot(name) {
  await page.screenshot({ path: path.join(SHOTS, name) });
  log(`screenshot ${name}`);
}

async function key(combo) {
  const parts = combo.split("+");
  for (const p of parts.slice(0, -1)) await page.keyboard.down(p);
  await page.keyboard.press(parts[parts.length - 1]);
  for (const p of parts.slice(0, -1).reverse()) await page.keyboard.up(p);
}

/// Wait until `fn` (run in the page, with `arg`) returns something truthy.
async function until(what, fn, arg, timeout = 20000) {
  try {
    const handle = await page.waitForFunction(fn, { timeout, polling: 50 }, arg);
    return await handle.jsonValue();
  } catch (e) {
    throw new Error(`${what}: not seen within ${timeout} ms`);
  }
}

/// The rows of the Problems panel (their accessible labels).
async function problems() {
  return page.$$eval(".markers-panel .monaco-list-row", (els) => els.map((e) => e.getAttribute("aria-label") ?? ""));
}

// every row of the Problems panel: its list renders only the rows in view,
// so the panel is maximized (its own button) while the rows are read, then
// restored
async function allProblems() {
  const toggle = () =>
    page.evaluate(() => {
      const button = [...document.querySelectorAll(".part.panel .action-label")].find(
        (a) =>
          a.classList.contains("codicon-screen-full") ||
          a.classList.contains("codicon-screen-normal") ||
          /maximi[sz]e panel|restore panel/i.test(a.getAttribute("aria-label") ?? ""),
      );
      button?.click();
      return button !== undefined;
    });
  const maximized = await toggle();
  await sleep(500);
  const rows = await problems();
  if (maximized) {
    await toggle();
    await sleep(300);
  }
  return rows;
}

async function quickOpen(name) {
  await key("Control+KeyP");
  await page.waitForSelector(".quick-input-widget input", { visible: true });
  await page.keyboard.type(name);
  await until(
    `quick open lists ${name}`,
    (n) => [...document.querySelectorAll(".quick-input-list .monaco-list-row")].some((r) => (r.getAttribute("aria-label") ?? "").startsWith(n)),
    name,
  );
}

async function goToLine(line) {
  await key("Control+KeyG");
  await page.waitForSelector(".quick-input-widget input", { visible: true });
  await page.keyboard.type(String(line));
  await page.keyboard.press("Enter");
  await sleep(150);
}

/// The text of the line the cursor is on, as the editor renders it.
async function currentLine() {
  return page.evaluate(() => {
    const editor = document.querySelector(".editor-group-container.active .monaco-editor");
    const cursor = editor.querySelector(".cursors-layer .cursor");
    const top = cursor.style.top;
    const line = [...editor.querySelectorAll(".view-lines .view-line")].find((l) => l.style.top === top);
    return line ? line.textContent.replace(/\u00a0/g, " ") : null;
  });
}

function expect(ok, what) {
  if (!ok) throw new Error(what);
}

async function main() {
  const browser = await puppeteer.launch({
    executablePath: process.env.REGLEMENT_CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
    defaultViewport: { width: 1400, height: 900 },
  });
  try {
    page = await browser.newPage();
    await run();
  } catch (e) {
    log(`FOUT: ${e.message}`);
    if (page) {
      await shot("fout.png").catch(() => {});
      log(`Problems panel: ${JSON.stringify(await problems().catch(() => []))}`);
    }
    process.exitCode = 1;
  } finally {
    fs.writeFileSync(RESULTS, JSON.stringify(results, null, 2));
    await browser.close();
  }
}

async function run() {
  const t0 = Date.now();
  await page.goto(URL, { waitUntil: "domcontentloaded" });
  await page.waitForSelector(".explorer-folders-view .monaco-list-row", { timeout: 90000 });
  results.workbench_ms = Date.now() - t0;
  log(`workbench with the folder: ${results.workbench_ms} ms`);
  await key("Control+Shift+KeyM"); // the Problems panel stays open
  // the rows of the Problems panel under one file's header
  await page.evaluate(() => {
    window.__rowsOf = (file) => {
      const out = [];
      let inside = false;
      for (const r of document.querySelectorAll(".markers-panel .monaco-list-row")) {
        const label = r.getAttribute("aria-label") ?? "";
        const header = / problems? in file (.+) of folder/.exec(label);
        if (header) {
          inside = header[1] === file;
        } else if (inside) {
          out.push(label);
        }
      }
      return out;
    };
  });

  // 1. the server starts once, on another reglement of the folder (a copy with 25%)
  await quickOpen("andere.reglement");
  let start = Date.now();
  await page.keyboard.press("Enter");
  await until(
    "the error of andere.reglement in the Problems panel",
    () => [...document.querySelectorAll(".markers-panel .monaco-list-row")].some((r) => (r.getAttribute("aria-label") ?? "").includes("is 25%")),
  );
  results.first_file_diagnostics_ms = Date.now() - start;
  log(`first file, first diagnostics: ${results.first_file_diagnostics_ms} ms`);
  // the panel's list renders only the rows in view: fold the groups shown so
  // far (this file and the regional file), so the Kempen group comes in sight
  await page.evaluate(() => {
    const button = [...document.querySelectorAll(".part.panel .action-label")].find(
      (a) => a.classList.contains("codicon-collapse-all") || /collapse all|alles samenvouwen/i.test(a.getAttribute("aria-label") ?? ""),
    );
    button?.click();
  });
  await until("the groups of the Problems panel folded", () =>
    ![...document.querySelectorAll(".markers-panel .monaco-list-row")].some((r) => (r.getAttribute("aria-label") ?? "").includes("is 25%")),
  );

  // 2. the Kempen example: its first diagnostics, timed in the page from the key press
  await quickOpen("kempen.reglement");
  await page.evaluate(() => {
    window.__reglement = new Promise((resolve) => {
      const t = performance.now();
      const seen = () =>
        [...document.querySelectorAll(".markers-panel .monaco-list-row")].some((r) =>
          (r.getAttribute("aria-label") ?? "").includes("in file kempen.reglement"),
        );
      const observer = new MutationObserver(() => {
        if (seen()) {
          observer.disconnect();
          resolve(performance.now() - t);
        }
      });
      observer.observe(document.body, { subtree: true, childList: true, attributes: true });
    });
  });
  await page.keyboard.press("Enter");
  results.kempen_first_diagnostics_ms = Math.round(await page.evaluate(() => window.__reglement));
  log(`Kempen opened → its first diagnostics: ${results.kempen_first_diagnostics_ms} ms`);
  await until("the Kempen warning about kansarmoede", () =>
    [...document.querySelectorAll(".markers-panel .monaco-list-row")].some((r) => (r.getAttribute("aria-label") ?? "").includes("'kansarmoede'")),
  );
  const rows = await allProblems();
  expect(rows.some((r) => r.startsWith("6 problems in file kempen.reglement")), `six problems for kempen.reglement (R0108, R0217, R0281, and R0260 for each of its three groups that differ from the frame's): ${JSON.stringify(rows)}`);
  expect(rows.some((r) => r.includes("Grondslag: art. 6.22 §3 BVCW (zekerheid K")), `the grondslag explains its letter: ${JSON.stringify(rows)}`);
  expect(rows.some((r) => r.startsWith("Info: Basis van de versnelde toewijzing")), `the computed pillar-2 base: ${JSON.stringify(rows)}`);
  await shot("problemen.png");

  // 3. the drafter types the 25% error: it appears, and goes when corrected
  await goToLine(54);
  await page.keyboard.press("End");
  expect((await currentLine()).trim() === "aandeel 20%", `line 54 is 'aandeel 20%': ${await currentLine()}`);
  for (let i = 0; i < 3; i++) await page.keyboard.press("Backspace");
  await page.keyboard.type("25%");
  start = Date.now();
  const r0102 = (n) =>
    window.__rowsOf("kempen.reglement").some((r) => r.includes("Het aandeel van de versnelde toewijzing is 25%")) === n;
  await until("R0102 for 25% in the Problems panel", r0102, true);
  results.error_appears_ms = Date.now() - start;
  await until("the squiggle under 25%", () => document.querySelector(".editor-group-container.active .squiggly-error") !== null);
  await shot("fout-25.png");
  for (let i = 0; i < 3; i++) await page.keyboard.press("Backspace");
  await page.keyboard.type("20%");
  start = Date.now();
  await until("R0102 gone after 20%", r0102, false);
  results.error_goes_ms = Date.now() - start;
  log(`25% error: appears after ${results.error_appears_ms} ms, goes after ${results.error_goes_ms} ms`);

  // 4. completion while typing, with a typed prefix: 'mot' + Enter gives 'motivering'
  await page.keyboard.press("End");
  await page.keyboard.press("Enter");
  await page.keyboard.type("mot");
  await until("the completion list with 'motivering' (opened by typing)", () =>
    [...document.querySelectorAll(".suggest-widget.visible .monaco-list-row")].some((r) => (r.getAttribute("aria-label") ?? "").startsWith("motivering")),
  );
  await shot("aanvulling.png");
  await page.keyboard.press("Enter");
  await sleep(200);
  const line = await currentLine();
  expect(line !== null && line.trimEnd() === "    motivering", `the line after accepting reads '    motivering': '${line}'`);
  await key("Control+Shift+KeyK"); // the line goes again

  // 5. rename: the box holds the name; every use is renamed
  await goToLine(19);
  await page.keyboard.press("Home");
  for (let i = 0; i < 15; i++) await page.keyboard.press("ArrowRight");
  await page.keyboard.press("F2");
  const box = await page.waitForSelector(".rename-box input", { visible: true, timeout: 10000 });
  const value = await box.evaluate((i) => i.value);
  expect(value === "Turnhout", `the rename box holds 'Turnhout': '${value}'`);
  await shot("hernoemen.png");
  await key("Control+KeyA");
  await page.keyboard.type("Turnhout-Centrum");
  await page.keyboard.press("Enter");
  await sleep(500);
  await key("Control+KeyF");
  await page.waitForSelector(".find-widget.visible", { visible: true });
  await key("Control+KeyA");
  await page.keyboard.type("Turnhout-Centrum");
  const count = await until("the find widget counts the renamed uses", () => {
    const m = document.querySelector(".find-widget.visible .matchesCount")?.textContent ?? "";
    const n = /of (\d+)/.exec(m);
    return n ? Number(n[1]) : 0;
  });
  expect(count >= 2, `Turnhout-Centrum at its definition and its uses: ${count}`);
  await page.keyboard.press("Escape");
  results.renamed_places = count;
  await sleep(500);
  // the file header counts its problems (the list itself shows only what fits)
  const after = await problems();
  expect(after.some((r) => r.startsWith("6 problems in file kempen.reglement")), `after the rename the same six problems for kempen.reglement: ${JSON.stringify(after)}`);

  // 6. a name of the shared regional file is not renamed from here, and the drafter is told why
  // (line 56: "wegingskader kempen", the weighting frame of the regional file)
  await goToLine(56);
  expect((await currentLine()).trim() === "wegingskader kempen", `line 56 is 'wegingskader kempen': ${await currentLine()}`);
  await page.keyboard.press("Home");
  for (let i = 0; i < 15; i++) await page.keyboard.press("ArrowRight");
  await page.keyboard.press("F2");
  await until("the refusal names the shared regional file", () => {
    const texts = [...document.querySelectorAll(".monaco-editor-overlaymessage, .notifications-toasts, .rename-box")].map((e) => e.textContent ?? "");
    return texts.some((t) => t.includes("gedeelde regionale bestand"));
  });
  await shot("hernoemen-geweigerd.png");
  await page.keyboard.press("Escape");

  log("done");
}

await main();
