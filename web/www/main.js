// The page: CodeMirror 6 on the reglement, the library in WebAssembly for
// everything it shows (diagnostics, hover, formatting, documents, ranking).
// Nothing is sent anywhere: the texts and the candidates file stay in this
// page's memory.
import voorbeelden from "voorbeelden";
import init, { controleer, uitleg, opmaak, publiceer, versie, Rangschikking } from "reglement-wasm";
import { EditorView, basicSetup } from "codemirror";
import { EditorState } from "@codemirror/state";
import { hoverTooltip, keymap } from "@codemirror/view";
import { linter, lintGutter, forceLinting } from "@codemirror/lint";
import { StreamLanguage } from "@codemirror/language";

const $ = (id) => document.getElementById(id);

// What a test (and a curious reader) can look at.
const pagina = (window.reglementPagina = {
  tijden: {},
  klaar: false,
  meldingen: null,
  rangschikking: null,
  laatsteCsv: null,
});

// The texts: every example .reglement, edited in place.
const teksten = {};
for (const [naam, tekst] of Object.entries(voorbeelden)) {
  if (naam.endsWith(".reglement")) teksten[naam] = tekst;
}
let huidig = "kempen.reglement" in teksten ? "kempen.reglement" : Object.keys(teksten)[0];
pagina.huidig = huidig;
let view = null;

// The reglement analysed for a file: the file itself, or, for a regional
// file, the reglement that uses it (`gebruikt regio "…"`).
function hoofdbestand(naam) {
  if (/^\s*gebruikt regio /m.test(teksten[naam])) return naam;
  for (const [ander, tekst] of Object.entries(teksten)) {
    if (ander !== naam && tekst.includes(`gebruikt regio "${naam}"`)) return ander;
  }
  return naam;
}

const bestanden = () => JSON.stringify(teksten);

// --- loading the library -------------------------------------------------

async function laadBibliotheek() {
  if (location.protocol === "file:") {
    // a browser does not fetch from disk: the same bytes from a script
    await new Promise((ok, fout) => {
      const s = document.createElement("script");
      s.src = "reglement-wasm.js";
      s.onload = ok;
      s.onerror = () => fout(new Error("reglement-wasm.js ontbreekt"));
      document.head.appendChild(s);
    });
    const bin = atob(window.REGLEMENT_WASM);
    const bytes = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    await init({ module_or_path: bytes });
  } else {
    await init({ module_or_path: "reglement.wasm" });
  }
}

// --- highlighting (keywords, strings, numbers, comments) -----------------

const trefwoorden = new Set(
  ("aandeel afkorting alleenstaande als amendement anders artikel basis begeleidingsovereenkomst bezetting bij " +
    "bijzondere binding categorie chronologie criterium deelwerkingsgebied document doelgroep doelgroepen " +
    "drempel euro gebruikt geen geldig geldt gemeente gemeenteraad gemiddelde gezamenlijk groep huishoudelijk " +
    "huurreglement intern jaar kandidaat kinderen laatste leefloon lijst lokale mantelzorg maximaal minimaal " +
    "motivering niet ononderbroken ontwerp peildatum pijler punten rangorde rationele regio reglement " +
    "specifieke standaardtoewijzing status strengere test toewijzing toewijzingshistoriek toewijzingsraad " +
    "toewijzingsreglement totaal van vanaf verdeelsleutel verdeling versie versnelde verwacht voorbehouden " +
    "voorwaarde wegingskader werkingsgebied wettelijke woningen woonbinding woonmaatschappij zonder").split(" "),
);
const taal = StreamLanguage.define({
  name: "reglement",
  token(stream) {
    if (stream.eatSpace()) return null;
    if (stream.match("#")) {
      stream.skipToEnd();
      return "comment";
    }
    if (stream.match(/^"([^"\\]|\\.)*"?/)) return "string";
    if (stream.match(/^\d{4}-\d{2}-\d{2}/)) return "number";
    if (stream.match(/^\d[\d.]*(,\d+)?%?/)) return "number";
    if (stream.match(/^[A-Za-zÀ-ÿ][\wÀ-ÿ-]*/)) {
      return trefwoorden.has(stream.current()) ? "keyword" : "variableName";
    }
    stream.next();
    return null;
  },
});

// --- diagnostics ----------------------------------------------------------

const ernstNaarCm = { fout: "error", waarschuwing: "warning", advies: "info" };
const meervoud = (n, een, veel) => `${n} ${n === 1 ? een : veel}`;

