// Drives the page (target/web) in headless Chromium with puppeteer-core,
// served by a small static server on 127.0.0.1 started here. Called by the
// Rust test tests/web.rs, which checks what this writes:
//
//   node web/tests/browser.mjs SITE CHROMIUM OUT_DIR KANDIDATEN.csv [MEER.csv ...]
//
// OUT_DIR/resultaat.json: the diagnostics on load and after typing, the
// timings; OUT_DIR/rangschikking-N.csv: the page's CSV for each candidates
// file; OUT_DIR/*.png: screenshots.
import http from "node:http";
import fs from "node:fs";
import path from "node:path";
import puppeteer from "puppeteer-core";

const [siteArg, chromium, out, ...kandidaten] = process.argv.slice(2);
const site = path.resolve(siteArg);
fs.mkdirSync(out, { recursive: true });

const types = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
};
const server = http.createServer((req, res) => {
  const url = new URL(req.url, "http://127.0.0.1");
  const rel = url.pathname === "/" ? "index.html" : decodeURIComponent(url.pathname).replace(/^\/+/, "");
  const file = path.join(site, rel);
  if (!file.startsWith(site) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
    res.writeHead(404);
    return res.end();
  }
  res.writeHead(200, { "content-type": types[path.extname(file)] || "application/octet-stream" });
  fs.createReadStream(file).pipe(res);
});
await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
const base = `http://127.0.0.1:${server.address().port}/`;

