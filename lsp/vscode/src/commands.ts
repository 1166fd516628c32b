// What a drafter does besides typing, as commands of the editor, through the
// command-line tool `reglement` (the same program and the same output as on
// the command line): publish a document (shown in a preview), rank a
// candidates file, show what changed against another version.

import { execFile } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as vscode from "vscode";
import { find, isMissing } from "./programs";

const SCHEME = "reglement-uitvoer";

/// The texts shown as read-only documents (a ranking, a difference).
class Results implements vscode.TextDocumentContentProvider {
  private texts = new Map<string, string>();
  private changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? "";
  }

  async show(title: string, text: string): Promise<void> {
    const uri = vscode.Uri.from({ scheme: SCHEME, path: "/" + title });
    this.texts.set(uri.toString(), text);
    this.changed.fire(uri);
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: false });
  }
}

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

export function register(context: vscode.ExtensionContext, output: vscode.OutputChannel): void {
  const results = new Results();
  context.subscriptions.push(vscode.workspace.registerTextDocumentContentProvider(SCHEME, results));

  /// Run the CLI in the reglement's folder; `undefined` when it is missing (said to the drafter).
  async function cli(args: string[], cwd: string): Promise<Run | undefined> {
    const program = find(context, "reglement", "reglement.cli.path");
    if (isMissing(program)) {
      output.appendLine(program.message);
      void vscode.window.showErrorMessage(program.message);
      return undefined;
    }
    output.appendLine(`$ ${program.command} ${args.join(" ")}`);
    return new Promise((resolve) => {
      execFile(
        program.command,
        args,
        { cwd, maxBuffer: 256 * 1024 * 1024, encoding: "utf8" },
        (error, stdout, stderr) => {
          const code = error ? (typeof error.code === "number" ? error.code : 2) : 0;
          if (stderr.trim() !== "") {
            output.appendLine(stderr.trimEnd());
          }
          resolve({ code, stdout, stderr });
        },
      );
    });
  }

  /// The active reglement, saved: the commands read the file as it is on disk.
  async function current(): Promise<vscode.TextDocument | undefined> {
    const doc = vscode.window.activeTextEditor?.document;
    if (!doc || doc.languageId !== "reglement" || doc.uri.scheme !== "file") {
      void vscode.window.showWarningMessage("Open eerst een .reglement-bestand (bewaard op schijf).");
      return undefined;
    }
    if (doc.isDirty && !(await doc.save())) {
      void vscode.window.showWarningMessage("Het reglement kon niet bewaard worden; de opdracht gebruikt de bewaarde versie niet.");
      return undefined;
    }
    return doc;
  }

  function failed(what: string, run: Run): void {
    // the CLI's last line says what went wrong ("fout: … wordt niet gecompileerd.")
    const lines = (run.stderr.trim() || run.stdout.trim()).split("\n").filter((l) => l.trim() !== "");
    const reason = lines.length > 0 ? lines[lines.length - 1] : `afgesloten met code ${run.code}`;
    void vscode.window.showErrorMessage(`${what} lukte niet: ${reason}`, "Toon details").then((c) => {
      if (c) {
        output.show();
      }
    });
  }

  /// Names the reglement declares, from the outline the language server gives.
  async function declared(doc: vscode.TextDocument, detail: string): Promise<string[]> {
    const symbols =
      (await vscode.commands.executeCommand<vscode.DocumentSymbol[]>(
        "vscode.executeDocumentSymbolProvider",
        doc.uri,
      )) ?? [];
    const names = new Set<string>();
    for (const section of symbols) {
      for (const child of section.children ?? []) {
        if (child.detail === detail) {
          names.add(child.name);
        }
      }
    }
    return [...names];
  }

  async function pick(doc: vscode.TextDocument, detail: string, prompt: string): Promise<string | undefined> {
    const names = await declared(doc, detail);
    if (names.length === 0) {
      return vscode.window.showInputBox({ prompt, ignoreFocusOut: true });
    }
    return vscode.window.showQuickPick(names, { placeHolder: prompt, ignoreFocusOut: true });
  }

  context.subscriptions.push(
    vscode.commands.registerCommand("reglement.publiceer", async () => {
      const doc = await current();
      if (!doc) {
        return;
      }
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "reglement-publicatie-"));
      const run = await cli(
        ["publiceer", doc.uri.fsPath, "--formaat", "html", "--uitvoer", dir],
        path.dirname(doc.uri.fsPath),
      );
      if (!run) {
        return;
      }
      const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith(".html")).sort() : [];
      if (run.code !== 0 || files.length === 0) {
        failed("Publiceren", run);
        return;
      }
      const stem = path.basename(doc.uri.fsPath, ".reglement") + "-";
      const label = (f: string) => f.slice(stem.length, -".html".length).replace(/-/g, " ");
      const chosen =
        files.length === 1
          ? files[0]
          : (
              await vscode.window.showQuickPick(
                files.map((f) => ({ label: label(f), file: f })),
                { placeHolder: "Welk document?" },
              )
            )?.file;
      if (!chosen) {
        return;
      }
      const panel = vscode.window.createWebviewPanel(
        "reglement.publicatie",
        `${label(chosen)} — ${path.basename(doc.uri.fsPath)}`,
        vscode.ViewColumn.Beside,
        { enableScripts: false },
      );
      panel.webview.html = fs.readFileSync(path.join(dir, chosen), "utf8");
      output.appendLine(`Gepubliceerd: ${path.join(dir, chosen)}`);
    }),

    vscode.commands.registerCommand("reglement.rangschik", async () => {
      const doc = await current();
      if (!doc) {
        return;
      }
      const file = await vscode.window.showOpenDialog({
        canSelectMany: false,
        openLabel: "Rangschik dit bestand",
        title: "Kandidatenbestand (CSV of JSON)",
        filters: { Kandidaten: ["csv", "json"], "Alle bestanden": ["*"] },
        defaultUri: vscode.Uri.file(path.dirname(doc.uri.fsPath)),
      });
      if (!file || file.length === 0) {
        return;
      }
      const today = new Date().toISOString().slice(0, 10);
      const peildatum = await vscode.window.showInputBox({
        prompt: "Peildatum (JJJJ-MM-DD): de woonbinding en de termijnen gelden tegen deze datum",
        value: today,
        ignoreFocusOut: true,
        validateInput: (v) => (/^\d{4}-\d{2}-\d{2}$/.test(v.trim()) ? undefined : "Schrijf de datum als JJJJ-MM-DD"),
      });
      if (!peildatum) {
        return;
      }
      const pillars = [
        { label: "versneld", description: "Pijler 2: versnelde toewijzing (wegingskader)" },
        { label: "standaard", description: "Pijler 1: standaardtoewijzing (lokale binding, chronologie)" },
        { label: "doelgroepen", description: "Pijler 3: specifieke doelgroepen" },
      ];
      const pijler = (await vscode.window.showQuickPick(pillars, { placeHolder: "Welke pijler?", ignoreFocusOut: true }))
        ?.label;
      if (!pijler) {
        return;
      }
      const gemeente = await pick(doc, "gemeente", "Welke gemeente?");
      if (!gemeente) {
        return;
      }
      const args = [
        "rangschik",
        doc.uri.fsPath,
        "--kandidaten",
        file[0].fsPath,
        "--peildatum",
        peildatum.trim(),
        "--pijler",
        pijler,
        "--gemeente",
        gemeente,
        "--formaat",
        "tabel",
      ];
      if (pijler === "doelgroepen") {
        const doelgroep = await pick(doc, "specifieke doelgroep", "Welke doelgroep?");
        if (!doelgroep) {
          return;
        }
        args.push("--doelgroep", doelgroep);
      }
      const run = await cli(args, path.dirname(doc.uri.fsPath));
      if (!run) {
        return;
      }
      if (run.code === 2 || run.stdout.trim() === "") {
        failed("Rangschikken", run);
        return;
      }
      const header =
        `Rangschikking ${pijler}, ${gemeente}, peildatum ${peildatum.trim()}\n` +
        `reglement: ${doc.uri.fsPath}\nkandidaten: ${file[0].fsPath}\n\n`;
      const rejected = run.stderr.trim() !== "" ? `\n${run.stderr.trimEnd()}\n` : "";
      await results.show(
        `Rangschikking ${pijler} ${gemeente} ${peildatum.trim()}`,
        header + run.stdout + rejected,
      );
    }),

    vscode.commands.registerCommand("reglement.verschil", async () => {
      const doc = await current();
      if (!doc) {
        return;
      }
      const other = await vscode.window.showOpenDialog({
        canSelectMany: false,
        openLabel: "Vergelijk met deze versie",
        title: "De andere versie (een reglement of een gecompileerd plan)",
        filters: { Reglement: ["reglement", "json"], "Alle bestanden": ["*"] },
        defaultUri: vscode.Uri.file(path.dirname(doc.uri.fsPath)),
      });
      if (!other || other.length === 0) {
        return;
      }
      const run = await cli(
        ["verschil", other[0].fsPath, doc.uri.fsPath, "--formaat", "tekst"],
        path.dirname(doc.uri.fsPath),
      );
      if (!run) {
        return;
      }
      if (run.code === 2 || run.stdout.trim() === "") {
        failed("Vergelijken", run);
        return;
      }
      const header = `Verschil van ${path.basename(other[0].fsPath)} (oud) naar ${path.basename(doc.uri.fsPath)} (nieuw)\n\n`;
      await results.show(
        `Verschil ${path.basename(other[0].fsPath)} - ${path.basename(doc.uri.fsPath)}`,
        header + run.stdout,
      );
    }),
  );
}