function analyseer() {
  const hoofd = hoofdbestand(huidig);
  const t = performance.now();
  const r = JSON.parse(controleer(hoofd, teksten[hoofd], bestanden()));
  pagina.tijden.laatsteAnalyse = performance.now() - t;
  if (pagina.tijden.eersteAnalyse === undefined) pagina.tijden.eersteAnalyse = pagina.tijden.laatsteAnalyse;
  r.hoofd = hoofd;
  toonMeldingen(r);
  return r;
}

function toonMeldingen(r) {
  pagina.meldingen = r;
  const lijst = $("meldingen");
  lijst.replaceChildren();
  for (const d of r.diagnostieken) {
    const li = document.createElement("li");
    li.className = d.ernst;
    const p = d.plaats;
    li.innerHTML =
      `<div><span class="code">${esc(d.code)}</span><span class="ernst">${esc(d.ernst)}</span>: ${esc(d.melding)}</div>` +
      `<div class="plaats">${esc(p.bestand)}, regel ${p.regel}, kolom ${p.kolom}${p.label ? " — " + esc(p.label) : ""}</div>` +
      (d.hulp ? `<div class="hulp">hulp: ${esc(d.hulp)}</div>` : "") +
      (d.grondslag ? `<div class="grondslag">Grondslag: ${esc(d.grondslag)}</div>` : "");
    li.addEventListener("click", () => ga(p.bestand, p.van, p.tot));
    lijst.appendChild(li);
  }
  if (r.diagnostieken.length === 0) {
    lijst.innerHTML = "<li>Geen meldingen: het reglement voldoet aan elke controle.</li>";
  }
  const s = $("telling-meldingen");
  s.textContent = `${r.hoofd}: ${meervoud(r.fouten, "fout", "fouten")}, ${meervoud(r.waarschuwingen, "waarschuwing", "waarschuwingen")}, ${meervoud(r.adviezen, "advies", "adviezen")}`;
  s.classList.toggle("fout", r.fouten > 0);
  vulKeuze($("gemeente"), r.gemeenten, false);
  vulKeuze($("doelgroep"), r.doelgroepen, true);
  if (pagina.tijden.eersteMeldingen === undefined) {
    pagina.tijden.eersteMeldingen = performance.now();
    voet();
  }
  planDocumenten();
}

function vulKeuze(select, namen, leeg) {
  const oud = select.value;
  const sleutel = JSON.stringify(namen);
  if (select.dataset.namen === sleutel) return;
  select.dataset.namen = sleutel;
  select.replaceChildren();
  if (leeg) select.appendChild(new Option("—", ""));
  for (const n of namen) select.appendChild(new Option(n, n));
  if (namen.includes(oud)) select.value = oud;
}

function ga(bestand, van, tot) {
  if (bestand !== huidig && bestand in teksten) kies(bestand);
  if (bestand !== huidig) return;
  const len = view.state.doc.length;
  view.dispatch({
    selection: { anchor: Math.min(van, len), head: Math.min(tot, len) },
    scrollIntoView: true,
  });
  view.focus();
}

const lint = linter(
  (v) => {
    teksten[huidig] = v.state.doc.toString();
    const r = analyseer();
    const len = v.state.doc.length;
    return r.diagnostieken
      .filter((d) => d.plaats.bestand === huidig)
      .map((d) => ({
        from: Math.min(d.plaats.van, len),
        to: Math.min(d.plaats.tot, len),
        severity: ernstNaarCm[d.ernst] || "info",
        source: d.code,
        message: `${d.melding}\nhulp: ${d.volledige_hulp}`,
      }));
  },
  { delay: 250 },
);

// --- hover ------------------------------------------------------------------

