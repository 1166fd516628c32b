//! The language server: protocol in, library calls, protocol out. No parse,
//! check or format logic lives here (see `reglement::ide`, `analyze`,
//! `format`). This file routes: text synchronisation to `documents.rs`,
//! each request to its handler in `handlers/` over a `Snapshot`,
//! diagnostics to `publish.rs`; positions are converted only in
//! `position.rs`.
//!
//! Diagnostics are published in the background after a pause, and only
//! when the document's generation is still the current one (see
//! `documents.rs` for the concurrency rules).

use crate::documents::{self, doc_name, doc_path, lock, open_version, uri_of, Applied, Doc, Docs};
use crate::handlers;
use crate::publish::{self, Published};
use crate::snapshot::Snapshot;
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;
use tower_lsp_server::{Client, LanguageServer};

pub struct Backend {
    client: Client,
    docs: Docs,
    published: Arc<tokio::sync::Mutex<Published>>,
}

impl Backend {
    pub fn new(client: Client) -> Self {
        Backend {
            client,
            docs: Arc::default(),
            published: Arc::new(tokio::sync::Mutex::new(Published::default())),
        }
    }

    fn snapshot(&self, uri: &Uri) -> Option<Snapshot> {
        Snapshot::of(&self.docs, uri)
    }

    /// Publish the diagnostics of a generation in the background, after
    /// `delay` and only if it is still the current one: the handler returns
    /// at once, so a burst of changes never queues behind analyses.
    fn spawn_publish(&self, uri: String, generation: u64, delay: Duration) {
        let (client, docs, published) = (
            self.client.clone(),
            self.docs.clone(),
            self.published.clone(),
        );
        tokio::spawn(async move {
            tokio::time::sleep(delay).await;
            if lock(&docs).get(&uri).map(|d| d.generation) == Some(generation) {
                if let Ok(uri) = uri.parse() {
                    publish_document(&client, &docs, &published, uri).await;
                }
            }
        });
    }

    /// The documents that use the file at `path` are analysed again (after
    /// the usual pause): their diagnostics depend on it.
    fn reanalyse_users_of(&self, path: &Path, except: &str) {
        let stale: Vec<(String, u64)> = {
            let mut docs = lock(&self.docs);
            docs.iter_mut()
                .filter(|(u, d)| {
                    u.as_str() != except
                        && d.uses
                            .as_ref()
                            .is_none_or(|uses| uses.iter().any(|p| p == path))
                })
                .map(|(u, d)| {
                    d.generation += 1;
                    d.analysis = None;
                    (u.clone(), d.generation)
                })
                .collect()
        };
        for (uri, generation) in stale {
            self.spawn_publish(uri, generation, DEBOUNCE);
        }
    }

    /// Re-publish after a document closed: what it contributed to other
    /// files goes, and it is analysed no more.
    async fn forget(&self, uri: &Uri) {
        let docs = &self.docs;
        publish::send(
            &self.client,
            &self.published,
            uri.as_str(),
            None,
            || true,
            |u| open_version(docs, u),
        )
        .await;
    }

    /// Say in the editor's log (and, when the texts may differ, to the
    /// drafter) what happened to a change that was not simply applied.
    async fn report_sync(&self, uri: &str, version: i32, applied: &Applied) {
        let (kind, message) = match applied {
            Applied::InOrder(_) => return,
            Applied::AfterGap { expected, .. } => (
                MessageType::LOG,
                format!("{uri}: versie {version} ontvangen, {expected} verwacht; de wijziging is toegepast"),
            ),
            Applied::Stale { have } => (
                MessageType::WARNING,
                format!("{uri}: wijziging met versie {version} genegeerd: de taalserver heeft al versie {have}"),
            ),
            Applied::NotOpen => (
                MessageType::WARNING,
                format!("{uri}: wijziging voor een bestand dat niet geopend is, genegeerd"),
            ),
            Applied::OutOfRange { .. } => {
                let message = format!(
                    "{uri}: een wijziging (versie {version}) valt buiten de tekst zoals de taalserver die kent; de controles kunnen afwijken van wat u ziet. Sluit het bestand en open het opnieuw."
                );
                self.client
                    .show_message(MessageType::WARNING, message.clone())
                    .await;
                (MessageType::WARNING, message)
            }
        };
        self.client.log_message(kind, message).await;
    }
}

