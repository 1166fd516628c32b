//! Opening the files a user or a reglement names: only regular files, never
//! a pipe, a device or a folder, and never more bytes than a cap.
//!
//! A file is opened without blocking (`O_NONBLOCK`), so that opening a FIFO
//! that nobody writes to returns at once instead of waiting forever; what
//! was opened is then checked (`fstat`) before a byte is read, so that a
//! name swapped for a pipe between a check and the open cannot slip
//! through. A regular file is read up to its cap and no further: a file
//! that grows while it is read is refused rather than read without end.
//! `/dev/zero`, `/dev/stdin`, a FIFO and a folder are refused with a Dutch
//! message that says what they are.

use std::fmt;
use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

const MB: u64 = 1 << 20;

/// A reglement, a regional file, a test file or an amendment: 16 MB (a
/// real reglement is well under 1 MB).
pub const MAX_TEKST: u64 = 16 * MB;
/// A compiled plan (JSON): 64 MB.
pub const MAX_PLAN: u64 = 64 * MB;
/// A dwellings file: 64 MB (a few hundred thousand dwellings).
pub const MAX_WONINGEN: u64 = 64 * MB;
/// A candidates file: just under 4 GB, since a batch's offsets are 32-bit.
pub const MAX_KANDIDATEN: u64 = u32::MAX as u64;

/// Why a file cannot be read. The messages leave out the file's name (the
/// caller puts it in front).
#[derive(Debug)]
pub enum FileError {
    NotFound,
    /// Not a regular file: what it is instead ("een map", "een pipe (FIFO)").
    NotRegular(&'static str),
    TooLarge {
        bytes: u64,
        max: u64,
    },
    NotUtf8,
    Io(std::io::Error),
}

fn megabytes(bytes: u64) -> String {
    crate::nl::thousands(bytes.div_ceil(MB))
}

impl fmt::Display for FileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FileError::NotFound => write!(f, "bestaat niet"),
            FileError::NotRegular(what) => write!(
                f,
                "is geen gewoon bestand maar {what}; geef de naam van een bestand"
            ),
            FileError::TooLarge { bytes, max } => write!(
                f,
                "is groter dan {} MB ({} MB of meer); hoogstens {} MB wordt gelezen",
                megabytes(*max),
                megabytes(*bytes),
                megabytes(*max)
            ),
            FileError::NotUtf8 => write!(f, "is geen UTF-8-tekst; sla het op als UTF-8"),
            FileError::Io(e) => write!(f, "kan niet gelezen worden: {}", io_reason(e)),
        }
    }
}

impl std::error::Error for FileError {}

/// Why a read or write failed, in Dutch (the operating system's own text
/// is English): the one place input/output errors are put into words.
pub fn io_reason(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    match e.kind() {
        K::NotFound => "het bestand of de map bestaat niet".into(),
        K::PermissionDenied => {
            "geen toegang (de rechten op het bestand of de map ontbreken)".into()
        }
        K::AlreadyExists => "het bestand bestaat al".into(),
        K::IsADirectory => "dat is een map, geen bestand".into(),
        K::NotADirectory => "een deel van het pad is geen map".into(),
        K::StorageFull => "de schijf is vol".into(),
        K::ReadOnlyFilesystem => "de schijf is alleen-lezen".into(),
        K::InvalidData => "de inhoud is niet leesbaar".into(),
        K::UnexpectedEof => "het bestand houdt onverwacht op".into(),
        K::Interrupted => "onderbroken; probeer opnieuw".into(),
        K::BrokenPipe => "de ontvanger van de uitvoer is gestopt".into(),
        _ => match e.raw_os_error() {
            Some(code) => format!("fout van het besturingssysteem (code {code})"),
            None => "onbekende fout bij lezen of schrijven".into(),
        },
    }
}

/// What is wrong at a place in a JSON file, in Dutch (serde_json's own
/// text is English, "expected `,` or `]` at line 1 column 18"): the one
/// place JSON errors are put into words. The line and column are the
/// caller's to show (`e.line()`, `e.column()`), so they are left out here.
pub fn json_reason(e: &serde_json::Error) -> String {
    let text = e.to_string();
    // serde_json appends " at line N column M"
    let what = match text.rfind(" at line ") {
        Some(i) => &text[..i],
        None => &text[..],
    };
    json_message(what)
}

