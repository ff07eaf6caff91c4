//! Splits an export into rows without holding the file: a JSON array of rows, an
//! object with the rows under `data` (Resource Graph) or `value` (REST list), or
//! JSON Lines. Only structure is tracked here (strings, nesting, lines); each
//! row's bytes are parsed on their own, so one bad row costs only that row.

use std::io::{self, BufRead};

/// The bytes of one row and the lines it spans (1-based).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub line: usize,
    pub end_line: usize,
    pub bytes: Vec<u8>,
}

/// Why the rows cannot go on.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RowError {
    #[error("the export ends inside {what} that starts at line {line} (truncated file?)")]
    Truncated { line: usize, what: &'static str },
    #[error("line {line}: {message}")]
    Syntax { line: usize, message: String },
    #[error("cannot read: {0}")]
    Io(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Start,
    /// Inside the array of rows; `nested` when it is a value of the top object.
    Array {
        nested: bool,
        start: usize,
    },
    Object {
        start: usize,
    },
    Lines,
    Done,
}

/// An iterator of rows over a reader.
pub struct Rows<R> {
    r: R,
    line: usize,
    state: State,
    /// Stop at the first top-level key that a wrapper of rows does not have
    /// (recognising a file without reading an ARM template through).
    sniffing: bool,
}

/// Top-level keys of `az graph query` pages and REST list responses.
const WRAPPER_KEYS: [&str; 7] = [
    "data",
    "value",
    "count",
    "skip_token",
    "total_records",
    "nextLink",
    "@odata.nextLink",
];

impl<R: BufRead> Rows<R> {
    /// Rows of a JSON document (an array, or an object holding one).
    pub fn new(r: R) -> Rows<R> {
        Rows {
            r,
            line: 1,
            state: State::Start,
            sniffing: false,
        }
    }

    /// Like [`Rows::new`], but ends at the first key no wrapper of rows has.
    pub fn sniff(r: R) -> Rows<R> {
        Rows {
            sniffing: true,
            ..Rows::new(r)
        }
    }

    /// Rows of JSON Lines: one value after another.
    pub fn lines(r: R) -> Rows<R> {
        Rows {
            state: State::Lines,
            ..Rows::new(r)
        }
    }

    fn peek(&mut self) -> Result<Option<u8>, RowError> {
        let buf = self.r.fill_buf().map_err(io_error)?;
        Ok(buf.first().copied())
    }

    fn bump(&mut self) {
        if let Ok(Some(b'\n')) = self.peek() {
            self.line += 1;
        }
        self.r.consume(1);
    }

    /// Skips white space (and a byte-order mark).
    fn skip_ws(&mut self) -> Result<(), RowError> {
        loop {
            let buf = self.r.fill_buf().map_err(io_error)?;
            if buf.is_empty() {
                return Ok(());
            }
            let mut n = 0;
            let mut lines = 0;
            for &b in buf {
                match b {
                    b'\n' => lines += 1,
                    b' ' | b'\t' | b'\r' | 0xEF | 0xBB | 0xBF => {}
                    _ => break,
                }
                n += 1;
            }
            let all = n == buf.len();
            self.r.consume(n);
            self.line += lines;
            if !all {
                return Ok(());
            }
        }
    }

    /// Reads one JSON value's bytes into `out` (or only skips them when `out` is
    /// `None`). Always consumes at least one byte.
    fn value(&mut self, mut out: Option<&mut Vec<u8>>, what: &'static str) -> Result<(), RowError> {
        let start = self.line;
        let truncated = |line| RowError::Truncated { line, what };
        let first = self.peek()?.ok_or(truncated(start))?;
        if !matches!(first, b'{' | b'[' | b'"') {
            // A scalar (or a stray delimiter): up to the next delimiter.
            let mut n = 0usize;
            loop {
                let buf = self.r.fill_buf().map_err(io_error)?;
                if buf.is_empty() {
                    return Ok(());
                }
                let take = buf
                    .iter()
                    .position(|&b| matches!(b, b',' | b']' | b'}' | b' ' | b'\t' | b'\r' | b'\n'))
                    .unwrap_or(buf.len());
                // A stray delimiter is a value of its own, so that reading moves on.
                let take = if n == 0 && take == 0 { 1 } else { take };
                if let Some(o) = out.as_deref_mut() {
                    o.extend_from_slice(&buf[..take]);
                }
                let more = take == buf.len();
                self.r.consume(take);
                n += take;
                if !more {
                    return Ok(());
                }
            }
        }
        let mut depth = 0usize;
        let mut in_str = false;
        let mut esc = false;
        loop {
            let buf = self.r.fill_buf().map_err(io_error)?;
            if buf.is_empty() {
                return Err(truncated(start));
            }
            // Most of an export is string contents: strings are skipped to their
            // next quote or backslash with memchr, not byte by byte.
            let mut end = None;
            let mut i = 0;
            while i < buf.len() {
                if esc {
                    esc = false;
                    i += 1;
                } else if in_str {
                    match memchr::memchr2(b'"', b'\\', &buf[i..]) {
                        None => i = buf.len(),
                        Some(k) => {
                            i += k + 1;
                            if buf[i - 1] == b'\\' {
                                esc = true;
                            } else {
                                in_str = false;
                                if depth == 0 {
                                    end = Some(i);
                                    break;
                                }
                            }
                        }
                    }
                } else {
                    match buf[i] {
                        b'"' => in_str = true,
                        b'{' | b'[' => depth += 1,
                        b'}' | b']' => {
                            depth = depth.saturating_sub(1);
                            if depth == 0 {
                                end = Some(i + 1);
                                break;
                            }
                        }
                        _ => {}
                    }
                    i += 1;
                }
            }
            let take = end.unwrap_or(buf.len());
            let lines = memchr::memchr_iter(b'\n', &buf[..take]).count();
            if let Some(o) = out.as_deref_mut() {
                o.extend_from_slice(&buf[..take]);
            }
            self.r.consume(take);
            self.line += lines;
            if end.is_some() {
                return Ok(());
            }
        }
    }

    fn row(&mut self) -> Result<Row, RowError> {
        let line = self.line;
        let mut bytes = Vec::new();
        self.value(Some(&mut bytes), "a row")?;
        Ok(Row {
            line,
            end_line: self.line,
            bytes,
        })
    }

    /// The rest of the current line (JSON Lines).
    fn line_row(&mut self) -> Result<Row, RowError> {
        let line = self.line;
        let mut bytes = Vec::new();
        loop {
            let buf = self.r.fill_buf().map_err(io_error)?;
            if buf.is_empty() {
                break;
            }
            match buf.iter().position(|&b| b == b'\n') {
                Some(i) => {
                    bytes.extend_from_slice(&buf[..i]);
                    self.r.consume(i + 1);
                    self.line += 1;
                    break;
                }
                None => {
                    bytes.extend_from_slice(buf);
                    let n = buf.len();
                    self.r.consume(n);
                }
            }
        }
        while bytes.last().is_some_and(|b| b.is_ascii_whitespace()) {
            bytes.pop();
        }
        Ok(Row {
            line,
            end_line: line,
            bytes,
        })
    }

    fn step(&mut self) -> Result<Option<Row>, RowError> {
        loop {
            self.skip_ws()?;
            let next = self.peek()?;
            match self.state {
                State::Done => return Ok(None),
                State::Start => match next {
                    None => {
                        self.state = State::Done;
                    }
                    Some(b'[') => {
                        self.state = State::Array {
                            nested: false,
                            start: self.line,
                        };
                        self.bump();
                    }
                    Some(b'{') => {
                        self.state = State::Object { start: self.line };
                        self.bump();
                    }
                    Some(_) => self.state = State::Lines,
                },
                State::Array { nested, start } => match next {
                    None => {
                        self.state = State::Done;
                        return Err(RowError::Truncated {
                            line: start,
                            what: "the array of rows",
                        });
                    }
                    Some(b']') => {
                        self.bump();
                        self.state = if nested {
                            State::Object { start }
                        } else {
                            State::Done
                        };
                    }
                    Some(b',') => self.bump(),
                    Some(_) => return self.row().map(Some),
                },
                State::Object { start } => match next {
                    None => {
                        self.state = State::Done;
                        return Err(RowError::Truncated {
                            line: start,
                            what: "the export object",
                        });
                    }
                    Some(b'}') => {
                        self.bump();
                        self.state = State::Done;
                    }
                    Some(b',') => self.bump(),
                    Some(b'"') => {
                        let key_line = self.line;
                        let mut key = Vec::new();
                        self.value(Some(&mut key), "a key")?;
                        let key: String = serde_json::from_slice(&key).unwrap_or_default();
                        if self.sniffing && !WRAPPER_KEYS.contains(&key.as_str()) {
                            self.state = State::Done;
                            return Ok(None);
                        }
                        self.skip_ws()?;
                        if self.peek()? != Some(b':') {
                            self.state = State::Done;
                            return Err(RowError::Syntax {
                                line: self.line,
                                message: format!(
                                    "expected ':' after the key \"{key}\" of line {key_line}"
                                ),
                            });
                        }
                        self.bump();
                        self.skip_ws()?;
                        if matches!(key.as_str(), "data" | "value") && self.peek()? == Some(b'[') {
                            self.state = State::Array {
                                nested: true,
                                start: self.line,
                            };
                            self.bump();
                        } else {
                            self.value(None, "a value")?;
                        }
                    }
                    Some(_) => {
                        self.state = State::Done;
                        return Err(RowError::Syntax {
                            line: self.line,
                            message: "expected a key or '}' in the export object".into(),
                        });
                    }
                },
                State::Lines => match next {
                    None => self.state = State::Done,
                    // A line is a row: a broken one costs only itself.
                    Some(_) => return self.line_row().map(Some),
                },
            }
        }
    }
}

impl<R: BufRead> Iterator for Rows<R> {
    type Item = Result<Row, RowError>;

    fn next(&mut self) -> Option<Self::Item> {
        match self.step() {
            Ok(Some(r)) => Some(Ok(r)),
            Ok(None) => None,
            Err(e) => {
                // Structure is lost after a truncation or a syntax error between
                // rows: stop here, keeping the rows read so far.
                self.state = State::Done;
                Some(Err(e))
            }
        }
    }
}

fn io_error(e: io::Error) -> RowError {
    RowError::Io(e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn rows(text: &str) -> Vec<Result<(usize, String), RowError>> {
        Rows::new(text.as_bytes())
            .map(|r| r.map(|r| (r.line, String::from_utf8_lossy(&r.bytes).into_owned())))
            .collect()
    }

    #[test]
    fn arrays_wrappers_and_lines() {
        let a = rows("[\n {\"id\": \"a\"},\n {\"id\": \"b]}\"}\n]\n");
        assert_eq!(
            a,
            vec![
                Ok((2, "{\"id\": \"a\"}".to_string())),
                Ok((3, "{\"id\": \"b]}\"}".to_string()))
            ]
        );
        let w = rows(
            "{\"count\": 2, \"data\": [{\"id\": \"x\"}, {\"id\": \"y\"}], \"skip_token\": null}",
        );
        assert_eq!(w.len(), 2);
        let v = rows("{\"value\": [{\"id\": \"x\", \"p\": {\"q\": [1, {\"r\": \"\\\"\"}]}}]}");
        assert_eq!(v.len(), 1);
        let l: Vec<_> = Rows::lines("{\"id\": \"a\"}\n\n{\"id\": \"b\"}\n".as_bytes())
            .map(|r| r.map(|r| (r.line, String::from_utf8_lossy(&r.bytes).into_owned())))
            .collect();
        assert_eq!(l.len(), 2, "{l:?}");
        assert_eq!(l[1].as_ref().map(|r| r.0).ok(), Some(3));
    }

    #[test]
    fn truncation_keeps_earlier_rows_and_names_the_line() {
        let t = rows("[\n{\"id\": \"a\"},\n{\"id\": \"b\",\n");
        assert_eq!(t.len(), 2);
        assert!(
            matches!(t[1], Err(RowError::Truncated { line: 3, .. })),
            "{t:?}"
        );
        let t = rows("[{\"id\": \"a\"}");
        assert!(
            matches!(t[1], Err(RowError::Truncated { line: 1, .. })),
            "{t:?}"
        );
    }

    #[test]
    fn stray_bytes_become_rows_of_their_own() {
        let t = rows("[{\"id\": \"a\"}, 42, }, {\"id\": \"b\"}]");
        let ok: Vec<String> = t.into_iter().filter_map(|r| r.ok().map(|r| r.1)).collect();
        assert_eq!(ok, ["{\"id\": \"a\"}", "42", "}", "{\"id\": \"b\"}"]);
    }

    #[test]
    fn sniffing_stops_at_a_key_no_wrapper_has() {
        let template = "{\"$schema\": \"x\", \"data\": [{\"id\": \"a\"}]}";
        assert_eq!(Rows::sniff(template.as_bytes()).count(), 0);
        assert_eq!(Rows::new(template.as_bytes()).count(), 1);
        let page = "{\"count\": 1, \"data\": [{\"id\": \"a\"}]}";
        assert_eq!(Rows::sniff(page.as_bytes()).count(), 1);
    }

    /// JSON values whose strings are full of the bytes the splitter watches.
    fn json_value() -> impl Strategy<Value = serde_json::Value> {
        use serde_json::Value as Json;
        let leaf = prop_oneof![
            Just(Json::Null),
            any::<bool>().prop_map(Json::from),
            any::<i32>().prop_map(Json::from),
            "[\"\\\\\\[\\]{}a\n]{0,8}".prop_map(Json::from),
        ];
        leaf.prop_recursive(3, 24, 4, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..4).prop_map(Json::from),
                prop::collection::btree_map("[a\"\\\\]{0,3}", inner, 0..4)
                    .prop_map(|m| Json::Object(m.into_iter().collect())),
            ]
        })
    }

    proptest! {
        #[test]
        fn rows_are_the_values_at_any_buffer_size(
            values in prop::collection::vec(json_value(), 0..5),
            pretty: bool,
            capacity in 1usize..16,
        ) {
            let texts: Vec<String> = values
                .iter()
                .map(|v| if pretty { serde_json::to_string_pretty(v) } else { serde_json::to_string(v) })
                .collect::<Result<_, _>>()
                .unwrap_or_default();
            let text = format!("[\n{}\n]", texts.join(",\n"));
            let reader = std::io::BufReader::with_capacity(capacity, text.as_bytes());
            let got: Vec<(usize, String)> = Rows::new(reader)
                .map(|r| r.map(|r| (r.line, String::from_utf8_lossy(&r.bytes).into_owned())))
                .collect::<Result<_, _>>()
                .unwrap_or_default();
            let mut line = 2;
            let mut want = Vec::new();
            for t in &texts {
                want.push((line, t.clone()));
                line += t.matches('\n').count() + 1;
            }
            prop_assert_eq!(got, want);
        }

        #[test]
        fn never_panics_or_loops(text in "[\\[\\]{}\",:a\\\\\n 0-9]{0,200}") {
            let n = Rows::new(text.as_bytes()).take(1000).count();
            prop_assert!(n <= text.len() + 1);
            let n = Rows::lines(text.as_bytes()).take(1000).count();
            prop_assert!(n <= text.len() + 1);
        }
    }
}