function markdown(tekst) {
  return tekst
    .split(/\n\n+/)
    .map((alinea) => {
      const html = esc(alinea)
        .replace(/\*\*(.+?)\*\*/g, "<strong>$1</strong>")
        .replace(/`([^`]+)`/g, "<code>$1</code>")
        .replace(/\n/g, "<br>");
      return `<p>${html}</p>`;
    })
    .join("");
}

const uitlegBijMuis = hoverTooltip((v, pos) => {
  teksten[huidig] = v.state.doc.toString();
  const hoofd = hoofdbestand(huidig);
  const r = JSON.parse(uitleg(hoofd, teksten[hoofd], bestanden(), huidig, pos));
  if (!r) return null;
  return {
    pos: r.van,
    end: r.tot,
    above: true,
    create() {
      const dom = document.createElement("div");
      dom.className = "uitleg";
      dom.innerHTML = markdown(r.tekst);
      return { dom };
    },
  };
});

// --- formatting ---------------------------------------------------------------

function maakOp() {
  const r = JSON.parse(opmaak(view.state.doc.toString()));
  if (r.gewijzigd) {
    view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: r.tekst } });
  }
  return true;
}

// --- documents ----------------------------------------------------------------

let documentTimer = null;
let documenten = [];
function planDocumenten() {
  clearTimeout(documentTimer);
  documentTimer = setTimeout(toonDocumenten, 400);
}

function toonDocumenten() {
  const hoofd = hoofdbestand(huidig);
  const r = JSON.parse(publiceer(hoofd, teksten[hoofd], bestanden()));
  documenten = r.documenten;
  const keuze = $("document");
  const oud = keuze.value;
  keuze.replaceChildren();
  for (const d of documenten) keuze.appendChild(new Option(`${d.soort} (${d.bestand})`, d.bestand));
  if (documenten.some((d) => d.bestand === oud)) keuze.value = oud;
  $("document-melding").textContent = r.melding || "";
  toonDocument();
}

function toonDocument() {
  const d = documenten.find((d) => d.bestand === $("document").value) || documenten[0];
  const venster = $("documentvenster");
  const html = d ? d.html : "<p style='font-family:sans-serif'>Geen document: verbeter eerst de fouten.</p>";
  if (venster.srcdoc !== html) venster.srcdoc = html;
}

// --- ranking ----------------------------------------------------------------------

let kandidatenBestand = null; // { naam, bytes }

async function rangschik() {
  $("rang-fout").hidden = true;
  const gekozen = $("kandidaten").files[0];
  if (gekozen) kandidatenBestand = { naam: gekozen.name, bytes: new Uint8Array(await gekozen.arrayBuffer()) };
  if (!kandidatenBestand) return fout("Kies eerst een kandidatenbestand op uw computer.");
  teksten[huidig] = view.state.doc.toString();
  const hoofd = hoofdbestand(huidig);
  const verzoek = {
    peildatum: $("peildatum").value,
    pijler: $("pijler").value,
    gemeente: $("gemeente").value,
    doelgroep: $("doelgroep").value || null,
  };
  if (pagina.rangschikking) pagina.rangschikking.free();
  const t = performance.now();
  const r = new Rangschikking(
    hoofd,
    teksten[hoofd],
    bestanden(),
    kandidatenBestand.bytes,
    kandidatenBestand.naam,
    JSON.stringify(verzoek),
    200,
  );
  const res = JSON.parse(r.resultaat());
  const csv = r.csv();
  const ms = performance.now() - t;
  pagina.rangschikking = r;
  if (res.fout) {
    $("uitslag").hidden = true;
    return fout(res.fout);
  }
  pagina.laatsteCsv = csv;
  pagina.tijden.rangschikken = ms;
  $("uitslag").hidden = false;
  $("telling").textContent = res.regel;
  $("duur").textContent =
    `${kandidatenBestand.naam} (${kandidatenBestand.bytes.length.toLocaleString("nl-BE")} bytes) gelezen, gerangschikt en als CSV geschreven in ${Math.round(ms)} ms, in uw browser.`;
  $("rang-waarschuwingen").textContent = res.waarschuwingen.map((w) => "let op: " + w).join("\n");
  const link = $("csv-download");
  if (link.href.startsWith("blob:")) URL.revokeObjectURL(link.href);
  link.href = URL.createObjectURL(new Blob([csv], { type: "text/csv" }));
  link.download = `rangschikking-${verzoek.pijler}-${verzoek.gemeente}.csv`;
  tabel(res);
}

function fout(tekst) {
  const p = $("rang-fout");
  p.textContent = tekst;
  p.hidden = false;
}

function tabel(res) {
  const t = $("rangschikking");
  const punten = res.criteria.length > 0;
  const kop = ["rang", "dossier", "status"]
    .concat(punten ? ["totaal", ...res.criteria] : ["woonbinding"])
    .concat(["inschrijvingsdatum", "reden"]);
  let html = "<thead><tr>" + kop.map((k) => `<th>${esc(k)}</th>`).join("") + "</tr></thead><tbody>";
  for (const rij of res.rijen) {
    const cellen = [
      `<td class="getal">${rij.rang ?? ""}</td>`,
      `<td class="dossier">${esc(rij.dossier ?? "")}</td>`,
      `<td>${esc(rij.status)}</td>`,
    ];
    if (punten) {
      cellen.push(`<td class="getal">${rij.totaal ?? ""}</td>`);
      for (const c of res.criteria) {
        const p = rij.punten.find((p) => p.criterium === c);
        cellen.push(`<td class="getal">${p ? p.punten : ""}</td>`);
      }
    } else {
      cellen.push(`<td>${esc(rij.woonbinding ?? "")}</td>`);
    }
    cellen.push(`<td>${esc(rij.inschrijvingsdatum ?? "")}</td>`, `<td>${esc(rij.reden ?? "")}</td>`);
    html += `<tr class="${esc(rij.status)}">${cellen.join("")}</tr>`;
  }
  html += "</tbody>";
  const n = res.samenvatting.gelezen;
  if (n > res.rijen.length) {
    html += `<caption class="klein">De eerste ${res.rijen.length} van ${n} rijen; de CSV bevat ze allemaal.</caption>`;
  }
  t.innerHTML = html;
  for (const td of t.querySelectorAll("td.dossier")) {
    td.addEventListener("click", () => {
      $("dossier").value = td.textContent;
      verklaar();
    });
  }
}

function verklaar() {
  if (!pagina.rangschikking) return;
  const r = JSON.parse(pagina.rangschikking.verklaar($("dossier").value));
  const pre = $("verklaring");
  pre.hidden = false;
  pre.classList.toggle("fout", !!r.fout);
  pre.textContent = r.fout || r.tekst;
}

// --- files ----------------------------------------------------------------------

function kies(naam) {
  if (view) teksten[huidig] = view.state.doc.toString();
  huidig = naam;
  $("bestand").value = naam;
  view.setState(toestand(teksten[naam]));
  pagina.huidig = naam;
  forceLinting(view);
}


function esc(s) {
  return String(s).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}

function voet() {
  const ms = pagina.tijden.eersteMeldingen;
  $("voet").textContent =
    `reglement ${versie()} in WebAssembly · eerste meldingen ${Math.round(ms)} ms na het openen van de pagina · niets verlaat uw browser`;
}

// --- start ------------------------------------------------------------------------

async function start() {
  try {
    await laadBibliotheek();
  } catch (e) {
    $("telling-meldingen").textContent = "De bibliotheek kon niet geladen worden: " + e.message;
    throw e;
  }
  pagina.tijden.bibliotheek = performance.now();
  const keuze = $("bestand");
  for (const naam of Object.keys(teksten)) {
    const rol = hoofdbestand(naam) !== naam ? " (regionaal)" : "";
    keuze.appendChild(new Option(naam + rol, naam));
  }
  keuze.value = huidig;
  keuze.addEventListener("change", () => kies(keuze.value));
  $("opmaak").addEventListener("click", maakOp);
  for (const b of document.querySelectorAll(".tabs button")) {
    b.addEventListener("click", () => {
      for (const x of document.querySelectorAll(".tabs button, .tab")) x.classList.remove("actief");
      b.classList.add("actief");
      $("tab-" + b.dataset.tab).classList.add("actief");
    });
  }
  $("document").addEventListener("change", toonDocument);
  $("rangschik-formulier").addEventListener("submit", (e) => {
    e.preventDefault();
    rangschik();
  });
  $("kandidaten").addEventListener("change", () => {
    kandidatenBestand = null;
    const f = $("kandidaten").files[0];
    $("kandidaten-naam").textContent = f ? f.name : "geen bestand gekozen";
  });
  $("voorbeeldkandidaten").addEventListener("click", () => {
    $("kandidaten").value = "";
    $("kandidaten-naam").textContent = "kandidaten.csv (voorbeeld)";
    kandidatenBestand = { naam: "kandidaten.csv", bytes: new TextEncoder().encode(voorbeelden["kandidaten.csv"] || "") };
    rangschik();
  });
  $("verklaar-formulier").addEventListener("submit", (e) => {
    e.preventDefault();
    verklaar();
  });

  view = new EditorView({
    state: toestand(teksten[huidig]),
    parent: $("editor"),
  });
  pagina.view = view;
  pagina.scrollNaar = (pos) => EditorView.scrollIntoView(pos, { y: "center" });
  // the first diagnostics now, not after the linter's delay
  analyseer();
  forceLinting(view);
  pagina.klaar = true;
}

function toestand(tekst) {
  return EditorState.create({
    doc: tekst,
    extensions: [
      basicSetup,
      EditorView.lineWrapping,
      taal,
      lintGutter(),
      lint,
      uitlegBijMuis,
      keymap.of([{ key: "Shift-Alt-f", run: maakOp }]),
    ],
  });
}

start();