fn json_message(what: &str) -> String {
    let quoted = |s: &str| s.replace('`', "'");
    let fixed: &[(&str, &str)] = &[
        (
            "EOF while parsing a list",
            "het bestand houdt op midden in een lijst (een ']' ontbreekt)",
        ),
        (
            "EOF while parsing an object",
            "het bestand houdt op midden in een object (een '}' ontbreekt)",
        ),
        (
            "EOF while parsing a string",
            "het bestand houdt op midden in een tekst (een '\"' ontbreekt)",
        ),
        (
            "EOF while parsing a value",
            "het bestand houdt op waar een waarde moest komen",
        ),
        ("expected `:`", "hier moet een ':' staan"),
        ("expected `,` or `]`", "hier moet een ',' of ']' staan"),
        ("expected `,` or `}`", "hier moet een ',' of '}' staan"),
        (
            "expected ident",
            "hier staat een onbekend woord (bedoeld: true, false of null?)",
        ),
        (
            "expected value",
            "hier moet een waarde staan (een tekst, getal, lijst of object)",
        ),
        ("expected `\"`", "hier moet een '\"' staan"),
        ("invalid escape", "ongeldige escape in een tekst (na '\\')"),
        ("invalid number", "ongeldig getal"),
        ("number out of range", "het getal is te groot"),
        ("invalid unicode code point", "ongeldig Unicode-teken"),
        (
            "control character (\\u0000-\\u001F) found while parsing a string",
            "een stuurteken (zoals een regeleinde) in een tekst; schrijf het als \\n of \\u00XX",
        ),
        (
            "key must be a string",
            "een sleutel moet een tekst tussen aanhalingstekens zijn",
        ),
        ("key must be a number", "een sleutel moet een getal zijn"),
        (
            "lone leading surrogate in hex escape",
            "een half Unicode-teken in een escape",
        ),
        ("trailing comma", "een komma te veel voor het sluitteken"),
        (
            "trailing characters",
            "na het einde van de JSON-waarde staat nog tekst",
        ),
        ("unexpected end of hex escape", "een onvolledige \\u-escape"),
        ("recursion limit exceeded", "te diep genest"),
    ];
    if let Some((_, nl)) = fixed.iter().find(|(en, _)| *en == what) {
        return nl.to_string();
    }
    if let Some(rest) = what.strip_prefix("invalid type: ") {
        if let Some((got, want)) = rest.split_once(", expected ") {
            return format!(
                "verkeerd soort waarde: {}, verwacht {}",
                json_kind(got),
                json_kind(want)
            );
        }
    }
    if let Some(rest) = what.strip_prefix("invalid value: ") {
        if let Some((got, want)) = rest.split_once(", expected ") {
            return format!(
                "ongeldige waarde {}, verwacht {}",
                json_kind(got),
                json_kind(want)
            );
        }
    }
    if let Some(field) = what.strip_prefix("missing field ") {
        return format!("het veld {} ontbreekt", quoted(field));
    }
    if let Some(field) = what.strip_prefix("duplicate field ") {
        return format!("het veld {} staat er twee keer", quoted(field));
    }
    for (prefix, word) in [
        ("unknown field ", "onbekend veld"),
        ("unknown variant ", "onbekende waarde"),
    ] {
        if let Some(rest) = what.strip_prefix(prefix) {
            return match rest.split_once(", expected ") {
                Some((name, expected)) => format!(
                    "{word} {}; mogelijk: {}",
                    quoted(name),
                    quoted(expected)
                        .replace("one of ", "")
                        .replace(" or ", " of ")
                ),
                None => format!("{word} {}", quoted(rest.split(',').next().unwrap_or(rest))),
            };
        }
    }
    if let Some(rest) = what.strip_prefix("invalid length ") {
        if let Some((n, want)) = rest.split_once(", expected ") {
            return format!("verkeerde lengte {n}, verwacht {}", json_kind(want));
        }
    }
    // a message of our own types (already Dutch) or one serde_json adds later
    format!("ongeldige JSON ({})", quoted(what))
}

