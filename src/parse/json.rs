//! A span-aware, relaxed JSON reader for Azure Resource Manager (ARM) templates.
//!
//! Findings must point at the line and column of the offending property, so
//! every value ([`Node`]) and every object key ([`Member::key_span`]) keeps the
//! byte range ([`Span`]) of its text in the original file. `serde_json` does
//! not keep positions, hence this reader.
//!
//! It is *relaxed* because Azure itself is: the ARM deployment engine accepts,
//! and about 1% of the published Azure quickstart templates contain,
//!
//! 1. `//` line comments and `/* ... */` block comments,
//! 2. trailing commas in arrays and objects (`[1, 2,]`, `{"a": 1,}`),
//! 3. raw control characters (literal newlines, tabs, ...) inside strings.
//!
//! Some files also start with a UTF-8 byte order mark, which is skipped.
//! Everything else is strict JSON (RFC 8259): no single quotes, no unquoted
//! keys, no `NaN`/`Infinity`, no leading zeros or `+` signs, no hex numbers.
//!
//! All offsets (spans and [`JsonError::offset`]) are byte offsets into the
//! text given to [`parse`], BOM included, so they can be fed straight to the
//! caller's line index. The reader works on bytes in one linear pass, never
//! panics, and refuses nesting deeper than [`MAX_DEPTH`] instead of
//! overflowing the stack.

use crate::source::Span;
use std::fmt;

/// Deepest nesting of arrays and objects that [`parse`] accepts.
pub const MAX_DEPTH: usize = 256;

/// What a JSON value is.
#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    Null,
    Bool(bool),
    Number(serde_json::Number),
    String(String),
    Array(Vec<Node>),
    /// Members in document order; duplicate keys are all kept.
    Object(Vec<Member>),
}

/// One `"key": value` pair of an object.
#[derive(Debug, Clone, PartialEq)]
pub struct Member {
    /// The key, escapes decoded.
    pub key: String,
    /// The key's text, quotes included.
    pub key_span: Span,
    pub value: Node,
}

/// A JSON value with the span of its whole text (quotes and brackets
/// included; surrounding whitespace and comments excluded).
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub kind: Kind,
    pub span: Span,
}

/// Why a text is not (relaxed) JSON.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonError {
    /// Byte offset of the problem in the text given to [`parse`].
    pub offset: usize,
    pub message: String,
}

impl fmt::Display for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for JsonError {}

/// Parses one relaxed JSON value that makes up the whole `text`.
///
/// # Errors
///
/// A [`JsonError`] at the first byte that is not relaxed JSON, or at the
/// array/object that nests deeper than [`MAX_DEPTH`].
pub fn parse(text: &str) -> Result<Node, JsonError> {
    let mut p = Parser {
        text,
        bytes: text.as_bytes(),
        pos: 0,
    };
    if text.starts_with('\u{feff}') {
        p.pos = '\u{feff}'.len_utf8();
    }
    p.skip_ws()?;
    if p.pos >= p.bytes.len() {
        return Err(error(p.pos, "empty input".to_string()));
    }
    let node = p.value(0)?;
    p.skip_ws()?;
    if p.pos < p.bytes.len() {
        return Err(error(
            p.pos,
            format!(
                "trailing characters after the JSON value, found {}",
                p.found()
            ),
        ));
    }
    Ok(node)
}