// every request the page makes, to show that nothing goes elsewhere
const verzoeken = [];
const consoleRegels = [];
const browser = await puppeteer.launch({
  executablePath: chromium,
  headless: true,
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
  ],
});
const resultaat = { verzoeken, console: consoleRegels, rangschikkingen: [] };
try {
  const page = await browser.newPage();
  await page.setViewport({ width: 1400, height: 900 });
  page.on("request", (r) => verzoeken.push(r.url()));
  page.on("console", (m) => consoleRegels.push(`${m.type()}: ${m.text()}`));
  page.on("pageerror", (e) => consoleRegels.push(`pageerror: ${e.message}`));

  await page.goto(base, { waitUntil: "load" });
  await page.waitForFunction(() => window.reglementPagina && window.reglementPagina.klaar, { timeout: 60000 });
  // the editor's own underlines (the linter) as well as the list
  await page.waitForSelector(".cm-lintRange", { timeout: 20000 });
  const meldingen = () =>
    page.evaluate(() => ({
      status: document.getElementById("telling-meldingen").textContent,
      lijst: window.reglementPagina.meldingen.diagnostieken.map((d) => ({
        code: d.code,
        ernst: d.ernst,
        melding: d.melding,
        hulp: d.hulp,
        bestand: d.plaats.bestand,
        regel: d.plaats.regel,
        kolom: d.plaats.kolom,
      })),
      getoond: [...document.querySelectorAll("#meldingen li")].map((li) => li.innerText),
      onderlijnd: document.querySelectorAll(".cm-lintRange").length,
    }));
  resultaat.bijLaden = await meldingen();
  resultaat.tijden = await page.evaluate(() => window.reglementPagina.tijden);
  await page.screenshot({ path: path.join(out, "1-kempen-geladen.png") });

  // hover on "kempen" in "wegingskader kempen" (scrolled into view by the editor's API)
  const plekVan = (zoek, extra) =>
    page.evaluate(
      async (zoek, extra) => {
        const view = window.reglementPagina.view;
        const pos = view.state.doc.toString().indexOf(zoek) + extra;
        view.dispatch({ effects: window.reglementPagina.scrollNaar(pos) });
        await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
        const c = view.coordsAtPos(pos);
        return { pos, x: c.left + 2, y: (c.top + c.bottom) / 2 };
      },
      zoek,
      extra,
    );
  const woord = await plekVan("wegingskader kempen\n", "wegingskader k".length);
  await page.mouse.move(woord.x, woord.y);
  await page.waitForSelector(".uitleg", { timeout: 5000 }).catch(() => null);
  resultaat.uitleg = await page.evaluate(() => document.querySelector(".uitleg")?.innerText ?? null);
  await page.screenshot({ path: path.join(out, "2-uitleg.png") });
  await page.mouse.move(5, 5);

  // type "aandeel 25%" over the share of the versnelde toewijzing: select
  // "aandeel 20%" there with the mouse and the keyboard, then type
  const plek = await plekVan("    aandeel 20%\n    basis", "    aandeel 20%".length);
  await page.mouse.click(plek.x, plek.y);
  await page.keyboard.down("Shift");
  await page.keyboard.press("Home");
  await page.keyboard.up("Shift");
  await page.keyboard.type("aandeel 25%", { delay: 20 });
  await page.waitForFunction(
    () => window.reglementPagina.meldingen.diagnostieken.some((d) => d.code === "R0102"),
    { timeout: 10000 },
  );
  await page.waitForSelector(".cm-lintRange-error", { timeout: 10000 });
  resultaat.naTypen = await meldingen();
  await page.screenshot({ path: path.join(out, "3-aandeel-25.png") });
  // the documents: a reglement with an error is not published
  await page.click('[data-tab="documenten"]');
  await new Promise((r) => setTimeout(r, 600));
  resultaat.documentMeldingMetFout = await page.evaluate(() => document.getElementById("document-melding").textContent);
  // undo the edit (Ctrl+Z until the share is 20% again), then the documents
  await page.click(".cm-content");
  for (let i = 0; i < 20; i++) {
    const terug = await page.evaluate(() => !window.reglementPagina.meldingen.diagnostieken.some((d) => d.code === "R0102"));
    if (terug) break;
    await page.keyboard.down("Control");
    await page.keyboard.press("z");
    await page.keyboard.up("Control");
    await new Promise((r) => setTimeout(r, 400));
  }
  await page.waitForFunction(() => document.getElementById("document").options.length > 0, { timeout: 10000 });
  await new Promise((r) => setTimeout(r, 500));
  resultaat.documenten = await page.evaluate(() => ({
    keuzes: [...document.getElementById("document").options].map((o) => o.textContent),
    titel: (() => {
      const f = document.getElementById("documentvenster");
      return f.srcdoc.match(/<title>([^<]*)<\/title>/)?.[1] ?? null;
    })(),
    lengte: document.getElementById("documentvenster").srcdoc.length,
  }));
  // the first document as the page shows it (compared with `reglement publiceer`)
  fs.writeFileSync(
    path.join(out, "document-0.html"),
    await page.evaluate(() => document.getElementById("documentvenster").srcdoc),
  );
  await page.screenshot({ path: path.join(out, "4-documenten.png") });

  // formatting: the Kempen example is already in the canonical layout
  const voor = await page.evaluate(() => window.reglementPagina.meldingen && document.querySelector(".cm-content").innerText.length);
  await page.click("#opmaak");
  resultaat.opmaakOngewijzigd = voor === (await page.evaluate(() => document.querySelector(".cm-content").innerText.length));

  // the other files: the regional file (analysed through the reglement
  // that uses it) and every other example
  resultaat.andereBestanden = [];
  const namen = await page.evaluate(() => [...document.getElementById("bestand").options].map((o) => o.value));
  for (const naam of namen.filter((n) => n !== "kempen.reglement").concat(["kempen.reglement"])) {
    await page.select("#bestand", naam);
    await page.waitForFunction((naam) => window.reglementPagina.meldingen.hoofd && window.reglementPagina.huidig === naam, { timeout: 10000 }, naam);
    await new Promise((r) => setTimeout(r, 300));
    resultaat.andereBestanden.push(
      await page.evaluate(() => ({
        bestand: window.reglementPagina.huidig,
        status: document.getElementById("telling-meldingen").textContent,
        eersteRegel: window.reglementPagina.view.state.doc.line(1).text,
      })),
    );
    if (naam === "kempen-regio.reglement") await page.screenshot({ path: path.join(out, "7-regionaal.png") });
  }

  // ranking: each candidates file, chosen with the file input
  await page.click('[data-tab="rangschikken"]');
  await page.select("#pijler", "versneld");
  await page.select("#gemeente", "Turnhout");
  for (const [i, file] of kandidaten.entries()) {
    const input = await page.$("#kandidaten");
    await input.uploadFile(file);
    await page.evaluate(() => {
      window.reglementPagina.tijden.rangschikken = undefined;
    });
    await page.click("#rangschik");
    await page.waitForFunction(() => window.reglementPagina.tijden.rangschikken !== undefined || !document.getElementById("rang-fout").hidden, {
      timeout: 120000,
    });
    const r = await page.evaluate(() => ({
      telling: document.getElementById("telling").textContent,
      duur: document.getElementById("duur").textContent,
      ms: window.reglementPagina.tijden.rangschikken,
      fout: document.getElementById("rang-fout").hidden ? null : document.getElementById("rang-fout").textContent,
      rijen: document.querySelectorAll("#rangschikking tbody tr").length,
      bytes: window.reglementPagina.laatsteCsv ? window.reglementPagina.laatsteCsv.length : 0,
    }));
    // the CSV bytes, in pieces (a large file does not fit one message)
    const stukken = [];
    for (let van = 0; van < r.bytes; van += 1 << 20) {
      stukken.push(
        Buffer.from(
          await page.evaluate((van) => {
            const b = window.reglementPagina.laatsteCsv.subarray(van, van + (1 << 20));
            let s = "";
            for (let i = 0; i < b.length; i += 8192) s += String.fromCharCode(...b.subarray(i, i + 8192));
            return btoa(s);
          }, van),
          "base64",
        ),
      );
    }
    fs.writeFileSync(path.join(out, `rangschikking-${i}.csv`), Buffer.concat(stukken));
    resultaat.rangschikkingen.push({ bestand: path.basename(file), ...r });
    if (i === 0) {
      await page.screenshot({ path: path.join(out, "5-rangschikking.png") });
      // verklaar the first ranked dossier (a click on it)
      await page.click("#rangschikking tbody tr td.dossier");
      await page.waitForSelector("#verklaring:not([hidden])");
      resultaat.verklaring = await page.evaluate(() => ({
        dossier: document.getElementById("dossier").value,
        tekst: document.getElementById("verklaring").textContent,
      }));
      await page.screenshot({ path: path.join(out, "6-verklaring.png") });
    }
  }
} finally {
  fs.writeFileSync(path.join(out, "resultaat.json"), JSON.stringify(resultaat, null, 2));
  await browser.close();
  server.close();
}
