//! GitHub Actions workflow commands: one annotation per finding, one per error.
//! <https://docs.github.com/actions/reference/workflow-commands-for-github-actions>

use crate::finding::{Level, Severity};
use crate::scan::ScanResult;
use std::fmt::Write;

/// Escapes a property value (`file=`, `title=`).
fn prop(s: &str) -> String {
    data(s).replace(':', "%3A").replace(',', "%2C")
}

/// Escapes the message part.
fn data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

pub fn render(result: &ScanResult) -> String {
    let mut out = String::new();
    for f in super::active(&result.findings) {
        let cmd = match f.severity {
            Severity::Critical | Severity::High => "error",
            Severity::Medium => "warning",
            Severity::Low | Severity::Info => "notice",
        };
        let r = f.region;
        let _ = writeln!(
            out,
            "::{cmd} file={},line={},endLine={},col={},title={}::{}",
            prop(&f.file),
            r.start_line,
            r.end_line,
            r.start_column,
            prop(&format!("{} {} ({})", f.rule_id, f.rule_name, f.severity)),
            data(&f.message),
        );
    }
    for d in result.diagnostics.iter().filter(|d| d.level != Level::Note) {
        let cmd = if d.level == Level::Error {
            "error"
        } else {
            "warning"
        };
        let mut props = vec![format!("title={}", prop("lzscan could not scan this"))];
        if let Some(file) = &d.file {
            props.insert(0, format!("file={}", prop(file)));
        }
        if let Some(r) = d.region {
            props.insert(1, format!("line={},col={}", r.start_line, r.start_column));
        }
        let _ = writeln!(out, "::{cmd} {}::{}", props.join(","), data(&d.message));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::testdata;

    #[test]
    fn github_annotations() {
        insta::assert_snapshot!(render(&testdata::result()));
    }

    #[test]
    fn escapes_workflow_command_syntax() {
        assert_eq!(prop("a:b,c\nd%"), "a%3Ab%2Cc%0Ad%25");
        assert_eq!(data("50%\nnext"), "50%25%0Anext");
    }
}