impl Node {
    /// The value of object member `key` (exact match); the last duplicate
    /// wins. `None` if this is not an object or has no such key.
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.as_object()?
            .iter()
            .rev()
            .find(|m| m.key == key)
            .map(|m| &m.value)
    }

    /// Like [`Node::get`], but matching keys ASCII-case-insensitively, as ARM
    /// does. An exact match is preferred over a case-insensitive one.
    pub fn get_ci(&self, key: &str) -> Option<&Node> {
        self.member_ci(key).map(|m| &m.value)
    }

    /// The member that [`Node::get_ci`] would pick, for its key span.
    pub fn member_ci(&self, key: &str) -> Option<&Member> {
        let members = self.as_object()?;
        members.iter().rev().find(|m| m.key == key).or_else(|| {
            members
                .iter()
                .rev()
                .find(|m| m.key.eq_ignore_ascii_case(key))
        })
    }

    pub fn as_str(&self) -> Option<&str> {
        match &self.kind {
            Kind::String(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_array(&self) -> Option<&[Node]> {
        match &self.kind {
            Kind::Array(items) => Some(items),
            _ => None,
        }
    }

    pub fn as_object(&self) -> Option<&[Member]> {
        match &self.kind {
            Kind::Object(members) => Some(members),
            _ => None,
        }
    }

    /// The value without positions. Of duplicate keys the last one wins.
    pub fn to_json(&self) -> serde_json::Value {
        use serde_json::Value;
        match &self.kind {
            Kind::Null => Value::Null,
            Kind::Bool(b) => Value::Bool(*b),
            Kind::Number(n) => Value::Number(n.clone()),
            Kind::String(s) => Value::String(s.clone()),
            Kind::Array(items) => Value::Array(items.iter().map(Node::to_json).collect()),
            Kind::Object(members) => {
                let mut map = serde_json::Map::new();
                for m in members {
                    map.insert(m.key.clone(), m.value.to_json());
                }
                Value::Object(map)
            }
        }
    }
}

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn peek_digit(&self) -> bool {
        matches!(self.peek(), Some(b'0'..=b'9'))
    }

    /// Describes what is at the current position, for error messages.
    fn found(&self) -> String {
        describe(self.text, self.pos)
    }

    /// Skips whitespace and comments.
    fn skip_ws(&mut self) -> Result<(), JsonError> {
        loop {
            match self.peek() {
                Some(b' ' | b'\t' | b'\n' | b'\r') => self.pos += 1,
                Some(b'/') => match self.bytes.get(self.pos + 1) {
                    Some(b'/') => {
                        let rest = self.bytes.get(self.pos + 2..).unwrap_or_default();
                        self.pos += 2 + rest.iter().position(|&b| b == b'\n').unwrap_or(rest.len());
                    }
                    Some(b'*') => {
                        let start = self.pos;
                        let rest = self.bytes.get(self.pos + 2..).unwrap_or_default();
                        match rest.windows(2).position(|w| w == b"*/") {
                            Some(i) => self.pos += 2 + i + 2,
                            None => {
                                return Err(error(start, "unterminated block comment".to_string()))
                            }
                        }
                    }
                    _ => return Ok(()),
                },
                _ => return Ok(()),
            }
        }
    }

    /// Parses a value starting exactly at the current position. `depth` is
    /// the number of arrays/objects around it.
    fn value(&mut self, depth: usize) -> Result<Node, JsonError> {
        let start = self.pos;
        match self.peek() {
            Some(b'{') => self.object(depth),
            Some(b'[') => self.array(depth),
            Some(b'"') => {
                let s = self.string()?;
                Ok(Node {
                    kind: Kind::String(s),
                    span: Span::new(start, self.pos),
                })
            }
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(b't') => self.literal("true", Kind::Bool(true)),
            Some(b'f') => self.literal("false", Kind::Bool(false)),
            Some(b'n') => self.literal("null", Kind::Null),
            _ => Err(error(
                start,
                format!("expected a JSON value, found {}", self.found()),
            )),
        }
    }

    fn enter(&self, depth: usize) -> Result<usize, JsonError> {
        let depth = depth + 1;
        if depth > MAX_DEPTH {
            return Err(error(
                self.pos,
                format!("nesting deeper than {MAX_DEPTH} levels"),
            ));
        }
        Ok(depth)
    }

    fn array(&mut self, depth: usize) -> Result<Node, JsonError> {
        let depth = self.enter(depth)?;
        let start = self.pos;
        self.pos += 1; // '['
        let mut items = Vec::new();
        loop {
            self.skip_ws()?;
            if self.peek() == Some(b']') {
                self.pos += 1;
                break;
            }
            items.push(self.value(depth)?);
            self.skip_ws()?;
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b']') => {
                    self.pos += 1;
                    break;
                }
                _ => {
                    return Err(error(
                        self.pos,
                        format!(
                            "expected ',' or ']' after array element, found {}",
                            self.found()
                        ),
                    ))
                }
            }
        }
        Ok(Node {
            kind: Kind::Array(items),
            span: Span::new(start, self.pos),
        })
    }

    fn object(&mut self, depth: usize) -> Result<Node, JsonError> {
        let depth = self.enter(depth)?;
        let start = self.pos;
        self.pos += 1; // '{'
        let mut members = Vec::new();
        loop {
            self.skip_ws()?;
            match self.peek() {
                Some(b'}') => {
                    self.pos += 1;
                    break;
                }
                Some(b'"') => {}
                _ => {
                    return Err(error(
                        self.pos,
                        format!("expected a string key or '}}', found {}", self.found()),
                    ))
                }
            }
            let key_start = self.pos;
            let key = self.string()?;
            let key_span = Span::new(key_start, self.pos);
            self.skip_ws()?;
            if self.peek() != Some(b':') {
                return Err(error(
                    self.pos,
                    format!("expected ':' after object key, found {}", self.found()),
                ));
            }
            self.pos += 1;
            self.skip_ws()?;
            let value = self.value(depth)?;
            members.push(Member {
                key,
                key_span,
                value,
            });
            self.skip_ws()?;
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b'}') => {
                    self.pos += 1;
                    break;
                }
                _ => {
                    return Err(error(
                        self.pos,
                        format!(
                            "expected ',' or '}}' after object member, found {}",
                            self.found()
                        ),
                    ))
                }
            }
        }
        Ok(Node {
            kind: Kind::Object(members),
            span: Span::new(start, self.pos),
        })
    }

    /// Parses a string starting at the opening quote; leaves the position
    /// after the closing quote.
    fn string(&mut self) -> Result<String, JsonError> {
        let open = self.pos;
        self.pos += 1;
        let mut out = String::new();
        loop {
            let chunk = self.pos;
            let rest = self.bytes.get(chunk..).unwrap_or_default();
            let Some(i) = rest.iter().position(|&b| b == b'"' || b == b'\\') else {
                return Err(error(open, "unterminated string".to_string()));
            };
            self.pos += i;
            // Both ends sit next to ASCII bytes, so they are char boundaries.
            out.push_str(self.text.get(chunk..self.pos).unwrap_or_default());
            if self.peek() == Some(b'"') {
                self.pos += 1;
                return Ok(out);
            }
            // A backslash.
            let escape = self.pos;
            self.pos += 1;
            let c = match self.peek() {
                Some(b'"') => '"',
                Some(b'\\') => '\\',
                Some(b'/') => '/',
                Some(b'b') => '\u{8}',
                Some(b'f') => '\u{c}',
                Some(b'n') => '\n',
                Some(b'r') => '\r',
                Some(b't') => '\t',
                Some(b'u') => {
                    self.pos += 1;
                    out.push(self.unicode_escape(escape)?);
                    continue;
                }
                None => return Err(error(open, "unterminated string".to_string())),
                Some(_) => {
                    let what = self
                        .text
                        .get(self.pos..)
                        .and_then(|s| s.chars().next())
                        .map(|c| c.escape_debug().to_string())
                        .unwrap_or_default();
                    return Err(error(escape, format!("invalid escape '\\{what}'")));
                }
            };
            out.push(c);
            self.pos += 1;
        }
    }

    /// Four hex digits at `at`, if there are.
    fn hex4(&self, at: usize) -> Option<u32> {
        let digits = self.bytes.get(at..at.checked_add(4)?)?;
        let mut n = 0;
        for &b in digits {
            n = n * 16 + char::from(b).to_digit(16)?;
        }
        Some(n)
    }

    /// Decodes the rest of a `\uXXXX` escape whose backslash is at `escape`;
    /// the position is just after the `u`. A high surrogate followed by a
    /// `\u` low surrogate makes one character; a lone surrogate becomes
    /// U+FFFD.
    fn unicode_escape(&mut self, escape: usize) -> Result<char, JsonError> {
        let Some(n) = self.hex4(self.pos) else {
            return Err(error(
                escape,
                "invalid unicode escape: expected 4 hex digits after '\\u'".to_string(),
            ));
        };
        self.pos += 4;
        if (0xD800..0xDC00).contains(&n) {
            let next = self.pos;
            if self.bytes.get(next..next + 2) == Some(b"\\u") {
                if let Some(low @ 0xDC00..=0xDFFF) = self.hex4(next + 2) {
                    self.pos = next + 6;
                    let c = 0x10000 + ((n - 0xD800) << 10) + (low - 0xDC00);
                    return Ok(char::from_u32(c).unwrap_or(char::REPLACEMENT_CHARACTER));
                }
            }
        }
        Ok(char::from_u32(n).unwrap_or(char::REPLACEMENT_CHARACTER))
    }

    fn skip_digits(&mut self) {
        while self.peek_digit() {
            self.pos += 1;
        }
    }

    fn number(&mut self) -> Result<Node, JsonError> {
        let start = self.pos;
        let negative = self.peek() == Some(b'-');
        if negative {
            self.pos += 1;
        }
        match self.peek() {
            Some(b'0') => {
                self.pos += 1;
                if self.peek_digit() {
                    return Err(error(
                        self.pos,
                        "invalid number: leading zeros are not allowed".to_string(),
                    ));
                }
            }
            Some(b'1'..=b'9') => self.skip_digits(),
            _ => {
                return Err(error(
                    self.pos,
                    format!("invalid number: expected a digit, found {}", self.found()),
                ))
            }
        }
        let mut integer = true;
        if self.peek() == Some(b'.') {
            integer = false;
            self.pos += 1;
            if !self.peek_digit() {
                return Err(error(
                    self.pos,
                    format!(
                        "invalid number: expected a digit after '.', found {}",
                        self.found()
                    ),
                ));
            }
            self.skip_digits();
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            integer = false;
            self.pos += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.pos += 1;
            }
            if !self.peek_digit() {
                return Err(error(
                    self.pos,
                    format!(
                        "invalid number: expected a digit in the exponent, found {}",
                        self.found()
                    ),
                ));
            }
            self.skip_digits();
        }
        let text = self.text.get(start..self.pos).unwrap_or_default();
        let exact = match (integer, negative) {
            (true, true) => text.parse::<i64>().ok().map(serde_json::Number::from),
            (true, false) => text.parse::<u64>().ok().map(serde_json::Number::from),
            (false, _) => None,
        };
        let number = match exact {
            Some(n) => n,
            None => {
                let f: f64 = text
                    .parse()
                    .map_err(|_| error(start, "invalid number".to_string()))?;
                serde_json::Number::from_f64(f)
                    .ok_or_else(|| error(start, "number out of range".to_string()))?
            }
        };
        Ok(Node {
            kind: Kind::Number(number),
            span: Span::new(start, self.pos),
        })
    }

    fn literal(&mut self, word: &str, kind: Kind) -> Result<Node, JsonError> {
        let start = self.pos;
        if self.bytes.get(start..start + word.len()) != Some(word.as_bytes()) {
            return Err(error(
                start,
                format!("invalid literal, expected '{word}' or another JSON value"),
            ));
        }
        self.pos += word.len();
        Ok(Node {
            kind,
            span: Span::new(start, self.pos),
        })
    }
}

