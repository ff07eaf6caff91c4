//! Loaded input files and positions in them.
//!
//! Parsers work on byte offsets ([`Span`]); reporters need 1-based lines and
//! columns ([`Region`]). A [`LineIndex`] converts between the two once per file.

use serde::Serialize;
use std::path::{Path, PathBuf};

/// A half-open byte range `[start, end)` in a file's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }
}

/// A 1-based line/column region, columns counted in characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize)]
pub struct Region {
    pub start_line: usize,
    pub start_column: usize,
    pub end_line: usize,
    pub end_column: usize,
}

/// Start offsets of every line of a text, and whether each line is pure ASCII (so
/// that a column is a byte difference, not a character count: minified files have
/// one very long line, and counting characters there for every property would be
/// quadratic).
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
    ascii: Vec<bool>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        let ascii = starts
            .iter()
            .enumerate()
            .map(|(i, &s)| {
                let end = starts.get(i + 1).copied().unwrap_or(text.len());
                text.as_bytes().get(s..end).is_some_and(<[u8]>::is_ascii)
            })
            .collect();
        LineIndex { starts, ascii }
    }

    /// 1-based (line, column) of a byte offset; offsets past the end clamp to it.
    pub fn position(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = offset.min(text.len());
        let line = match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        };
        let start = self.starts.get(line).copied().unwrap_or(0);
        let column = if self.ascii.get(line).copied().unwrap_or(false) {
            offset - start
        } else {
            text.get(start..offset)
                .map(|s| s.chars().count())
                .unwrap_or(offset - start)
        };
        (line + 1, column + 1)
    }

    pub fn region(&self, text: &str, span: Span) -> Region {
        let (start_line, start_column) = self.position(text, span.start);
        let (end_line, end_column) = self.position(text, span.end.max(span.start));
        Region {
            start_line,
            start_column,
            end_line,
            end_column,
        }
    }

    /// Byte offset where 0-based line `i` starts.
    pub fn start(&self, i: usize) -> Option<usize> {
        self.starts.get(i).copied()
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }
}

/// A file read from disk, with its path as the user should see it.
#[derive(Debug)]
pub struct SourceFile {
    /// Path shown in reports: relative to the working directory where possible.
    pub display: String,
    pub path: PathBuf,
    pub text: String,
    pub lines: LineIndex,
}

impl SourceFile {
    pub fn new(path: &Path, display: String, text: String) -> Self {
        let lines = LineIndex::new(&text);
        SourceFile {
            display,
            path: path.to_path_buf(),
            text,
            lines,
        }
    }

    pub fn region(&self, span: Span) -> Region {
        self.lines.region(&self.text, span)
    }

    pub fn position(&self, offset: usize) -> (usize, usize) {
        self.lines.position(&self.text, offset)
    }

    /// The text of lines `first..=last` (1-based, clamped to the file).
    pub fn lines_text(&self, first: usize, last: usize) -> &str {
        let start = self
            .lines
            .start(first.max(1) - 1)
            .unwrap_or(self.text.len());
        let end = self.lines.start(last.max(first)).unwrap_or(self.text.len());
        self.text.get(start..end.max(start)).unwrap_or("")
    }
}

/// An `lzscan:ignore RULES reason` directive written in a source file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Directive {
    /// Rule ids, prefixes or names, as written.
    pub rules: Vec<String>,
    /// Why; a directive without one does not suppress anything.
    pub reason: Option<String>,
    pub line: usize,
}

/// Parses the text after `lzscan:ignore`: `LZ201,LZ301 reason text`.
pub fn parse_directive(rest: &str, line: usize) -> Option<Directive> {
    let rest = rest.trim_start();
    let end = rest
        .char_indices()
        .find(|&(i, c)| c.is_whitespace() && !rest[..i].ends_with(','))
        .map_or(rest.len(), |(i, _)| i);
    let rules: Vec<String> = rest[..end]
        .split(',')
        .map(|r| r.trim().trim_end_matches(':').to_string())
        .filter(|r| !r.is_empty())
        .collect();
    if rules.is_empty() {
        return None;
    }
    let reason = rest[end..]
        .trim()
        .trim_start_matches([':', '-', '—'])
        .trim();
    Some(Directive {
        rules,
        reason: (!reason.is_empty()).then(|| reason.to_string()),
        line,
    })
}

/// `lzscan:ignore` directives in `#` or `//` comments on the line before a
/// declaration (`first_line`) or on its lines up to `last_line` (1-based).
pub fn comment_directives(
    file: &SourceFile,
    first_line: usize,
    last_line: usize,
) -> Vec<Directive> {
    const MARK: &str = "lzscan:ignore";
    let from = first_line.saturating_sub(1).max(1);
    // Slice the lines directly: scanning from the top for every resource would be
    // quadratic in big files.
    let text = file.lines_text(from, last_line);
    if !text.contains(MARK) {
        return Vec::new();
    }
    text.lines()
        .enumerate()
        .map(|(i, l)| (i + from - 1, l))
        .filter_map(|(i, l)| {
            let at = l.find(MARK)?;
            let before = &l[..at];
            let in_comment = before.trim_end().ends_with('#')
                || before.trim_end().ends_with("//")
                || before.contains("# ")
                || before.contains("// ");
            if !in_comment {
                return None;
            }
            parse_directive(&l[at + MARK.len()..], i + 1)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directives_in_comments() {
        let text = "a\n# lzscan:ignore LZ201 tags come from policy\nresource {\n  // lzscan:ignore LZ101, LZ301: legacy, decommissioned Q3\n  x = \"lzscan:ignore LZ999 not a comment\"\n}\n# lzscan:ignore LZ5 after\n";
        let file = SourceFile::new(Path::new("t.tf"), "t.tf".into(), text.to_string());
        let d = comment_directives(&file, 3, 6);
        assert_eq!(d.len(), 2, "{d:?}");
        assert_eq!(d[0].rules, vec!["LZ201"]);
        assert_eq!(d[0].reason.as_deref(), Some("tags come from policy"));
        assert_eq!(d[0].line, 2);
        assert_eq!(d[1].rules, vec!["LZ101", "LZ301"]);
        assert_eq!(d[1].reason.as_deref(), Some("legacy, decommissioned Q3"));
        let none = parse_directive(" LZ201", 1);
        assert_eq!(none.and_then(|d| d.reason), None);
        assert_eq!(parse_directive("   ", 1), None);
    }

    #[test]
    fn positions_are_one_based_and_count_chars() {
        let text = "ab\ncé d\n";
        let idx = LineIndex::new(text);
        assert_eq!(idx.position(text, 0), (1, 1));
        assert_eq!(idx.position(text, 3), (2, 1));
        // 'é' is two bytes: the space after it is column 3.
        assert_eq!(idx.position(text, 6), (2, 3));
        assert_eq!(idx.position(text, 999), (3, 1));
    }
}
