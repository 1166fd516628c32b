// Which programs the extension runs: the language server `reglement-lsp`
// and the command-line tool `reglement` (for the commands). Each comes from
// its setting when that names one, else from the extension's own `server/`
// folder (the platform-specific .vsix carries both), else from PATH.

import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import * as vscode from "vscode";

export interface Program {
  /// What to run.
  command: string;
  /// Where it came from, for the log and the messages.
  origin: "instelling" | "meegeleverd" | "PATH";
  /// `reglement-lsp 0.1.0`.
  version: string;
}

export interface Missing {
  /// A message a drafter can act on.
  message: string;
  /// Whether opening the setting helps.
  setting: string;
}

const exe = process.platform === "win32" ? ".exe" : "";

/// The platform as a .vsix target names it (linux-x64, darwin-arm64, win32-x64…).
export function platform(): string {
  return `${process.platform}-${process.arch}`;
}

function bundled(context: vscode.ExtensionContext, name: string): string {
  return context.asAbsolutePath(path.join("server", name + exe));
}

function probe(command: string): { version?: string; error?: string } {
  const run = spawnSync(command, ["--version"], { encoding: "utf8", timeout: 10000 });
  if (run.error) {
    return { error: (run.error as NodeJS.ErrnoException).code ?? String(run.error) };
  }
  if (run.status !== 0) {
    return { error: `afgesloten met code ${run.status}` };
  }
  return { version: run.stdout.trim() };
}

/// Find program `name` (`reglement-lsp` or `reglement`) as the setting
/// `setting` says; a bundled file that lost its executable bit gets it back.
export function find(
  context: vscode.ExtensionContext,
  name: string,
  setting: string,
): Program | Missing {
  const configured = vscode.workspace.getConfiguration().get<string>(setting, "").trim();
  if (configured !== "") {
    const p = probe(configured);
    if (p.version !== undefined) {
      return { command: configured, origin: "instelling", version: p.version };
    }
    return {
      message:
        `De instelling '${setting}' wijst naar '${configured}', maar daar start geen ${name} (${p.error}). ` +
        "Maak de instelling leeg om het programma te gebruiken dat met de extensie meekomt, of geef het juiste pad.",
      setting,
    };
  }
  const own = bundled(context, name);
  if (fs.existsSync(own)) {
    let p = probe(own);
    if (p.error === "EACCES") {
      try {
        fs.chmodSync(own, 0o755);
      } catch {
        // reported below
      }
      p = probe(own);
    }
    if (p.version !== undefined) {
      return { command: own, origin: "meegeleverd", version: p.version };
    }
    return {
      message:
        `Het programma ${name} dat met deze extensie meekomt, start niet op deze computer (${p.error}). ` +
        `Deze installatie is gemaakt voor een ander systeem dan het uwe (${platform()}): installeer het .vsix-bestand voor uw systeem, ` +
        "of vraag het aan wie de extensie verspreidt.",
      setting,
    };
  }
  const p = probe(name);
  if (p.version !== undefined) {
    return { command: name, origin: "PATH", version: p.version };
  }
  return {
    message:
      `Deze installatie van Toewijzingsreglement bevat ${name} niet voor uw systeem (${platform()}). ` +
      "De kleuren werken, maar de controle, de uitleg en de aanvulling niet. " +
      `Installeer het .vsix-bestand voor uw systeem (voor Linux op een pc: reglement-linux-x64.vsix) via 'Extensies: installeren vanuit VSIX…', ` +
      "of vraag het aan wie de extensie verspreidt.",
    setting,
  };
}

export function isMissing(p: Program | Missing): p is Missing {
  return (p as Missing).message !== undefined;
}