fn error(offset: usize, message: String) -> JsonError {
    JsonError { offset, message }
}

/// Names the character at `pos` for an error message.
fn describe(text: &str, pos: usize) -> String {
    if pos >= text.len() {
        return "end of input".to_string();
    }
    match text.get(pos..).and_then(|s| s.chars().next()) {
        Some(c) => format!("'{}'", c.escape_debug()),
        None => match text.as_bytes().get(pos) {
            Some(b) => format!("byte 0x{b:02x}"),
            None => "end of input".to_string(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde_json::{json, Value};

    fn ok(text: &str) -> Value {
        match parse(text) {
            Ok(node) => node.to_json(),
            Err(e) => panic!("{text:?} failed at {}: {}", e.offset, e.message),
        }
    }

    fn err(text: &str) -> JsonError {
        match parse(text) {
            Ok(node) => panic!("{text:?} parsed as {:?}", node.to_json()),
            Err(e) => e,
        }
    }

    fn slice(text: &str, span: Span) -> &str {
        text.get(span.start..span.end).unwrap_or("<bad span>")
    }

    #[test]
    fn strict_json() {
        assert_eq!(
            ok(r#"{"a": [1, -2, 3.5, 1e3, true, false, null, "x"], "b": {}}"#),
            json!({"a": [1, -2, 3.5, 1000.0, true, false, null, "x"], "b": {}})
        );
        assert_eq!(ok("  42  "), json!(42));
        assert_eq!(ok("[]"), json!([]));
        assert_eq!(ok("\"\""), json!(""));
    }

    #[test]
    fn line_and_block_comments() {
        let text = "// header\n{ /* a */ \"a\" /* b */ : /* c */ 1 // d\n, \"b\": [ /**/ 2 /* ** */ ] } // end";
        assert_eq!(ok(text), json!({"a": 1, "b": [2]}));
        assert_eq!(ok("1 /* multi\nline\n*/"), json!(1));
        // Comment markers inside strings are text.
        assert_eq!(
            ok(r#"{"url": "https://x/*y*/"}"#),
            json!({"url": "https://x/*y*/"})
        );
    }

    #[test]
    fn trailing_commas() {
        assert_eq!(ok("[1, 2,]"), json!([1, 2]));
        assert_eq!(ok("{\"a\": 1,\n}"), json!({"a": 1}));
        assert_eq!(ok("[[1,],{\"b\":[],},]"), json!([[1], {"b": []}]));
        // Only one, and only after an element.
        assert_eq!(err("[,]").offset, 1);
        assert_eq!(err("[1,,]").offset, 3);
        assert_eq!(err("{,}").offset, 1);
    }

    #[test]
    fn raw_control_characters_in_strings() {
        assert_eq!(ok("\"a\nb\tc\u{1}\""), json!("a\nb\tc\u{1}"));
        assert_eq!(
            ok("{\"script\": \"line 1\r\nline 2\"}"),
            json!({"script": "line 1\r\nline 2"})
        );
    }

    #[test]
    fn escapes() {
        assert_eq!(
            ok(r#""\" \\ \/ \b \f \n \r \t \u0041 \u00e9 \ud83d\ude00""#),
            json!("\" \\ / \u{8} \u{c} \n \r \t A é 😀")
        );
        // Lone surrogates become U+FFFD.
        assert_eq!(ok(r#""\ud83d""#), json!("\u{fffd}"));
        assert_eq!(ok(r#""\ude00x""#), json!("\u{fffd}x"));
        assert_eq!(ok(r#""\ud83d\u0041""#), json!("\u{fffd}A"));
        assert_eq!(ok(r#""\ud83d\ud83d\ude00""#), json!("\u{fffd}😀"));
        assert_eq!(ok("\"é ü 中\""), json!("é ü 中"));
    }

    #[test]
    fn numbers() {
        assert_eq!(ok("-9223372036854775808"), json!(i64::MIN));
        assert_eq!(ok("18446744073709551615"), json!(u64::MAX));
        assert!(ok("18446744073709551616").is_f64());
        assert!(ok("-9223372036854775809").is_f64());
        assert_eq!(ok("0"), json!(0));
        assert_eq!(ok("-0.5E-2"), json!(-0.005));
        assert_eq!(ok("1e-400"), json!(0.0));
        let e = err("1e400");
        assert_eq!((e.offset, e.message.as_str()), (0, "number out of range"));
        for bad in [
            "01", "-", "1.", ".5", "1e", "1e+", "+1", "-a", "0x10", "NaN",
        ] {
            let e = err(bad);
            assert!(
                e.message.contains("number")
                    || e.message.contains("expected a JSON value")
                    || e.message.contains("trailing"),
                "{bad}: {}",
                e.message
            );
        }
        assert_eq!(err("[01]").offset, 2);
        assert_eq!(err("[1.]").offset, 3);
        assert_eq!(err("[1e]").offset, 3);
        assert_eq!(err("[-]").offset, 2);
    }

    #[test]
    fn bom_is_skipped_and_offsets_count_it() {
        let text = "\u{feff}{\"a\": 1}";
        let node = parse(text).unwrap();
        assert_eq!(node.span, Span::new(3, text.len()));
        let a = node.member_ci("a").unwrap();
        assert_eq!(slice(text, a.key_span), "\"a\"");
        assert_eq!(slice(text, a.value.span), "1");
        assert_eq!(err("\u{feff}{\"a\" 1}").offset, 8);
        assert_eq!(err("\u{feff}").message, "empty input");
        // A BOM anywhere else is not whitespace.
        assert_eq!(err(" \u{feff}1").offset, 1);
    }

    #[test]
    fn spans_of_nested_members() {
        let text = r#"{
  // the resources
  "resources": [
    {
      "type": "Microsoft.Storage/storageAccounts",
      "properties": { "supportsHttpsTrafficOnly": false, "tags": {"a": [1, 2.5e1,],}, },
    },
  ],
}"#;
        let root = parse(text).unwrap();
        assert_eq!(root.span, Span::new(0, text.len()));
        let res = root.get("resources").unwrap();
        assert!(slice(text, res.span).starts_with('['));
        assert!(slice(text, res.span).ends_with(']'));
        let first = &res.as_array().unwrap()[0];
        let props = first.get("properties").unwrap();
        let https = props.member_ci("SUPPORTSHTTPSTRAFFICONLY").unwrap();
        assert_eq!(slice(text, https.key_span), "\"supportsHttpsTrafficOnly\"");
        assert_eq!(slice(text, https.value.span), "false");
        let tags = props.get("tags").unwrap();
        assert_eq!(slice(text, tags.span), r#"{"a": [1, 2.5e1,],}"#);
        let a = tags.get("a").unwrap();
        assert_eq!(slice(text, a.span), "[1, 2.5e1,]");
        let items = a.as_array().unwrap();
        assert_eq!(slice(text, items[1].span), "2.5e1");
        assert_eq!(
            slice(text, first.get("type").unwrap().span),
            "\"Microsoft.Storage/storageAccounts\""
        );
        assert_eq!(
            first.get("type").unwrap().as_str(),
            Some("Microsoft.Storage/storageAccounts")
        );
        // Every node's span slices back to text that parses to the node.
        check_spans(text, &root);
    }

    /// Every node's span parses back to the same value; every key span to the key.
    fn check_spans(text: &str, node: &Node) {
        let again = parse(slice(text, node.span)).map(|n| n.to_json());
        assert_eq!(again, Ok(node.to_json()), "span {:?}", node.span);
        match &node.kind {
            Kind::Array(items) => items.iter().for_each(|n| check_spans(text, n)),
            Kind::Object(members) => {
                for m in members {
                    assert_eq!(
                        parse(slice(text, m.key_span)).map(|n| n.to_json()),
                        Ok(Value::String(m.key.clone()))
                    );
                    check_spans(text, &m.value);
                }
            }
            _ => {}
        }
    }

    #[test]
    fn duplicates_and_case_insensitive_lookup() {
        let text = r#"{"a": 1, "A": 2, "a": 3, "Bb": 4, "bB": 5}"#;
        let node = parse(text).unwrap();
        assert_eq!(node.as_object().unwrap().len(), 5);
        assert_eq!(node.get("a").unwrap().to_json(), json!(3));
        assert_eq!(node.get("A").unwrap().to_json(), json!(2));
        assert_eq!(node.get_ci("A").unwrap().to_json(), json!(2));
        assert_eq!(node.get_ci("a").unwrap().to_json(), json!(3));
        assert_eq!(node.get_ci("BB").unwrap().to_json(), json!(5));
        assert_eq!(
            slice(text, node.member_ci("bb").unwrap().key_span),
            "\"bB\""
        );
        assert!(node.get("bb").is_none());
        assert_eq!(node.to_json(), json!({"a": 3, "A": 2, "Bb": 4, "bB": 5}));
        assert!(parse("[1]").unwrap().get("a").is_none());
        assert!(parse("1").unwrap().as_array().is_none());
        assert!(parse("1").unwrap().as_str().is_none());
    }

    #[test]
    fn error_offsets_and_messages() {
        let cases: &[(&str, usize, &str)] = &[
            ("", 0, "empty input"),
            ("  // only a comment", 19, "empty input"),
            (
                "{\"a\": 1 x}",
                8,
                "expected ',' or '}' after object member, found 'x'",
            ),
            (
                "[1 2]",
                3,
                "expected ',' or ']' after array element, found '2'",
            ),
            (
                "[1, 2",
                5,
                "expected ',' or ']' after array element, found end of input",
            ),
            ("{\"a\" 1}", 5, "expected ':' after object key, found '1'"),
            ("{a: 1}", 1, "expected a string key or '}', found 'a'"),
            ("{\"a\": }", 6, "expected a JSON value, found '}'"),
            ("[\"abc", 1, "unterminated string"),
            ("\"abc\\", 0, "unterminated string"),
            ("[1 /* x", 3, "unterminated block comment"),
            ("\"a\\qb\"", 2, "invalid escape '\\q'"),
            (
                "\"\\u12G4\"",
                1,
                "invalid unicode escape: expected 4 hex digits after '\\u'",
            ),
            (
                "{} {}",
                3,
                "trailing characters after the JSON value, found '{'",
            ),
            (
                "1 // c\n 2",
                8,
                "trailing characters after the JSON value, found '2'",
            ),
            (
                "[tru]",
                1,
                "invalid literal, expected 'true' or another JSON value",
            ),
            ("['a']", 1, "expected a JSON value, found '\\''"),
            (
                "[1 / 2]",
                3,
                "expected ',' or ']' after array element, found '/'",
            ),
            (
                "{\"é\": 1 ü}",
                9,
                "expected ',' or '}' after object member, found 'ü'",
            ),
            ("[\n\t1,\n\t@]", 7, "expected a JSON value, found '@'"),
        ];
        for &(text, offset, message) in cases {
            let e = err(text);
            assert_eq!(
                (e.offset, e.message.as_str()),
                (offset, message),
                "{text:?}"
            );
            assert_eq!(e.to_string(), message);
        }
    }

    #[test]
    fn depth_limit() {
        let nested = |n: usize| "[".repeat(n) + &"]".repeat(n);
        assert!(parse(&nested(MAX_DEPTH)).is_ok());
        let e = err(&nested(MAX_DEPTH + 1));
        assert_eq!(e.offset, MAX_DEPTH);
        assert_eq!(e.message, "nesting deeper than 256 levels");
        // Far too deep, unbalanced: still an error, not a stack overflow.
        assert_eq!(err(&"[{\"a\":".repeat(100_000)).offset, 6 * 128);
        let objects = "{\"a\":".repeat(MAX_DEPTH) + "1" + &"}".repeat(MAX_DEPTH);
        assert!(parse(&objects).is_ok());
        let objects = "{\"a\":".repeat(MAX_DEPTH + 1) + "1" + &"}".repeat(MAX_DEPTH + 1);
        assert_eq!(err(&objects).offset, 5 * MAX_DEPTH);
    }

    fn arb_value() -> impl Strategy<Value = Value> {
        use proptest::num::f64::{NEGATIVE, NORMAL, POSITIVE, SUBNORMAL, ZERO};
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<i64>().prop_map(|n| Value::Number(n.into())),
            any::<u64>().prop_map(|n| Value::Number(n.into())),
            (NORMAL | SUBNORMAL | ZERO | POSITIVE | NEGATIVE)
                .prop_filter_map("finite", |f| serde_json::Number::from_f64(f)
                    .map(Value::Number)),
            (-1000.0f64..1000.0).prop_filter_map("finite", |f| serde_json::Number::from_f64(f)
                .map(Value::Number)),
            any::<String>().prop_map(Value::String),
            "[a-zA-Z0-9 \"\\\\/\n\t\u{1}\u{7f}é😀]{0,12}".prop_map(Value::String),
        ];
        leaf.prop_recursive(5, 64, 6, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
                prop::collection::vec(("[a-zA-Z\"\\\\]{0,6}", inner), 0..6)
                    .prop_map(|kv| Value::Object(kv.into_iter().collect())),
            ]
        })
    }

    /// Writes a value the relaxed way: comments and whitespace wherever
    /// whitespace may be, trailing commas, raw control characters in strings.
    struct Relaxed<'a> {
        choices: &'a [u8],
        next: usize,
        out: String,
    }

    impl Relaxed<'_> {
        fn choose(&mut self, n: u8) -> u8 {
            let c = self
                .choices
                .get(self.next % self.choices.len().max(1))
                .copied()
                .unwrap_or(0);
            self.next += 1;
            c % n
        }

        fn ws(&mut self) {
            let s = match self.choose(10) {
                0 => " ",
                1 => "\n\t ",
                2 => "// line comment with \"quotes\", /* and */ {[\n",
                3 => "/* block\n comment * / ** with // inside */",
                4 => "/**/",
                5 => "\r\n",
                _ => "",
            };
            self.out.push_str(s);
        }

        fn string(&mut self, s: &str) {
            self.out.push('"');
            for c in s.chars() {
                match c {
                    '"' => self.out.push_str("\\\""),
                    '\\' => self.out.push_str("\\\\"),
                    c if (c as u32) < 0x20 && self.choose(2) == 0 => self.out.push(c),
                    c if (c as u32) < 0x20 || self.choose(8) == 0 => {
                        let mut units = [0u16; 2];
                        for u in c.encode_utf16(&mut units) {
                            self.out.push_str(&format!("\\u{u:04X}"));
                        }
                    }
                    c => self.out.push(c),
                }
            }
            self.out.push('"');
        }

        fn value(&mut self, v: &Value) {
            match v {
                Value::Array(items) => {
                    self.out.push('[');
                    self.ws();
                    for (i, item) in items.iter().enumerate() {
                        if i > 0 {
                            self.out.push(',');
                            self.ws();
                        }
                        self.value(item);
                        self.ws();
                    }
                    if !items.is_empty() && self.choose(2) == 0 {
                        self.out.push(',');
                        self.ws();
                    }
                    self.out.push(']');
                }
                Value::Object(map) => {
                    self.out.push('{');
                    self.ws();
                    for (i, (k, item)) in map.iter().enumerate() {
                        if i > 0 {
                            self.out.push(',');
                            self.ws();
                        }
                        self.string(k);
                        self.ws();
                        self.out.push(':');
                        self.ws();
                        self.value(item);
                        self.ws();
                    }
                    if !map.is_empty() && self.choose(2) == 0 {
                        self.out.push(',');
                        self.ws();
                    }
                    self.out.push('}');
                }
                Value::String(s) => self.string(s),
                scalar => self.out.push_str(&scalar.to_string()),
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        #[test]
        fn never_panics_on_any_string(text in any::<String>()) {
            let _ = parse(&text);
        }

        #[test]
        fn never_panics_on_json_like_text(
            text in "\u{feff}?[\\[\\]{}:,\"0-9a-zA-Z/*\\\\ \n.eE+\\-é]{0,64}"
        ) {
            match parse(&text) {
                Ok(node) => check_spans(&text, &node),
                Err(e) => prop_assert!(e.offset <= text.len()),
            }
        }

        #[test]
        fn serde_json_output_round_trips(v in arb_value()) {
            for text in [
                serde_json::to_string(&v).unwrap(),
                serde_json::to_string_pretty(&v).unwrap(),
            ] {
                let node = parse(&text).map_err(|e| TestCaseError::fail(format!("{e:?} in {text}")))?;
                prop_assert_eq!(node.to_json(), v.clone());
                prop_assert_eq!(node.span, Span::new(0, text.len()));
                check_spans(&text, &node);
            }
        }

        #[test]
        fn relaxed_output_round_trips(
            v in arb_value(),
            choices in prop::collection::vec(any::<u8>(), 1..64),
            bom in any::<bool>(),
        ) {
            let mut w = Relaxed { choices: &choices, next: 0, out: String::new() };
            if bom {
                w.out.push('\u{feff}');
            }
            w.ws();
            let start = w.out.len();
            w.value(&v);
            let end = w.out.len();
            w.ws();
            let text = w.out;
            let node = parse(&text).map_err(|e| TestCaseError::fail(format!("{e:?} in {text}")))?;
            prop_assert_eq!(node.to_json(), v);
            prop_assert_eq!(node.span, Span::new(start, end));
            check_spans(&text, &node);
        }
    }
}
