//! Discovery: walking the given paths and deciding which files are inputs.
//!
//! The walk honours `.gitignore` (with or without a git repository), `.ignore`,
//! `.lzscanignore`, and skips hidden files and folders; a file named explicitly on
//! the command line is always taken. One unreadable entry or symlink loop is
//! reported and the walk goes on.

use crate::finding::Diagnostic;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// What kind of input a file may be; its content decides the rest (a `.json` file
/// may be an ARM template, a parameter file, or something to skip).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    Json,
    /// `.jsonl` / `.ndjson`: an export with one row per line.
    JsonLines,
    /// A `.tf` file: its folder is a Terraform module.
    Terraform,
    /// A `.bicep` or `.bicepparam` file.
    Bicep,
}

impl Kind {
    pub fn of(path: &Path) -> Option<Kind> {
        if path.to_string_lossy().ends_with(".tf.json") {
            return Some(Kind::Terraform);
        }
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "json" | "jsonc" => Some(Kind::Json),
            "jsonl" | "ndjson" => Some(Kind::JsonLines),
            "tf" => Some(Kind::Terraform),
            "bicep" | "bicepparam" => Some(Kind::Bicep),
            _ => None,
        }
    }
}

/// A file to read.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Input {
    /// Path shown in reports: relative to the working directory when below it.
    pub display: String,
    pub path: PathBuf,
    pub kind: Kind,
}

/// Finds the input files under `paths`, sorted by display path, without duplicates.
pub fn discover(paths: &[PathBuf]) -> (Vec<Input>, Vec<Diagnostic>) {
    let cwd = std::env::current_dir().ok();
    let mut found: BTreeMap<String, Input> = BTreeMap::new();
    let mut diags = Vec::new();
    for root in paths {
        if !root.exists() {
            diags.push(Diagnostic::error(
                root.display().to_string(),
                None,
                "no such file or directory",
            ));
            continue;
        }
        if root.is_file() {
            let display = display_path(root, cwd.as_deref());
            match Kind::of(root) {
                Some(kind) => {
                    found.insert(
                        display.clone(),
                        Input {
                            display,
                            path: root.clone(),
                            kind,
                        },
                    );
                }
                None => diags.push(Diagnostic::note(
                    display,
                    None,
                    "not a supported input file (.json ARM templates and plans, .tf Terraform, .bicep); skipped",
                )),
            }
            continue;
        }
        let walker = ignore::WalkBuilder::new(root)
            .hidden(true)
            .git_ignore(true)
            .git_global(false)
            .git_exclude(true)
            .require_git(false)
            .follow_links(true)
            .add_custom_ignore_filename(".lzscanignore")
            .build();
        for entry in walker {
            match entry {
                Ok(e) => {
                    let p = e.path();
                    if !e.file_type().is_some_and(|t| t.is_file()) {
                        continue;
                    }
                    if let Some(kind) = Kind::of(p) {
                        let display = display_path(p, cwd.as_deref());
                        found.insert(
                            display.clone(),
                            Input {
                                display,
                                path: p.to_path_buf(),
                                kind,
                            },
                        );
                    }
                }
                Err(err) => diags.push(walk_error(&err)),
            }
        }
    }
    (found.into_values().collect(), diags)
}

fn walk_error(err: &ignore::Error) -> Diagnostic {
    let mut path = None;
    let mut e = err;
    loop {
        match e {
            ignore::Error::WithPath { path: p, err } => {
                path = Some(p.display().to_string());
                e = err;
            }
            ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
                e = err
            }
            ignore::Error::Loop { child, .. } => {
                path = Some(child.display().to_string());
                break;
            }
            _ => break,
        }
    }
    Diagnostic::error(path.unwrap_or_else(|| ".".into()), None, err.to_string())
}

/// `./a/b.json` → `a/b.json`; absolute paths below the working directory become
/// relative; separators are always `/`.
pub fn display_path(p: &Path, cwd: Option<&Path>) -> String {
    let rel = cwd.and_then(|c| p.strip_prefix(c).ok()).unwrap_or(p);
    let s = rel.to_string_lossy().replace('\\', "/");
    let s = s.strip_prefix("./").unwrap_or(&s).to_string();
    if s.is_empty() {
        ".".into()
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    #[test]
    fn honours_ignore_files_and_hidden_folders() {
        let d = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let root = d.path();
        for f in [
            "a.json",
            "sub/b.json",
            ".hidden/c.json",
            "skipped/d.json",
            "gen/e.json",
            "x.txt",
        ] {
            let p = root.join(f);
            if let Some(parent) = p.parent() {
                fs::create_dir_all(parent).unwrap_or_else(|e| panic!("{e}"));
            }
            fs::write(&p, "{}").unwrap_or_else(|e| panic!("{e}"));
        }
        fs::write(root.join(".gitignore"), "gen/\n").unwrap_or_else(|e| panic!("{e}"));
        fs::write(root.join(".lzscanignore"), "skipped/\n").unwrap_or_else(|e| panic!("{e}"));
        let (inputs, diags) = discover(&[root.to_path_buf()]);
        let names: Vec<_> = inputs
            .iter()
            .map(|i| {
                i.path
                    .strip_prefix(root)
                    .map(|p| p.to_string_lossy().replace('\\', "/"))
                    .unwrap_or_default()
            })
            .collect();
        assert_eq!(names, vec!["a.json", "sub/b.json"]);
        assert!(diags.is_empty());
    }

    #[test]
    fn missing_paths_are_errors() {
        let (inputs, diags) = discover(&[PathBuf::from("/definitely/not/here")]);
        assert!(inputs.is_empty());
        assert_eq!(diags.len(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn symlink_loops_are_reported_not_followed_forever() {
        let d = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        fs::create_dir_all(d.path().join("a")).unwrap_or_else(|e| panic!("{e}"));
        fs::write(d.path().join("a/t.json"), "{}").unwrap_or_else(|e| panic!("{e}"));
        std::os::unix::fs::symlink(d.path(), d.path().join("a/loop"))
            .unwrap_or_else(|e| panic!("{e}"));
        let (inputs, diags) = discover(&[d.path().to_path_buf()]);
        assert_eq!(inputs.len(), 1);
        assert!(
            diags.iter().any(|d| d.message.contains("loop")),
            "{diags:?}"
        );
    }
}