/// serde's names of JSON kinds ("string \"x\"", "u32", "a sequence") in Dutch.
fn json_kind(kind: &str) -> String {
    let kind = kind.trim();
    for (en, nl) in [
        ("string ", "de tekst "),
        ("integer ", "het getal "),
        ("floating point ", "het getal "),
        ("boolean ", "de waarde "),
    ] {
        if let Some(rest) = kind.strip_prefix(en) {
            return format!("{nl}{}", rest.replace('`', "'"));
        }
    }
    match kind {
        "null" => "null (leeg)".into(),
        "a string" | "string" => "een tekst".into(),
        "a sequence" | "sequence" => "een lijst".into(),
        "a map" | "map" => "een object".into(),
        "a boolean" | "boolean" | "a boolean value" => "true of false".into(),
        "unit value" => "null (leeg)".into(),
        "i8" | "i16" | "i32" | "i64" | "isize" => "een geheel getal".into(),
        "u8" | "u16" | "u32" | "u64" | "usize" => "een geheel getal, niet negatief".into(),
        "f32" | "f64" => "een getal".into(),
        "a borrowed string" => "een tekst".into(),
        other => other.replace('`', "'"),
    }
}

impl From<std::io::Error> for FileError {
    fn from(e: std::io::Error) -> Self {
        match e.kind() {
            std::io::ErrorKind::NotFound => FileError::NotFound,
            _ => FileError::Io(e),
        }
    }
}

impl From<FileError> for std::io::Error {
    fn from(e: FileError) -> Self {
        match e {
            FileError::Io(e) => e,
            FileError::NotFound => std::io::Error::new(std::io::ErrorKind::NotFound, e.to_string()),
            other => std::io::Error::new(std::io::ErrorKind::InvalidData, other.to_string()),
        }
    }
}

/// What a file that is not a regular file is, in Dutch.
fn kind(t: std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "een pipe (FIFO)";
        }
        if t.is_char_device() || t.is_block_device() {
            return "een apparaat";
        }
        if t.is_socket() {
            return "een socket";
        }
    }
    if t.is_dir() {
        "een map"
    } else {
        "geen gewoon bestand"
    }
}

/// Open `path` for reading if it is a regular file; its length.
pub fn open(path: &Path) -> Result<(File, u64), FileError> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // a FIFO without a writer would block the open itself
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path)?;
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(FileError::NotRegular(kind(meta.file_type())));
    }
    Ok((file, meta.len()))
}

/// The bytes of a regular file of at most `max` bytes.
pub fn read(path: &Path, max: u64) -> Result<Vec<u8>, FileError> {
    let (file, len) = open(path)?;
    if len > max {
        return Err(FileError::TooLarge { bytes: len, max });
    }
    let mut data = Vec::with_capacity(len as usize);
    file.take(max.saturating_add(1)).read_to_end(&mut data)?;
    if data.len() as u64 > max {
        return Err(FileError::TooLarge {
            bytes: data.len() as u64,
            max,
        });
    }
    Ok(data)
}

/// The text of a regular UTF-8 file of at most `max` bytes.
pub fn read_text(path: &Path, max: u64) -> Result<String, FileError> {
    String::from_utf8(read(path, max)?).map_err(|_| FileError::NotUtf8)
}

/// What names a file: the file itself when it exists (device and inode, so
/// that a link or another spelling of the path is the same file), else its
/// absolute path with the folder resolved.
#[derive(Debug, PartialEq, Eq)]
enum Identity {
    // only unix gives device and inode (the browser build has no files)
    #[cfg_attr(not(unix), allow(dead_code))]
    Inode(u64, u64),
    Path(PathBuf),
}

fn identity(path: &Path) -> Identity {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let Ok(m) = std::fs::metadata(path) {
            return Identity::Inode(m.dev(), m.ino());
        }
    }
    let name = path.file_name().map(PathBuf::from).unwrap_or_default();
    let parent = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let parent = std::fs::canonicalize(parent).unwrap_or_else(|_| parent.to_path_buf());
    Identity::Path(parent.join(name))
}