/// Analyse a document and publish its diagnostics, each in the file it is
/// about (the regional file's in the regional file).
async fn publish_document(
    client: &Client,
    docs: &Docs,
    published: &tokio::sync::Mutex<Published>,
    uri: Uri,
) {
    let Some((generation, analysis)) = documents::analysis(docs, &uri) else {
        return;
    };
    let main_name = doc_name(&uri);
    let mut per_file: BTreeMap<String, Vec<Diagnostic>> = BTreeMap::new();
    per_file.insert(uri.as_str().to_string(), Vec::new());
    for d in &analysis.diagnostics {
        let name = &analysis.sources.get(d.file()).name;
        if let Some(target) = uri_of(docs, name, &uri, &main_name) {
            let converted =
                publish::to_lsp_diagnostic(&analysis, d, &|n| uri_of(docs, n, &uri, &main_name));
            per_file
                .entry(target.as_str().to_string())
                .or_default()
                .push(converted);
        }
    }
    let current = || lock(docs).get(uri.as_str()).map(|d| d.generation) == Some(generation);
    publish::send(
        client,
        published,
        uri.as_str(),
        Some(per_file),
        current,
        |u| open_version(docs, u),
    )
    .await;
}

/// How long a change waits for the next one before it is analysed.
const DEBOUNCE: Duration = Duration::from_millis(50);

fn capabilities() -> ServerCapabilities {
    ServerCapabilities {
        text_document_sync: Some(TextDocumentSyncCapability::Kind(
            TextDocumentSyncKind::INCREMENTAL,
        )),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        completion_provider: Some(CompletionOptions {
            trigger_characters: Some(
                handlers::completion::TRIGGER_CHARACTERS
                    .iter()
                    .map(|c| c.to_string())
                    .collect(),
            ),
            ..CompletionOptions::default()
        }),
        definition_provider: Some(OneOf::Left(true)),
        references_provider: Some(OneOf::Left(true)),
        rename_provider: Some(OneOf::Right(RenameOptions {
            prepare_provider: Some(true),
            work_done_progress_options: WorkDoneProgressOptions::default(),
        })),
        document_symbol_provider: Some(OneOf::Left(true)),
        document_formatting_provider: Some(OneOf::Left(true)),
        code_action_provider: Some(CodeActionProviderCapability::Simple(true)),
        semantic_tokens_provider: Some(SemanticTokensServerCapabilities::SemanticTokensOptions(
            SemanticTokensOptions {
                legend: SemanticTokensLegend {
                    token_types: handlers::semantic_tokens::TOKEN_TYPES.to_vec(),
                    token_modifiers: Vec::new(),
                },
                full: Some(SemanticTokensFullOptions::Bool(true)),
                range: None,
                ..SemanticTokensOptions::default()
            },
        )),
        ..ServerCapabilities::default()
    }
}

impl LanguageServer for Backend {
    async fn initialize(&self, _: InitializeParams) -> Result<InitializeResult> {
        Ok(InitializeResult {
            server_info: Some(ServerInfo {
                name: "reglement-lsp".to_string(),
                version: Some(env!("CARGO_PKG_VERSION").to_string()),
            }),
            capabilities: capabilities(),
            ..InitializeResult::default()
        })
    }

