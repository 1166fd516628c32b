//! The language server: protocol in, library calls, protocol out. No parse,
//! check or format logic lives here (see `reglement::ide`, `analyze`,
//! `format`); positions are converted only in `position.rs`, diagnostics
//! are gathered per file in `publish.rs`.
//!
//! Concurrency: handlers run concurrently, so every text change is applied
//! synchronously, in version order, under the documents' lock before any
//! `.await`; analysis runs on a snapshot (text + generation) outside the
//! lock, and diagnostics are published only when that generation is still
//! current. A document's generation moves on with each of its changes and
//! with each change of a file it uses (its regional file, open or on disk),
//! so a reglement is analysed again when its regional file changes.

use crate::position::{offset, position, range};
use crate::publish::{self, Published};
use reglement::analysis::{FsLoader, Loader};
use reglement::ide::{self, Edit, Place};
use reglement::source::FileId;
use reglement::Analysis;
use std::collections::{BTreeMap, HashMap};
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;
use tower_lsp_server::{Client, LanguageServer};

/// One open document.
struct Doc {
    version: i32,
    /// Moves on with every change of this text or of a file it uses.
    generation: u64,
    text: String,
    /// The analysis of this generation, once computed.
    analysis: Option<(u64, Arc<Analysis>)>,
    /// The other files its last analysis read (the regional file); `None`
    /// before the first analysis.
    uses: Option<Vec<PathBuf>>,
}

type Docs = Arc<Mutex<BTreeMap<String, Doc>>>;

pub struct Backend {
    client: Client,
    docs: Docs,
    published: Arc<tokio::sync::Mutex<Published>>,
}

/// Reads referred files (the regional file) from open buffers first, then
/// from disk.
struct OpenFirst {
    open: BTreeMap<PathBuf, String>,
}

impl Loader for OpenFirst {
    fn load(&self, from: &str, relative: &str) -> std::result::Result<(String, String), String> {
        let base = Path::new(from)
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default();
        let path = normalize(&base.join(relative));
        match self.open.get(&path) {
            Some(text) => Ok((path.to_string_lossy().into_owned(), text.clone())),
            None => FsLoader.load(from, relative),
        }
    }
}

/// `a/./b/../c` → `a/c`, without touching the disk (the file may not exist).
pub fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other),
        }
    }
    out
}

/// The name a document is analysed under: its path when it is a file, so
/// that its regional file is found next to it.
fn doc_name(uri: &Uri) -> String {
    uri.to_file_path()
        .map(|p| p.to_string_lossy().into_owned())
        .unwrap_or_else(|| uri.as_str().to_string())
}

fn doc_path(uri: &str) -> Option<PathBuf> {
    let uri: Uri = uri.parse().ok()?;
    Some(normalize(&uri.to_file_path()?))
}

/// The URI of a file of an analysis: the document itself, an open
/// document with that path (as the client spells its URI), or a file URI.
fn uri_of(docs: &Docs, name: &str, main: &Uri, main_name: &str) -> Option<Uri> {
    if name == main_name {
        return Some(main.clone());
    }
    let path = normalize(Path::new(name));
    let open = lock(docs)
        .keys()
        .find(|u| doc_path(u).as_ref() == Some(&path))
        .cloned();
    match open {
        Some(u) => u.parse().ok(),
        None => Uri::from_file_path(&path),
    }
}

impl Backend {
    pub fn new(client: Client) -> Self {
        Backend {
            client,
            docs: Arc::new(Mutex::new(BTreeMap::new())),
            published: Arc::new(tokio::sync::Mutex::new(Published::default())),
        }
    }

    fn lock(&self) -> MutexGuard<'_, BTreeMap<String, Doc>> {
        lock(&self.docs)
    }

    fn analysis(&self, uri: &Uri) -> Option<(u64, Arc<Analysis>)> {
        analysis(&self.docs, uri)
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
            let mut docs = self.lock();
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

    fn with_analysis<T>(
        &self,
        uri: &Uri,
        f: impl FnOnce(&Analysis, FileId, &str) -> Option<T>,
    ) -> Option<T> {
        let (_, analysis) = self.analysis(uri)?;
        let main = analysis.model.main;
        let text = analysis.sources.get(main).text.clone();
        f(&analysis, main, &text)
    }

    fn location(&self, analysis: &Analysis, place: Place, uri: &Uri) -> Option<Location> {
        let file = analysis.sources.get(place.file);
        let target = uri_of(&self.docs, &file.name, uri, &doc_name(uri))?;
        Some(Location::new(
            target,
            range(&file.text, place.span.start, place.span.end),
        ))
    }

    fn workspace_edit(&self, analysis: &Analysis, edits: Vec<Edit>, uri: &Uri) -> WorkspaceEdit {
        let mut changes: HashMap<Uri, Vec<TextEdit>> = HashMap::new();
        for e in edits {
            let file = analysis.sources.get(e.file);
            if let Some(target) = uri_of(&self.docs, &file.name, uri, &doc_name(uri)) {
                changes.entry(target).or_default().push(TextEdit::new(
                    range(&file.text, e.span.start, e.span.end),
                    e.text,
                ));
            }
        }
        WorkspaceEdit::new(changes)
    }
}