/// Refuse an output that would overwrite an input, or two outputs that
/// are the same file. `inputs` and `outputs` are (option, path) pairs, the
/// option as the user wrote it (`--kandidaten`, `-o`).
pub fn check_outputs(inputs: &[(&str, &Path)], outputs: &[(&str, &Path)]) -> Result<(), String> {
    let ids: Vec<Identity> = inputs.iter().map(|(_, p)| identity(p)).collect();
    let mut seen: Vec<(&str, &Path, Identity)> = Vec::new();
    for &(option, path) in outputs {
        let id = identity(path);
        if let Some(k) = ids.iter().position(|i| *i == id) {
            return Err(format!(
                "{option} {} is hetzelfde bestand als {} {}: het invoerbestand zou overschreven worden; kies een ander uitvoerbestand",
                path.display(),
                inputs[k].0,
                inputs[k].1.display()
            ));
        }
        if let Some((other, other_path, _)) = seen.iter().find(|(_, _, i)| *i == id) {
            return Err(format!(
                "{option} {} en {other} {} zijn hetzelfde bestand: het ene zou het andere overschrijven; kies twee verschillende bestanden",
                path.display(),
                other_path.display()
            ));
        }
        seen.push((option, path, id));
    }
    Ok(())
}

#[cfg(test)]
mod tests {

    fn reason_of<T: serde::de::DeserializeOwned + std::fmt::Debug>(text: &str) -> String {
        json_reason(&serde_json::from_str::<T>(text).expect_err("an error"))
    }

    #[test]
    fn json_errors_are_put_in_dutch() {
        use serde_json::Value;
        assert_eq!(
            reason_of::<Value>("[1, 2"),
            "het bestand houdt op midden in een lijst (een ']' ontbreekt)"
        );
        assert_eq!(
            reason_of::<Value>("{1: 2}"),
            "een sleutel moet een tekst tussen aanhalingstekens zijn"
        );
        assert_eq!(
            reason_of::<Value>("[1 2]"),
            "hier moet een ',' of ']' staan"
        );
        assert_eq!(
            reason_of::<Value>("[1,]"),
            "een komma te veel voor het sluitteken"
        );
        assert_eq!(
            reason_of::<Value>("[1] x"),
            "na het einde van de JSON-waarde staat nog tekst"
        );
        assert_eq!(
            reason_of::<Vec<u32>>("[\"a\"]"),
            "verkeerd soort waarde: de tekst \"a\", verwacht een geheel getal, niet negatief"
        );
        #[derive(Debug, serde::Deserialize)]
        #[serde(deny_unknown_fields)]
        #[allow(dead_code)]
        struct S {
            a: u32,
        }
        assert_eq!(reason_of::<S>("{}"), "het veld 'a' ontbreekt");
        assert_eq!(
            reason_of::<S>("{\"b\": 1}"),
            "onbekend veld 'b'; mogelijk: 'a'"
        );
        // never English
        for text in ["", "[", "{\"a\"", "\"\\x\"", "tru", "1e999", "\"\u{1}\""] {
            let r = reason_of::<Value>(text);
            assert!(
                !r.contains("expected") && !r.contains("while"),
                "{text}: {r}"
            );
        }
    }

    use super::*;

    #[test]
    fn devices_and_folders_are_refused() {
        assert!(matches!(
            read(Path::new("/dev/zero"), MAX_TEKST),
            Err(FileError::NotRegular("een apparaat"))
        ));
        assert!(matches!(
            read(Path::new("/"), MAX_TEKST),
            Err(FileError::NotRegular("een map"))
        ));
        assert!(matches!(
            read(Path::new("/bestaat/niet"), MAX_TEKST),
            Err(FileError::NotFound)
        ));
    }

    #[test]
    fn the_cap_holds() {
        let dir = std::env::temp_dir().join(format!("reglement-files-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("dir");
        let p = dir.join("tien.txt");
        std::fs::write(&p, b"0123456789").expect("write");
        assert_eq!(read(&p, 10).expect("fits").len(), 10);
        assert!(matches!(
            read(&p, 9),
            Err(FileError::TooLarge { bytes: 10, max: 9 })
        ));
        let _ = std::fs::remove_dir_all(&dir);
    }
}
