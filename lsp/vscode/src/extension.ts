// The VS Code extension for .reglement files: it starts the language server
// `reglement-lsp` (from the setting `reglement.server.path`, or from PATH),
// logs which server and version it uses, and says clearly when it is missing.

import { spawnSync } from "child_process";
import * as vscode from "vscode";
import {
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
} from "vscode-languageclient/node";

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel("Toewijzingsreglement");
  context.subscriptions.push(output);
  const configured = vscode.workspace
    .getConfiguration("reglement")
    .get<string>("server.path", "")
    .trim();
  const command = configured !== "" ? configured : "reglement-lsp";

  const probe = spawnSync(command, ["--version"], { encoding: "utf8" });
  if (probe.error || probe.status !== 0) {
    const where = configured !== "" ? `op '${configured}' (instelling reglement.server.path)` : "in het PATH";
    const message =
      `De taalserver reglement-lsp is niet gevonden ${where}. ` +
      "Installeer hem met 'cargo install --path lsp' in de map van het project, " +
      "of geef het pad in de instelling 'reglement.server.path'.";
    output.appendLine(message);
    void vscode.window.showErrorMessage(message, "Instellingen openen").then((choice) => {
      if (choice) {
        void vscode.commands.executeCommand("workbench.action.openSettings", "reglement.server.path");
      }
    });
    return;
  }
  output.appendLine(`Taalserver: ${command} (${probe.stdout.trim()})`);

  const serverOptions: ServerOptions = { command, args: ["--stdio"] };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ scheme: "file", language: "reglement" }],
    outputChannel: output,
  };
  client = new LanguageClient("reglement", "Toewijzingsreglement", serverOptions, clientOptions);
  await client.start();
  context.subscriptions.push({ dispose: () => void client?.stop() });
}

export async function deactivate(): Promise<void> {
  if (client) {
    await client.stop();
  }
}