fn lock(docs: &Docs) -> MutexGuard<'_, BTreeMap<String, Doc>> {
    // a panic in another handler must not take the server down with it
    docs.lock().unwrap_or_else(|e| e.into_inner())
}

/// The analysis of the current generation of a document (cached).
fn analysis(docs: &Docs, uri: &Uri) -> Option<(u64, Arc<Analysis>)> {
    let (generation, text, open) = {
        let docs = lock(docs);
        let doc = docs.get(uri.as_str())?;
        if let Some((g, a)) = &doc.analysis {
            if *g == doc.generation {
                return Some((*g, a.clone()));
            }
        }
        (doc.generation, doc.text.clone(), open_files(&docs))
    };
    let analysis = Arc::new(reglement::analyze(
        &doc_name(uri),
        &text,
        &OpenFirst { open },
    ));
    if let Some(doc) = lock(docs).get_mut(uri.as_str()) {
        if doc.generation == generation {
            doc.analysis = Some((generation, analysis.clone()));
            doc.uses = Some(
                analysis.sources.files[1..]
                    .iter()
                    .map(|f| normalize(Path::new(&f.name)))
                    .collect(),
            );
        }
    }
    Some((generation, analysis))
}

/// Analyse a document and publish its diagnostics, each in the file it is
/// about (the regional file's in the regional file).
async fn publish_document(
    client: &Client,
    docs: &Docs,
    published: &tokio::sync::Mutex<Published>,
    uri: Uri,
) {
    let Some((generation, analysis)) = analysis(docs, &uri) else {
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

fn open_files(docs: &BTreeMap<String, Doc>) -> BTreeMap<PathBuf, String> {
    docs.iter()
        .filter_map(|(uri, d)| Some((doc_path(uri)?, d.text.clone())))
        .collect()
}

/// The current version of an open document, for the diagnostics published to it.
fn open_version(docs: &Docs, uri: &str) -> Option<i32> {
    lock(docs).get(uri).map(|d| d.version)
}

/// How long a change waits for the next one before it is analysed.
const DEBOUNCE: Duration = Duration::from_millis(50);

const TOKEN_TYPES: [SemanticTokenType; 5] = [
    SemanticTokenType::KEYWORD,
    SemanticTokenType::VARIABLE,
    SemanticTokenType::NUMBER,
    SemanticTokenType::STRING,
    SemanticTokenType::COMMENT,
];

impl LanguageServer for Backend {
    async fn initialize(&self, _: InitializeParams) -> Result<InitializeResult> {
        Ok(InitializeResult {
            server_info: Some(ServerInfo {
                name: "reglement-lsp".to_string(),
                version: Some(env!("CARGO_PKG_VERSION").to_string()),
            }),
            capabilities: ServerCapabilities {
                text_document_sync: Some(TextDocumentSyncCapability::Kind(
                    TextDocumentSyncKind::INCREMENTAL,
                )),
                hover_provider: Some(HoverProviderCapability::Simple(true)),
                completion_provider: Some(CompletionOptions {
                    trigger_characters: Some(vec![" ".to_string(), ":".to_string()]),
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
                semantic_tokens_provider: Some(
                    SemanticTokensServerCapabilities::SemanticTokensOptions(
                        SemanticTokensOptions {
                            legend: SemanticTokensLegend {
                                token_types: TOKEN_TYPES.to_vec(),
                                token_modifiers: Vec::new(),
                            },
                            full: Some(SemanticTokensFullOptions::Bool(true)),
                            range: None,
                            ..SemanticTokensOptions::default()
                        },
                    ),
                ),
                ..ServerCapabilities::default()
            },
            ..InitializeResult::default()
        })
    }

    async fn shutdown(&self) -> Result<()> {
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        let doc = params.text_document;
        let uri = doc.uri.as_str().to_string();
        self.lock().insert(
            uri.clone(),
            Doc {
                version: doc.version,
                generation: 0,
                text: doc.text,
                analysis: None,
                uses: None,
            },
        );
        self.spawn_publish(uri.clone(), 0, Duration::ZERO);
        // the reglementen that use this file now read the open text
        if let Some(path) = doc_path(&uri) {
            self.reanalyse_users_of(&path, &uri);
        }
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        let uri = params.text_document.uri.as_str().to_string();
        let generation = {
            // applied here, before any await: changes stay in version order
            let mut docs = self.lock();
            let Some(doc) = docs.get_mut(&uri) else {
                return;
            };
            if params.text_document.version <= doc.version {
                return;
            }
            for change in params.content_changes {
                match change.range {
                    Some(r) => {
                        let start = offset(&doc.text, r.start);
                        let end = offset(&doc.text, r.end).max(start);
                        doc.text.replace_range(start..end, &change.text);
                    }
                    None => doc.text = change.text,
                }
            }
            doc.version = params.text_document.version;
            doc.generation += 1;
            doc.analysis = None;
            doc.generation
        };
        // typing sends a change per key: analyse what is still current after a pause
        self.spawn_publish(uri.clone(), generation, DEBOUNCE);
        if let Some(path) = doc_path(&uri) {
            self.reanalyse_users_of(&path, &uri);
        }
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        let uri = params.text_document.uri;
        self.lock().remove(uri.as_str());
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
            if self.lock().contains_key(uri) {
                continue;
            }
            if let Some(path) = doc_path(uri) {
                self.reanalyse_users_of(&path, uri);
            }
        }
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        let p = params.text_document_position_params;
        Ok(self.with_analysis(&p.text_document.uri, |a, file, text| {
            let h = ide::hover::hover(a, file, offset(text, p.position))?;
            Some(Hover {
                contents: HoverContents::Markup(MarkupContent {
                    kind: MarkupKind::Markdown,
                    value: h.text,
                }),
                range: Some(range(text, h.span.start, h.span.end)),
            })
        }))
    }

    async fn completion(&self, params: CompletionParams) -> Result<Option<CompletionResponse>> {
        let p = params.text_document_position;
        Ok(self.with_analysis(&p.text_document.uri, |a, _, text| {
            let items = ide::complete::complete(a, text, offset(text, p.position))
                .into_iter()
                .map(|c| CompletionItem {
                    label: c.label,
                    detail: Some(c.detail),
                    kind: Some(match c.kind {
                        ide::complete::CompletionKind::Keyword => CompletionItemKind::KEYWORD,
                        ide::complete::CompletionKind::Name => CompletionItemKind::VARIABLE,
                        ide::complete::CompletionKind::Gemeente => CompletionItemKind::VALUE,
                        ide::complete::CompletionKind::TargetGroup => {
                            CompletionItemKind::ENUM_MEMBER
                        }
                    }),
                    ..CompletionItem::default()
                })
                .collect();
            Some(CompletionResponse::Array(items))
        }))
    }

    async fn goto_definition(
        &self,
        params: GotoDefinitionParams,
    ) -> Result<Option<GotoDefinitionResponse>> {
        let p = params.text_document_position_params;
        let uri = p.text_document.uri.clone();
        Ok(self.with_analysis(&uri, |a, file, text| {
            let place = ide::navigate::definition(a, file, offset(text, p.position))?;
            Some(GotoDefinitionResponse::Scalar(
                self.location(a, place, &uri)?,
            ))
        }))
    }

    async fn references(&self, params: ReferenceParams) -> Result<Option<Vec<Location>>> {
        let p = params.text_document_position;
        let uri = p.text_document.uri.clone();
        let include = params.context.include_declaration;
        Ok(self.with_analysis(&uri, |a, file, text| {
            let places = ide::navigate::references(a, file, offset(text, p.position), include);
            Some(
                places
                    .into_iter()
                    .filter_map(|pl| self.location(a, pl, &uri))
                    .collect(),
            )
        }))
    }

    async fn prepare_rename(
        &self,
        params: TextDocumentPositionParams,
    ) -> Result<Option<PrepareRenameResponse>> {
        let result = self.with_analysis(&params.text_document.uri, |a, file, text| {
            Some(
                ide::navigate::prepare_rename(a, file, offset(text, params.position)).map(
                    |(span, placeholder)| PrepareRenameResponse::RangeWithPlaceholder {
                        range: range(text, span.start, span.end),
                        placeholder,
                    },
                ),
            )
        });
        match result {
            None => Ok(None),
            Some(Ok(r)) => Ok(Some(r)),
            // the client shows this message where the rename box would open
            Some(Err(message)) => Err(tower_lsp_server::jsonrpc::Error::invalid_params(message)),
        }
    }

    async fn rename(&self, params: RenameParams) -> Result<Option<WorkspaceEdit>> {
        let p = params.text_document_position;
        let uri = p.text_document.uri.clone();
        let result = self.with_analysis(&uri, |a, file, text| {
            Some(
                ide::navigate::rename(a, file, offset(text, p.position), &params.new_name)
                    .map(|edits| self.workspace_edit(a, edits, &uri)),
            )
        });
        match result {
            None => Ok(None),
            Some(Ok(edit)) => Ok(Some(edit)),
            Some(Err(message)) => Err(tower_lsp_server::jsonrpc::Error::invalid_params(message)),
        }
    }

    async fn document_symbol(
        &self,
        params: DocumentSymbolParams,
    ) -> Result<Option<DocumentSymbolResponse>> {
        Ok(
            self.with_analysis(&params.text_document.uri, |a, file, text| {
                fn convert(item: ide::outline::OutlineItem, text: &str) -> DocumentSymbol {
                    #[allow(deprecated)]
                    DocumentSymbol {
                        name: item.name,
                        detail: item.detail,
                        kind: match item.kind {
                            ide::outline::OutlineKind::Section => SymbolKind::NAMESPACE,
                            ide::outline::OutlineKind::Name(_) => SymbolKind::CONSTANT,
                        },
                        tags: None,
                        deprecated: None,
                        range: range(text, item.span.start, item.span.end),
                        selection_range: range(text, item.selection.start, item.selection.end),
                        children: Some(
                            item.children
                                .into_iter()
                                .map(|c| convert(c, text))
                                .collect(),
                        ),
                    }
                }
                let symbols = ide::outline::outline(a, file)
                    .into_iter()
                    .map(|i| convert(i, text))
                    .collect();
                Some(DocumentSymbolResponse::Nested(symbols))
            }),
        )
    }

    async fn formatting(&self, params: DocumentFormattingParams) -> Result<Option<Vec<TextEdit>>> {
        let text = match self.lock().get(params.text_document.uri.as_str()) {
            Some(d) => d.text.clone(),
            None => return Ok(None),
        };
        let formatted = reglement::format::format_text(&text);
        if formatted == text {
            return Ok(Some(Vec::new()));
        }
        Ok(Some(vec![TextEdit::new(
            range(&text, 0, text.len()),
            formatted,
        )]))
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        let uri = params.text_document.uri.clone();
        Ok(self.with_analysis(&uri, |a, file, text| {
            let from = offset(text, params.range.start);
            let to = offset(text, params.range.end);
            let mut actions = Vec::new();
            for d in a.diagnostics.iter().filter(|d| {
                d.file() == file && d.primary.span.start <= to && from <= d.primary.span.end
            }) {
                for fix in ide::fixes::fixes(a, d) {
                    actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                        title: fix.title,
                        kind: Some(CodeActionKind::QUICKFIX),
                        diagnostics: Some(vec![publish::to_lsp_diagnostic(a, d, &|n| {
                            uri_of(&self.docs, n, &uri, &doc_name(&uri))
                        })]),
                        edit: Some(self.workspace_edit(a, fix.edits, &uri)),
                        is_preferred: Some(true),
                        ..CodeAction::default()
                    }));
                }
            }
            Some(actions)
        }))
    }

    async fn semantic_tokens_full(
        &self,
        params: SemanticTokensParams,
    ) -> Result<Option<SemanticTokensResult>> {
        Ok(
            self.with_analysis(&params.text_document.uri, |a, file, text| {
                let mut data = Vec::new();
                let (mut last_line, mut last_start) = (0u32, 0u32);
                for (span, kind) in ide::tokens::tokens(a, file) {
                    let index = ide::tokens::TokenKind::ALL
                        .iter()
                        .position(|k| *k == kind)
                        .unwrap_or(0) as u32;
                    // one token per line: a string over several lines is cut at each line end
                    let mut start = span.start;
                    while start < span.end {
                        let end = text[start..span.end]
                            .find('\n')
                            .map_or(span.end, |i| start + i);
                        let from = position(text, start);
                        let to = position(text, end);
                        if to.character > from.character {
                            let delta_line = from.line - last_line;
                            let delta_start = if delta_line == 0 {
                                from.character - last_start
                            } else {
                                from.character
                            };
                            data.push(SemanticToken {
                                delta_line,
                                delta_start,
                                length: to.character - from.character,
                                token_type: index,
                                token_modifiers_bitset: 0,
                            });
                            last_line = from.line;
                            last_start = from.character;
                        }
                        start = end + 1;
                    }
                }
                Some(SemanticTokensResult::Tokens(SemanticTokens {
                    result_id: None,
                    data,
                }))
            }),
        )
    }
}