    async fn shutdown(&self) -> Result<()> {
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        let doc = params.text_document;
        let uri = doc.uri.as_str().to_string();
        lock(&self.docs).insert(uri.clone(), Doc::new(doc.version, doc.text));
        self.spawn_publish(uri.clone(), 0, Duration::ZERO);
        // the reglementen that use this file now read the open text
        if let Some(path) = doc_path(&uri) {
            self.reanalyse_users_of(&path, &uri);
        }
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        let uri = params.text_document.uri.as_str().to_string();
        let version = params.text_document.version;
        // applied here, before any await: changes stay in version order
        let applied = documents::apply_change(&self.docs, &uri, version, params.content_changes);
        self.report_sync(&uri, version, &applied).await;
        let generation = match applied {
            Applied::InOrder(g) => g,
            Applied::AfterGap { generation, .. } | Applied::OutOfRange { generation } => generation,
            Applied::Stale { .. } | Applied::NotOpen => return,
        };
        // typing sends a change per key: analyse what is still current after a pause
        self.spawn_publish(uri.clone(), generation, DEBOUNCE);
        if let Some(path) = doc_path(&uri) {
            self.reanalyse_users_of(&path, &uri);
        }
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        let uri = params.text_document.uri;
        lock(&self.docs).remove(uri.as_str());
        self.forget(&uri).await;
        // the reglementen that use it read it from disk again
        if let Some(path) = doc_path(uri.as_str()) {
            self.reanalyse_users_of(&path, uri.as_str());
        }
    }

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        for change in params.changes {
            let uri = change.uri.as_str();
            // an open document speaks for itself; a file on disk changed
            // by another program (or saved, created, deleted) is read again
            if lock(&self.docs).contains_key(uri) {
                continue;
            }
            if let Some(path) = doc_path(uri) {
                self.reanalyse_users_of(&path, uri);
            }
        }
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        let uri = &params.text_document_position_params.text_document.uri;
        Ok(self
            .snapshot(uri)
            .and_then(|s| handlers::hover::hover(&s, params)))
    }

    async fn completion(&self, params: CompletionParams) -> Result<Option<CompletionResponse>> {
        let uri = &params.text_document_position.text_document.uri;
        Ok(self
            .snapshot(uri)
            .and_then(|s| handlers::completion::completion(&s, params)))
    }

    async fn goto_definition(
        &self,
        params: GotoDefinitionParams,
    ) -> Result<Option<GotoDefinitionResponse>> {
        let uri = &params.text_document_position_params.text_document.uri;
        Ok(self
            .snapshot(uri)
            .and_then(|s| handlers::definition::definition(&s, params)))
    }

    async fn references(&self, params: ReferenceParams) -> Result<Option<Vec<Location>>> {
        let uri = &params.text_document_position.text_document.uri;
        Ok(self
            .snapshot(uri)
            .and_then(|s| handlers::references::references(&s, params)))
    }

    async fn prepare_rename(
        &self,
        params: TextDocumentPositionParams,
    ) -> Result<Option<PrepareRenameResponse>> {
        match self.snapshot(&params.text_document.uri) {
            Some(s) => handlers::rename::prepare_rename(&s, params),
            None => Ok(None),
        }
    }

    async fn rename(&self, params: RenameParams) -> Result<Option<WorkspaceEdit>> {
        match self.snapshot(&params.text_document_position.text_document.uri) {
            Some(s) => handlers::rename::rename(&s, params),
            None => Ok(None),
        }
    }

    async fn document_symbol(
        &self,
        params: DocumentSymbolParams,
    ) -> Result<Option<DocumentSymbolResponse>> {
        let uri = &params.text_document.uri;
        Ok(self
            .snapshot(uri)
            .and_then(|s| handlers::document_symbol::document_symbol(&s, params)))
    }

    async fn formatting(&self, params: DocumentFormattingParams) -> Result<Option<Vec<TextEdit>>> {
        let text = lock(&self.docs)
            .get(params.text_document.uri.as_str())
            .map(|d| d.text.clone());
        Ok(text.map(|t| handlers::formatting::formatting(&t)))
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        let uri = &params.text_document.uri;
        Ok(self
            .snapshot(uri)
            .and_then(|s| handlers::code_action::code_action(&s, params)))
    }

    async fn semantic_tokens_full(
        &self,
        params: SemanticTokensParams,
    ) -> Result<Option<SemanticTokensResult>> {
        let uri = &params.text_document.uri;
        Ok(self
            .snapshot(uri)
            .and_then(|s| handlers::semantic_tokens::semantic_tokens(&s, params)))
    }
}
