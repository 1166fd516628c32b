// The VS Code extension for .reglement files: it starts the language server
// `reglement-lsp` (the one it carries, or the one the setting
// `reglement.server.path` names), restarts it when that setting changes,
// tells the drafter in plain words when it is missing, and offers the
// commands of `commands.ts`.

import * as vscode from "vscode";
import {
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
} from "vscode-languageclient/node";
import { register } from "./commands";
import { find, isMissing } from "./programs";

let client: LanguageClient | undefined;
let output: vscode.OutputChannel;
let context: vscode.ExtensionContext;

const SETTING = "reglement.server.path";

async function start(): Promise<boolean> {
  const program = find(context, "reglement-lsp", SETTING);
  if (isMissing(program)) {
    output.appendLine(program.message);
    void vscode.window.showErrorMessage(program.message, "Instellingen openen").then((choice) => {
      if (choice) {
        void vscode.commands.executeCommand("workbench.action.openSettings", program.setting);
      }
    });
    return false;
  }
  output.appendLine(`Taalserver: ${program.command} (${program.version}, ${program.origin})`);
  const serverOptions: ServerOptions = { command: program.command, args: ["--stdio"] };
  const opened = new Map<string, number>();
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ scheme: "file", language: "reglement" }],
    outputChannel: output,
    // a regional file changed on disk (saved elsewhere, checked out): the
    // reglementen that use it are checked again
    synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher("**/*.{reglement,testen,amendement}") },
    middleware: {
      didOpen: (doc, next) => {
        opened.set(doc.uri.toString(), Date.now());
        return next(doc);
      },
      // how long the first check of an opened file took, for the log
      handleDiagnostics: (uri, diagnostics, next) => {
        const since = opened.get(uri.toString());
        if (since !== undefined) {
          opened.delete(uri.toString());
          output.appendLine(
            `Eerste controle van ${vscode.workspace.asRelativePath(uri)}: ${Date.now() - since} ms na openen, ${diagnostics.length} meldingen`,
          );
        }
        next(uri, diagnostics);
      },
    },
  };
  client = new LanguageClient("reglement", "Toewijzingsreglement", serverOptions, clientOptions);
  await client.start();
  return true;
}

async function stop(): Promise<void> {
  const running = client;
  client = undefined;
  if (running) {
    await running.stop();
  }
}

async function restart(why: string): Promise<void> {
  output.appendLine(`Taalserver herstarten: ${why}`);
  await stop();
  if (await start()) {
    void vscode.window.showInformationMessage(`De taalserver is herstart (${why}).`);
  }
}

export async function activate(ctx: vscode.ExtensionContext): Promise<void> {
  context = ctx;
  output = vscode.window.createOutputChannel("Toewijzingsreglement");
  context.subscriptions.push(output);
  register(context, output);
  context.subscriptions.push(
    vscode.commands.registerCommand("reglement.herstart", () => restart("op vraag")),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(SETTING)) {
        void restart(`de instelling ${SETTING} is gewijzigd`);
      }
    }),
    { dispose: () => void stop() },
  );
  await start();
}

export async function deactivate(): Promise<void> {
  await stop();
}
