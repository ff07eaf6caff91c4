//! The parse stage: one module per input format, each turning a file into
//! canonical [`Resource`]s plus diagnostics. Parsers know nothing of rules.

pub mod arm;
pub mod bicep;
pub mod export;
pub mod json;
pub mod terraform;

use crate::discover::{Input, Kind};
use crate::finding::Diagnostic;
use crate::graph::Resource;
use crate::source::SourceFile;
use crate::value::Val;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Files larger than this are refused rather than read into memory.
pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;

/// What reading one file produced.
#[derive(Debug, Default)]
pub struct Parsed {
    pub resources: Vec<Resource>,
    pub diagnostics: Vec<Diagnostic>,
    /// False when the file turned out not to be an input of any supported format.
    pub recognised: bool,
    /// For a Terraform plan beside its root module's `.tf` files: that folder (the
    /// plan replaces evaluating the module, and findings point at the `.tf` lines).
    pub plan_root: Option<PathBuf>,
}

/// Values given on the command line (`--param-file`), applied to every template.
#[derive(Debug, Default, Clone)]
pub struct Overrides {
    pub parameters: BTreeMap<String, Val>,
}

/// Reads a file's text, refusing huge or non-UTF-8 files with a clear message.
pub fn load(input: &Input) -> Result<SourceFile, Diagnostic> {
    load_path(&input.path, &input.display)
}

pub fn load_path(path: &Path, display: &str) -> Result<SourceFile, Diagnostic> {
    let err = |m: String| Diagnostic::error(display, None, m);
    let meta = std::fs::metadata(path).map_err(|e| err(format!("cannot read: {e}")))?;
    if meta.len() > MAX_FILE_BYTES {
        return Err(err(format!(
            "file is {} MiB, larger than the {} MiB limit for templates",
            meta.len() / (1024 * 1024),
            MAX_FILE_BYTES / (1024 * 1024)
        )));
    }
    let bytes = std::fs::read(path).map_err(|e| err(format!("cannot read: {e}")))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        err(format!(
            "not valid UTF-8 (invalid byte at offset {})",
            e.utf8_error().valid_up_to()
        ))
    })?;
    Ok(SourceFile::new(path, display.to_string(), text))
}

/// Reads one discovered input with the format its kind and content call for.
pub fn parse(input: &Input, overrides: &Overrides) -> Parsed {
    // Exports are streamed, never loaded whole.
    if input.kind == Kind::JsonLines || (input.kind == Kind::Json && export::is_export(&input.path))
    {
        return export::read(input);
    }
    let file = match load(input) {
        Ok(f) => f,
        Err(d) => {
            return Parsed {
                diagnostics: vec![d],
                recognised: true,
                ..Parsed::default()
            }
        }
    };
    match input.kind {
        Kind::Json => {
            // A Terraform plan is JSON too: recognised by content, whatever its name.
            let root = json::parse(&file.text);
            if let Ok(root) = &root {
                if terraform::plan::is_plan(root) {
                    let file = std::sync::Arc::new(file);
                    let dir = std::path::absolute(&input.path)
                        .ok()
                        .and_then(|p| p.parent().map(terraform::module::normalize));
                    let cwd = std::env::current_dir().ok();
                    let prefix = dir
                        .as_deref()
                        .map(|d| {
                            terraform::root_prefix(&crate::discover::display_path(
                                d,
                                cwd.as_deref(),
                            ))
                        })
                        .unwrap_or_default();
                    let mut instances = terraform::plan::read(&file, root, &prefix);
                    let mut plan_root = None;
                    let mut diagnostics = Vec::new();
                    if let Some(dir) = dir {
                        let blocks = terraform::block_index(&dir, &mut diagnostics);
                        if !blocks.is_empty() {
                            terraform::locate_in_source(&mut instances, &blocks);
                            plan_root = Some(dir);
                        }
                    }
                    let resources = terraform::resources_of(instances, crate::graph::Format::Plan);
                    return Parsed {
                        resources,
                        diagnostics,
                        recognised: true,
                        plan_root,
                    };
                }
            }
            arm::read_parsed(&file, root, &sibling_parameter_file(&input.path), overrides)
        }
        // Terraform and Bicep are read per module, not per file: see
        // `terraform::read` and `bicep::read`.
        Kind::Terraform | Kind::Bicep | Kind::JsonLines => Parsed::default(),
    }
}

/// `main.json` → `main.parameters.json` beside it, if that exists.
fn sibling_parameter_file(template: &Path) -> Option<PathBuf> {
    let stem = template.file_stem()?.to_str()?;
    if stem.ends_with(".parameters") {
        return None;
    }
    let p = template.with_file_name(format!("{stem}.parameters.json"));
    p.is_file().then_some(p)
}
