//! A native parser for Bicep (`.bicep`) and Bicep parameter (`.bicepparam`) files.
//!
//! [`parse`] turns a file's text into a [`Program`]: a list of declarations
//! (`param`, `var`, `resource`, `module`, `output`, `type`, `func`, ...) whose
//! expressions keep the byte [`Span`] of the source text they came from, so that
//! findings can point at the exact property that triggered them.
//!
//! The grammar follows the Bicep language as the Bicep compiler accepts it
//! (docs/grammar.md in Azure/bicep, plus newer additions: resource-derived types,
//! `$'''...'''` interpolated multi-line strings, spread, `.?`/`[?]`/`[^n]` access,
//! `!` non-null assertions, `extension ... with {...} as x`, `assert`, `func`,
//! `using none`, `extends`, `extensionConfig`).
//!
//! How it works: a lexer turns the text into tokens (comments and `#disable-...`
//! pragmas are dropped; every run of line breaks becomes one new-line token), then a
//! recursive-descent parser reads declarations. New lines are significant at the top
//! level and inside multi-line objects and arrays, where they end declarations and
//! items; inside parentheses (calls, conditions, lambdas, parenthesised expressions)
//! and string interpolation holes they are ignored. The parser accepts a small
//! superset of what Bicep accepts where that keeps it simpler (for instance new
//! lines anywhere inside parentheses, or decorators before any declaration), since
//! it reads files that already compile rather than validating them.
//!
//! Representation notes, beyond what the types say:
//! * A declaration's span runs from its first decorator (or its keyword when it has
//!   none) to the end of its value; `name.span` locates the symbol itself.
//! * Decorator names are written as in the source, namespace included
//!   (`sys.description`).
//! * `-5` is folded into `Int(-5)`; unary `+x` is `x`; a parenthesised expression is
//!   its inner expression with the span widened to the parentheses.
//! * `sys.f(x)` and `az.f(x)` are [`ExprKind::Call`] with a namespace; any other
//!   `a.f(x)` is an [`ExprKind::MethodCall`] (the parser cannot tell an imported
//!   namespace from a resource symbol).
//! * `parent::child` is [`ExprKind::ResourceAccess`]; `...x` in an array is
//!   [`ExprKind::Spread`]; `test` declarations (the experimental test framework)
//!   are [`DeclKind::Test`].
//! * A string without interpolation is `String(vec![Lit(value)])`, even when empty;
//!   an interpolated one alternates `Lit` and `Expr` parts, leaving out empty `Lit`s.
//!   Single-line strings are unescaped; multi-line ones are raw, minus the first
//!   line break after the opening `'''`.
//! * An interpolated object key (`'${k}': v`) keeps its raw source text as the key.
//! * In object types, `*: T` (additional properties) has the key `*`; a property is
//!   optional when written `k?: T` or when its type is nullable (`k: T?`). A union
//!   with a nullable member (`'a' | 'b'?`) is `Nullable(Union([...]))`.
//! * Tuple types, indexed types (`T[0]`, `T[*]`, `T.*`) and property access on
//!   non-named types are [`TypeExpr::Other`]; `ns.T` is `Named("ns.T")`;
//!   `resourceInput<'T'>`, `resourceOutput<'T'>` and `resource 'T'` are
//!   [`TypeExpr::Resource`] holding the resource type string.
//! * `import`, `extends` (in `.bicepparam`) are [`DeclKind::Import`]; `extension`,
//!   legacy `provider` and `extensionConfig` are [`DeclKind::Extension`]; their
//!   `text` is the declaration's source text from the keyword on.
//! * The `with {...}` clause of `using` is accepted and not kept.
//!
//! Errors: the first error wins and there is no recovery; a [`SyntaxError`] has the
//! byte offset of the offending token and says what was expected and what was found.
//! Nesting deeper than [`MAX_DEPTH`] levels is an error rather than a stack
//! overflow. Each operator of a chain (`a.b.c`, `x[0]!`, `1 + 2 + 3`, `T[][]`) counts
//! as a level too, so every tree the parser returns can be walked (and dropped)
//! recursively. Unoptimised builds use several times more stack per level, so there
//! a stack budget may stop nesting somewhat earlier with the same error. The parser
//! is linear in the size of its input.

use crate::source::Span;

/// How deeply expressions, types and declarations may nest.
pub const MAX_DEPTH: usize = 256;

/// Stack the parser may use below its entry point. `MAX_DEPTH` keeps an optimised
/// build well under this (about 2.5 KiB a level); unoptimised builds use several
/// times more stack a level, and this backstop turns what would be a stack overflow
/// on a 2 MiB thread into a [`SyntaxError`].
const STACK_BUDGET: usize = 1024 * 1024;

/// The approximate address of the top of the stack.
fn stack_addr() -> usize {
    let marker = 0u8;
    std::ptr::from_ref(std::hint::black_box(&marker)).addr()
}

/// A whole file: its declarations in source order.
#[derive(Debug, Clone, PartialEq)]
pub struct Program {
    pub decls: Vec<Decl>,
}

/// One declaration with its decorators.
#[derive(Debug, Clone, PartialEq)]
pub struct Decl {
    pub kind: DeclKind,
    pub decorators: Vec<Decorator>,
    pub span: Span,
}

/// `@name(args)`; `name` may be namespaced (`sys.description`).
#[derive(Debug, Clone, PartialEq)]
pub struct Decorator {
    pub name: String,
    pub args: Vec<Expr>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub enum DeclKind {
    TargetScope(Expr),
    Metadata {
        name: Ident,
        value: Expr,
    },
    /// Also a `.bicepparam` assignment `param x = value` (then `ty` is `None`).
    Param {
        name: Ident,
        ty: Option<TypeExpr>,
        default: Option<Expr>,
    },
    Var {
        name: Ident,
        ty: Option<TypeExpr>,
        value: Expr,
    },
    /// `value` is an [`ExprKind::Object`], [`ExprKind::If`] or [`ExprKind::For`].
    Resource {
        name: Ident,
        type_string: StrLit,
        existing: bool,
        value: Expr,
    },
    /// `value` is an [`ExprKind::Object`], [`ExprKind::If`] or [`ExprKind::For`].
    Module {
        name: Ident,
        path: StrLit,
        value: Expr,
    },
    Output {
        name: Ident,
        ty: Option<TypeExpr>,
        value: Expr,
    },
    Import {
        text: String,
    },
    Extension {
        text: String,
    },
    /// `using './main.bicep'`; `path` is `None` for `using none`.
    Using {
        path: Option<StrLit>,
    },
    Type {
        name: Ident,
        ty: TypeExpr,
    },
    Func {
        name: Ident,
        params: Vec<(Ident, TypeExpr)>,
        ret: Option<TypeExpr>,
        body: Expr,
    },
    Assert {
        name: Ident,
        value: Expr,
    },
    /// `test name 'file.bicep' = { ... }` (experimental test framework).
    Test {
        name: Ident,
        path: StrLit,
        value: Expr,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Ident {
    pub name: String,
    pub span: Span,
}

/// A string with no interpolation, unescaped; the span includes the quotes.
#[derive(Debug, Clone, PartialEq)]
pub struct StrLit {
    pub value: String,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub enum TypeExpr {
    /// `string`, `int`, `myType`, `sys.string`, `types.myType`.
    Named(String),
    /// `T[]`
    Array(Box<TypeExpr>),
    /// `{ key: T, key?: T }`: (key, optional, type).
    Object(Vec<(String, bool, TypeExpr)>),
    /// `A | B | C`
    Union(Vec<TypeExpr>),
    /// `'a'`, `1`, `-1`, `true`, `null`.
    Literal(Expr),
    /// `T?`
    Nullable(Box<TypeExpr>),
    /// The resource type string of `resourceInput<'...'>`, `resourceOutput<'...'>` or
    /// `resource '...'`.
    Resource(String),
    /// Anything else (tuples, `T[0]`, `T[*]`, `T.*`, ...).
    Other(Span),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Expr {
    pub kind: ExprKind,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub enum StrPart {
    Lit(String),
    Expr(Expr),
}

#[derive(Debug, Clone, PartialEq)]
pub enum ObjItem {
    Prop {
        key: String,
        key_span: Span,
        value: Expr,
    },
    Spread(Expr),
    /// A child resource declared inside a resource body.
    Resource(Decl),
}

#[derive(Debug, Clone, PartialEq)]
pub enum ExprKind {
    Null,
    Bool(bool),
    Int(i64),
    String(Vec<StrPart>),
    Array(Vec<Expr>),
    Object(Vec<ObjItem>),
    Ident(String),
    Member {
        target: Box<Expr>,
        name: String,
        safe: bool,
    },
    Index {
        target: Box<Expr>,
        index: Box<Expr>,
        safe: bool,
        from_end: bool,
    },
    Call {
        namespace: Option<String>,
        name: String,
        args: Vec<Expr>,
    },
    MethodCall {
        target: Box<Expr>,
        name: String,
        args: Vec<Expr>,
    },
    Unary {
        op: UnaryOp,
        expr: Box<Expr>,
    },
    Binary {
        op: BinaryOp,
        lhs: Box<Expr>,
        rhs: Box<Expr>,
    },
    Ternary {
        cond: Box<Expr>,
        then: Box<Expr>,
        els: Box<Expr>,
    },
    NonNull(Box<Expr>),
    Lambda {
        params: Vec<String>,
        body: Box<Expr>,
    },
    /// `if (cond) { ... }` as a resource or module value (or a loop body).
    If {
        cond: Box<Expr>,
        body: Box<Expr>,
    },
    /// `[for item in iterable: body]`, `[for (item, index) in iterable: body]`.
    For {
        item: String,
        index: Option<String>,
        iterable: Box<Expr>,
        body: Box<Expr>,
    },
    /// `...x` as an array item.
    Spread(Box<Expr>),
    /// `parent::child`: a nested resource of a resource symbol.
    ResourceAccess {
        target: Box<Expr>,
        name: String,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnaryOp {
    Not,
    Neg,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BinaryOp {
    Or,
    And,
    Eq,
    Ne,
    EqI,
    NeI,
    Lt,
    Gt,
    Le,
    Ge,
    Add,
    Sub,
    Mul,
    Div,
    Mod,
    Coalesce,
}

/// The first syntax error in a file: where (a byte offset) and what.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{message}")]
pub struct SyntaxError {
    pub offset: usize,
    pub message: String,
}

impl SyntaxError {
    fn new(offset: usize, message: impl Into<String>) -> Self {
        SyntaxError {
            offset,
            message: message.into(),
        }
    }
}

/// Parses a `.bicep` or `.bicepparam` file.
pub fn parse(text: &str) -> Result<Program, SyntaxError> {
    let (toks, lex_error) = Lexer::run(text);
    let mut p = Parser {
        src: text,
        toks,
        pos: 0,
        last_end: 0,
        nl_skip: false,
        depth: 0,
        stack_base: stack_addr(),
        lex_error,
    };
    p.program()
}

// ---------------------------------------------------------------------------
// Lexer
// ---------------------------------------------------------------------------

/// Which part of a (possibly interpolated) string a string token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Piece {
    /// `'abc'`: the whole string.
    Complete,
    /// `'abc${`
    Left,
    /// `}abc${`
    Mid,
    /// `}abc'`
    Right,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum T {
    Ident,
    Int,
    True,
    False,
    Null,
    /// A string piece; the `u8` is 0 for a single-line string and `1 + k` for a
    /// multi-line string opened with `k` dollar signs.
    Str(Piece, u8),
    LBrace,
    RBrace,
    LParen,
    RParen,
    LBracket,
    RBracket,
    Comma,
    Dot,
    Question,
    Colon,
    DoubleColon,
    Assign,
    Plus,
    Minus,
    Star,
    Slash,
    Percent,
    Bang,
    Lt,
    Gt,
    Le,
    Ge,
    EqEq,
    Ne,
    EqI,
    NeI,
    AndAnd,
    OrOr,
    Coalesce,
    Arrow,
    Pipe,
    Ellipsis,
    Hat,
    At,
    NewLine,
    /// Where the lexer stopped on an error (the error itself is kept aside).
    Error,
    Eof,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Tok {
    t: T,
    start: usize,
    end: usize,
}

/// An interpolation hole being lexed: how many `{` are open inside it, and the kind
/// of string it belongs to (to lex the piece that follows its closing `}`).
struct Frame {
    braces: usize,
    multi: u8,
}

struct Lexer<'a> {
    src: &'a str,
    b: &'a [u8],
    pos: usize,
    toks: Vec<Tok>,
    frames: Vec<Frame>,
}

type LexResult<T> = Result<T, SyntaxError>;

impl<'a> Lexer<'a> {
    /// Tokens (always ending with `Eof`, preceded by `Error` when lexing failed) and
    /// the lexing error, if any.
    fn run(src: &'a str) -> (Vec<Tok>, Option<SyntaxError>) {
        let mut lx = Lexer {
            src,
            b: src.as_bytes(),
            pos: 0,
            toks: Vec::with_capacity(src.len() / 4 + 4),
            frames: Vec::new(),
        };
        let err = lx.tokens().err();
        if let Some(e) = &err {
            lx.toks.push(Tok {
                t: T::Error,
                start: e.offset,
                end: e.offset,
            });
        }
        let end = src.len();
        lx.toks.push(Tok {
            t: T::Eof,
            start: end,
            end,
        });
        (lx.toks, err)
    }

    fn at(&self, i: usize) -> u8 {
        self.b.get(i).copied().unwrap_or(0)
    }

    fn push(&mut self, t: T, start: usize) {
        self.toks.push(Tok {
            t,
            start,
            end: self.pos,
        });
    }

    fn tokens(&mut self) -> LexResult<()> {
        loop {
            self.trivia()?;
            let start = self.pos;
            let Some(&c) = self.b.get(start) else {
                if !self.frames.is_empty() {
                    return Err(SyntaxError::new(
                        start,
                        "expected '}' to close a string interpolation but found the end of the file",
                    ));
                }
                return Ok(());
            };
            match c {
                b'\n' | b'\r' => {
                    self.pos += 1;
                    if self.toks.last().map(|t| t.t) != Some(T::NewLine) {
                        self.push(T::NewLine, start);
                    }
                }
                b'\'' => {
                    if self.at(start + 1) == b'\'' && self.at(start + 2) == b'\'' {
                        self.pos += 3;
                        self.multi_string(start, true, 0)?;
                    } else {
                        self.pos += 1;
                        self.single_string(start, true)?;
                    }
                }
                b'$' => {
                    let mut k = 0usize;
                    while self.at(start + k) == b'$' {
                        k += 1;
                    }
                    let q = start + k;
                    if self.at(q) == b'\'' && self.at(q + 1) == b'\'' && self.at(q + 2) == b'\'' {
                        let k = u8::try_from(k).map_err(|_| {
                            SyntaxError::new(start, "too many '$' before a multi-line string")
                        })?;
                        if k > 100 {
                            return Err(SyntaxError::new(
                                start,
                                "too many '$' before a multi-line string",
                            ));
                        }
                        self.pos = q + 3;
                        self.multi_string(start, true, k)?;
                    } else {
                        return Err(SyntaxError::new(
                            start,
                            "expected ''' after '$' (an interpolated multi-line string) but found something else",
                        ));
                    }
                }
                b'0'..=b'9' => {
                    while self.at(self.pos).is_ascii_digit() {
                        self.pos += 1;
                    }
                    self.push(T::Int, start);
                }
                b'a'..=b'z' | b'A'..=b'Z' | b'_' => self.ident(start),
                0x80.. => {
                    // `trivia` stops at a non-ASCII character only if it is a letter.
                    self.ident(start);
                    if self.pos == start {
                        return Err(SyntaxError::new(start, "unexpected character"));
                    }
                }
                b'{' => {
                    if let Some(f) = self.frames.last_mut() {
                        f.braces += 1;
                    }
                    self.pos += 1;
                    self.push(T::LBrace, start);
                }
                b'}' => {
                    let close_hole = match self.frames.last_mut() {
                        Some(f) if f.braces == 0 => true,
                        Some(f) => {
                            f.braces -= 1;
                            false
                        }
                        None => false,
                    };
                    self.pos += 1;
                    if close_hole {
                        let multi = self.frames.pop().map_or(0, |f| f.multi);
                        if multi == 0 {
                            self.single_string(start, false)?;
                        } else {
                            self.multi_string(start, false, multi - 1)?;
                        }
                    } else {
                        self.push(T::RBrace, start);
                    }
                }
                _ => {
                    let (t, len) = self.punct(c, start)?;
                    self.pos += len;
                    self.push(t, start);
                }
            }
        }
    }

    fn punct(&self, c: u8, start: usize) -> LexResult<(T, usize)> {
        let n = self.at(start + 1);
        Ok(match (c, n) {
            (b'(', _) => (T::LParen, 1),
            (b')', _) => (T::RParen, 1),
            (b'[', _) => (T::LBracket, 1),
            (b']', _) => (T::RBracket, 1),
            (b',', _) => (T::Comma, 1),
            (b'.', b'.') if self.at(start + 2) == b'.' => (T::Ellipsis, 3),
            (b'.', _) => (T::Dot, 1),
            (b'?', b'?') => (T::Coalesce, 2),
            (b'?', _) => (T::Question, 1),
            (b':', b':') => (T::DoubleColon, 2),
            (b':', _) => (T::Colon, 1),
            (b'=', b'=') => (T::EqEq, 2),
            (b'=', b'~') => (T::EqI, 2),
            (b'=', b'>') => (T::Arrow, 2),
            (b'=', _) => (T::Assign, 1),
            (b'!', b'=') => (T::Ne, 2),
            (b'!', b'~') => (T::NeI, 2),
            (b'!', _) => (T::Bang, 1),
            (b'<', b'=') => (T::Le, 2),
            (b'<', _) => (T::Lt, 1),
            (b'>', b'=') => (T::Ge, 2),
            (b'>', _) => (T::Gt, 1),
            (b'&', b'&') => (T::AndAnd, 2),
            (b'|', b'|') => (T::OrOr, 2),
            (b'|', _) => (T::Pipe, 1),
            (b'+', _) => (T::Plus, 1),
            (b'-', _) => (T::Minus, 1),
            (b'*', _) => (T::Star, 1),
            (b'/', _) => (T::Slash, 1),
            (b'%', _) => (T::Percent, 1),
            (b'^', _) => (T::Hat, 1),
            (b'@', _) => (T::At, 1),
            (b'"', _) => {
                return Err(SyntaxError::new(
                    start,
                    "unexpected '\"': Bicep strings use single quotes ('...')",
                ))
            }
            (b';', _) => {
                return Err(SyntaxError::new(
                    start,
                    "unexpected ';': declarations end at a new line",
                ))
            }
            _ => {
                let ch = self
                    .src
                    .get(start..)
                    .and_then(|s| s.chars().next())
                    .unwrap_or('?');
                return Err(SyntaxError::new(
                    start,
                    format!("unexpected character {}", show_char(ch)),
                ));
            }
        })
    }

    fn ident(&mut self, start: usize) {
        self.pos = start;
        while let Some(ch) = self.src.get(self.pos..).and_then(|s| s.chars().next()) {
            if ch == '_' || ch.is_alphanumeric() {
                self.pos += ch.len_utf8();
            } else {
                break;
            }
        }
        let t = match self.src.get(start..self.pos) {
            Some("true") => T::True,
            Some("false") => T::False,
            Some("null") => T::Null,
            _ => T::Ident,
        };
        self.push(t, start);
    }

    /// Skips spaces, comments and `#disable-next-line`-style pragmas (not new lines).
    fn trivia(&mut self) -> LexResult<()> {
        loop {
            let c = self.at(self.pos);
            match c {
                b' ' | b'\t' | 0x0b | 0x0c => self.pos += 1,
                b'/' if self.at(self.pos + 1) == b'/' => self.skip_to_eol(),
                b'#' => self.skip_to_eol(),
                b'/' if self.at(self.pos + 1) == b'*' => {
                    let open = self.pos;
                    let rest = self.b.get(open + 2..).unwrap_or(&[]);
                    match rest.windows(2).position(|w| w == b"*/") {
                        Some(i) => self.pos = open + 2 + i + 2,
                        None => {
                            return Err(SyntaxError::new(
                                open,
                                "expected '*/' to close this comment but found the end of the file",
                            ))
                        }
                    }
                }
                0x80.. => {
                    // Unicode whitespace (a byte-order mark, no-break spaces, ...).
                    match self.src.get(self.pos..).and_then(|s| s.chars().next()) {
                        Some(ch)
                            if ch == '\u{feff}'
                                || (ch.is_whitespace() && ch != '\u{2028}' && ch != '\u{2029}') =>
                        {
                            self.pos += ch.len_utf8();
                        }
                        Some(ch) if ch.is_alphabetic() => return Ok(()),
                        Some(ch) => {
                            return Err(SyntaxError::new(
                                self.pos,
                                format!("unexpected character {}", show_char(ch)),
                            ))
                        }
                        None => return Ok(()),
                    }
                }
                _ => return Ok(()),
            }
        }
    }

    fn skip_to_eol(&mut self) {
        while self.pos < self.b.len() && !matches!(self.at(self.pos), b'\n' | b'\r') {
            self.pos += 1;
        }
    }

    /// Lexes a single-line string piece; `self.pos` is just past its opening `'`
    /// (or the `}` closing an interpolation hole, when `!first`).
    fn single_string(&mut self, start: usize, first: bool) -> LexResult<()> {
        loop {
            let c = self.at(self.pos);
            match c {
                b'\'' => {
                    self.pos += 1;
                    let piece = if first { Piece::Complete } else { Piece::Right };
                    self.push(T::Str(piece, 0), start);
                    return Ok(());
                }
                b'$' if self.at(self.pos + 1) == b'{' => {
                    self.pos += 2;
                    let piece = if first { Piece::Left } else { Piece::Mid };
                    self.push(T::Str(piece, 0), start);
                    self.frames.push(Frame {
                        braces: 0,
                        multi: 0,
                    });
                    return Ok(());
                }
                b'\\' => {
                    self.pos += escape_len(self.b, self.pos)?;
                }
                b'\n' | b'\r' => {
                    return Err(SyntaxError::new(
                        self.pos,
                        "expected ' to end the string but found a new line (use '''...''' for multi-line strings)",
                    ))
                }
                0 if self.pos >= self.b.len() => {
                    return Err(SyntaxError::new(
                        start,
                        "expected ' to end the string but found the end of the file",
                    ))
                }
                _ => self.pos += 1,
            }
        }
    }

    /// Lexes a multi-line string piece opened with `dollars` dollar signs; `self.pos`
    /// is just past its opening `'''` (or the `}` closing an interpolation hole).
    fn multi_string(&mut self, start: usize, first: bool, dollars: u8) -> LexResult<()> {
        let k = usize::from(dollars);
        loop {
            let Some(&c) = self.b.get(self.pos) else {
                return Err(SyntaxError::new(
                    start,
                    "expected ''' to end the multi-line string but found the end of the file",
                ));
            };
            match c {
                b'$' => {
                    let mut m = 0;
                    while self.at(self.pos) == b'$' {
                        self.pos += 1;
                        m += 1;
                    }
                    if k > 0 && m >= k && self.at(self.pos) == b'{' {
                        self.pos += 1;
                        let piece = if first { Piece::Left } else { Piece::Mid };
                        self.push(T::Str(piece, dollars + 1), start);
                        self.frames.push(Frame {
                            braces: 0,
                            multi: dollars + 1,
                        });
                        return Ok(());
                    }
                }
                b'\'' => {
                    let mut q = 0;
                    while self.at(self.pos) == b'\'' {
                        self.pos += 1;
                        q += 1;
                    }
                    if q >= 3 {
                        let piece = if first { Piece::Complete } else { Piece::Right };
                        self.push(T::Str(piece, dollars + 1), start);
                        return Ok(());
                    }
                }
                _ => self.pos += 1,
            }
        }
    }
}

/// A character for an error message: quoted, or as a code point when invisible.
fn show_char(c: char) -> String {
    if c.is_control() || c.is_whitespace() {
        format!("U+{:04X}", u32::from(c))
    } else {
        format!("'{c}'")
    }
}

/// Length of the escape sequence starting with the `\` at `i`, or an error naming it.
fn escape_len(b: &[u8], i: usize) -> LexResult<usize> {
    let at = |j: usize| b.get(j).copied().unwrap_or(0);
    match at(i + 1) {
        b'n' | b'r' | b't' | b'\\' | b'\'' | b'$' => Ok(2),
        b'u' => {
            let bad = || {
                SyntaxError::new(
                    i,
                    "expected a Unicode escape of the form \\u{1F600} after \\u",
                )
            };
            if at(i + 2) != b'{' {
                return Err(bad());
            }
            let mut j = i + 3;
            let mut value: u32 = 0;
            while at(j).is_ascii_hexdigit() {
                let digit = char::from(at(j)).to_digit(16).unwrap_or(0);
                value = value.saturating_mul(16).saturating_add(digit);
                j += 1;
            }
            if j == i + 3 || at(j) != b'}' {
                return Err(bad());
            }
            if value > 0x10FFFF {
                return Err(SyntaxError::new(
                    i,
                    "a Unicode escape must be at most \\u{10FFFF}",
                ));
            }
            Ok(j + 1 - i)
        }
        0 if i + 1 >= b.len() => Err(SyntaxError::new(
            i,
            "expected an escape sequence after \\ but found the end of the file",
        )),
        _ => {
            let found = std::str::from_utf8(b.get(i + 1..).unwrap_or(&[]))
                .ok()
                .and_then(|s| s.chars().next())
                .map_or_else(|| "?".to_string(), |c| c.to_string());
            Err(SyntaxError::new(
                i,
                format!(
                    "invalid escape sequence \\{found} (valid: \\' \\\\ \\n \\r \\t \\$ \\u{{...}})"
                ),
            ))
        }
    }
}

/// The text of a single-line string piece (between its delimiters) unescaped.
fn unescape(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars();
    let mut pending_high: Option<u32> = None;
    while let Some(c) = chars.next() {
        if c != '\\' {
            flush_surrogate(&mut out, &mut pending_high);
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => push_plain(&mut out, &mut pending_high, '\n'),
            Some('r') => push_plain(&mut out, &mut pending_high, '\r'),
            Some('t') => push_plain(&mut out, &mut pending_high, '\t'),
            Some('u') => {
                let mut v: u32 = 0;
                for h in chars.by_ref() {
                    if h == '}' {
                        break;
                    }
                    if let Some(d) = h.to_digit(16) {
                        v = v.saturating_mul(16).saturating_add(d);
                    }
                }
                // UTF-16 surrogate pairs written as two escapes combine into one char.
                if (0xD800..0xDC00).contains(&v) {
                    flush_surrogate(&mut out, &mut pending_high);
                    pending_high = Some(v);
                } else if (0xDC00..0xE000).contains(&v) {
                    match pending_high.take() {
                        Some(hi) => {
                            let cp = 0x10000 + ((hi - 0xD800) << 10) + (v - 0xDC00);
                            out.push(char::from_u32(cp).unwrap_or('\u{FFFD}'));
                        }
                        None => out.push('\u{FFFD}'),
                    }
                } else {
                    flush_surrogate(&mut out, &mut pending_high);
                    out.push(char::from_u32(v).unwrap_or('\u{FFFD}'));
                }
            }
            Some(other) => push_plain(&mut out, &mut pending_high, other),
            None => push_plain(&mut out, &mut pending_high, '\\'),
        }
    }
    flush_surrogate(&mut out, &mut pending_high);
    out
}

fn push_plain(out: &mut String, pending_high: &mut Option<u32>, c: char) {
    flush_surrogate(out, pending_high);
    out.push(c);
}

fn flush_surrogate(out: &mut String, pending_high: &mut Option<u32>) {
    if pending_high.take().is_some() {
        out.push('\u{FFFD}');
    }
}

// ---------------------------------------------------------------------------
// Parser: helpers
// ---------------------------------------------------------------------------

type PResult<T> = Result<T, SyntaxError>;

struct Parser<'a> {
    src: &'a str,
    toks: Vec<Tok>,
    pos: usize,
    /// End offset of the last token consumed.
    last_end: usize,
    /// Inside parentheses and interpolation holes new lines are insignificant.
    nl_skip: bool,
    depth: usize,
    stack_base: usize,
    lex_error: Option<SyntaxError>,
}

fn span(start: usize, end: usize) -> Span {
    Span::new(start, end.max(start))
}

fn mk(kind: ExprKind, start: usize, end: usize) -> Expr {
    Expr {
        kind,
        span: span(start, end),
    }
}

fn binop(t: T) -> Option<(BinaryOp, u8)> {
    Some(match t {
        T::Star => (BinaryOp::Mul, 100),
        T::Slash => (BinaryOp::Div, 100),
        T::Percent => (BinaryOp::Mod, 100),
        T::Plus => (BinaryOp::Add, 90),
        T::Minus => (BinaryOp::Sub, 90),
        T::Lt => (BinaryOp::Lt, 80),
        T::Gt => (BinaryOp::Gt, 80),
        T::Le => (BinaryOp::Le, 80),
        T::Ge => (BinaryOp::Ge, 80),
        T::EqEq => (BinaryOp::Eq, 70),
        T::Ne => (BinaryOp::Ne, 70),
        T::EqI => (BinaryOp::EqI, 70),
        T::NeI => (BinaryOp::NeI, 70),
        T::AndAnd => (BinaryOp::And, 50),
        T::OrOr => (BinaryOp::Or, 40),
        T::Coalesce => (BinaryOp::Coalesce, 30),
        _ => return None,
    })
}

impl<'a> Parser<'a> {
    fn raw(&self, i: usize) -> Tok {
        match self.toks.get(i) {
            Some(t) => *t,
            None => Tok {
                t: T::Eof,
                start: self.src.len(),
                end: self.src.len(),
            },
        }
    }

    /// The current token (past new lines where they are insignificant).
    fn peek(&mut self) -> Tok {
        if self.nl_skip {
            self.skip_nl();
        }
        self.raw(self.pos)
    }

    /// The next token that is not a new line, without consuming anything.
    fn peek_past_nl(&self) -> Tok {
        let t = self.raw(self.pos);
        if t.t == T::NewLine {
            self.raw(self.pos + 1)
        } else {
            t
        }
    }

    fn skip_nl(&mut self) {
        while self.raw(self.pos).t == T::NewLine {
            self.pos += 1;
        }
    }

    fn bump(&mut self) -> Tok {
        let t = self.peek();
        if !matches!(t.t, T::Eof | T::Error) {
            self.pos += 1;
            self.last_end = t.end;
        }
        t
    }

    fn at(&mut self, t: T) -> bool {
        self.peek().t == t
    }

    fn eat(&mut self, t: T) -> bool {
        if self.at(t) {
            self.bump();
            true
        } else {
            false
        }
    }

    fn expect(&mut self, t: T, what: &str) -> PResult<Tok> {
        let tok = self.peek();
        if tok.t == t {
            Ok(self.bump())
        } else {
            Err(self.error(tok, what))
        }
    }

    fn text(&self, tok: Tok) -> &'a str {
        self.src.get(tok.start..tok.end).unwrap_or("")
    }

    fn is_kw(&mut self, kw: &str) -> bool {
        let t = self.peek();
        t.t == T::Ident && self.text(t) == kw
    }

    /// The token after the current one (new lines included).
    fn raw_next(&mut self) -> Tok {
        self.peek();
        self.raw(self.pos + 1)
    }

    fn describe(&self, tok: Tok) -> String {
        let text = self.text(tok);
        let short = |s: &str| {
            if s.chars().count() > 40 {
                let cut: String = s.chars().take(40).collect();
                format!("{cut}...")
            } else {
                s.to_string()
            }
        };
        match tok.t {
            T::Ident => format!("'{}'", short(text)),
            T::Int => format!("the number {}", short(text)),
            T::Str(Piece::Complete | Piece::Left, _) => "a string".to_string(),
            T::Str(Piece::Mid | Piece::Right, _) => "'}' (the end of an interpolation)".to_string(),
            T::NewLine => "a new line".to_string(),
            T::Eof => "the end of the file".to_string(),
            T::Error => "an invalid token".to_string(),
            _ => format!("'{text}'"),
        }
    }

    /// "expected WHAT but found X" at `tok`; a lexing error when that is what `tok` is.
    fn error(&self, tok: Tok, what: &str) -> SyntaxError {
        if tok.t == T::Error {
            if let Some(e) = &self.lex_error {
                return e.clone();
            }
        }
        SyntaxError::new(
            tok.start,
            format!("expected {what} but found {}", self.describe(tok)),
        )
    }

    fn enter(&mut self) -> PResult<()> {
        self.depth += 1;
        if self.depth > MAX_DEPTH || stack_addr().abs_diff(self.stack_base) > STACK_BUDGET {
            let at = self.peek().start;
            return Err(SyntaxError::new(
                at,
                format!("nesting is too deep (the limit is {MAX_DEPTH} levels)"),
            ));
        }
        Ok(())
    }

    fn leave(&mut self) {
        self.depth = self.depth.saturating_sub(1);
    }

    fn ident(&mut self, what: &str) -> PResult<Ident> {
        let t = self.peek();
        if t.t != T::Ident {
            return Err(self.error(t, what));
        }
        self.bump();
        Ok(Ident {
            name: self.text(t).to_string(),
            span: span(t.start, t.end),
        })
    }

    fn int_value(&self, t: Tok, negative: bool) -> PResult<i64> {
        let too_big = || SyntaxError::new(t.start, "integer literal is too large for 64 bits");
        let v: u64 = self.text(t).parse().map_err(|_| too_big())?;
        if negative {
            if v == 1u64 << 63 {
                Ok(i64::MIN)
            } else {
                i64::try_from(v).map(|v| -v).map_err(|_| too_big())
            }
        } else {
            i64::try_from(v).map_err(|_| too_big())
        }
    }

    /// The value of a string piece: unescaped (single-line) or raw (multi-line).
    fn piece_value(&self, tok: Tok, piece: Piece, multi: u8) -> String {
        let (s, e) = (tok.start, tok.end);
        let (a, b) = if multi == 0 {
            let b = match piece {
                Piece::Complete | Piece::Right => e.saturating_sub(1),
                Piece::Left | Piece::Mid => e.saturating_sub(2),
            };
            (s + 1, b)
        } else {
            let k = usize::from(multi - 1);
            let a = match piece {
                Piece::Complete | Piece::Left => s + k + 3,
                Piece::Mid | Piece::Right => s + 1,
            };
            let b = match piece {
                Piece::Complete | Piece::Right => e.saturating_sub(3),
                Piece::Left | Piece::Mid => e.saturating_sub(k + 1),
            };
            (a, b)
        };
        let raw = self.src.get(a..b.max(a)).unwrap_or("");
        if multi == 0 {
            unescape(raw)
        } else if matches!(piece, Piece::Complete | Piece::Left) {
            let r = raw.strip_prefix('\r').unwrap_or(raw);
            r.strip_prefix('\n').unwrap_or(r).to_string()
        } else {
            raw.to_string()
        }
    }

    /// A string without interpolation.
    fn str_lit(&mut self, what: &str) -> PResult<StrLit> {
        let t = self.peek();
        match t.t {
            T::Str(Piece::Complete, multi) => {
                self.bump();
                Ok(StrLit {
                    value: self.piece_value(t, Piece::Complete, multi),
                    span: span(t.start, t.end),
                })
            }
            T::Str(Piece::Left, _) => Err(SyntaxError::new(
                t.start,
                format!("expected {what} but found an interpolated string"),
            )),
            _ => Err(self.error(t, what)),
        }
    }
}

// ---------------------------------------------------------------------------
// Parser: declarations
// ---------------------------------------------------------------------------

const DECL_KEYWORDS: &str = "a declaration (targetScope, metadata, param, var, resource, module, output, import, extension, using, type, func or assert)";

impl<'a> Parser<'a> {
    fn program(&mut self) -> PResult<Program> {
        let mut decls = Vec::new();
        loop {
            self.skip_nl();
            if self.peek().t == T::Eof {
                break;
            }
            decls.push(self.decl(false)?);
            let t = self.raw(self.pos);
            if !matches!(t.t, T::NewLine | T::Eof) {
                return Err(self.error(t, "a new line after the declaration"));
            }
        }
        Ok(Program { decls })
    }

    fn decorator(&mut self) -> PResult<Decorator> {
        let at = self.bump();
        let mut name = self.ident("a decorator name after '@'")?.name;
        while self.at(T::Dot) {
            self.bump();
            name.push('.');
            name.push_str(&self.ident("a decorator name after '.'")?.name);
        }
        let args = if self.at(T::LParen) {
            self.call_args()?
        } else {
            Vec::new()
        };
        Ok(Decorator {
            name,
            args,
            span: span(at.start, self.last_end),
        })
    }

    /// One declaration; `nested` for a child resource inside a resource body.
    fn decl(&mut self, nested: bool) -> PResult<Decl> {
        self.enter()?;
        let start = self.peek().start;
        let mut decorators = Vec::new();
        while self.at(T::At) {
            decorators.push(self.decorator()?);
            self.skip_nl();
        }
        let kind = self.decl_kind(nested, decorators.is_empty())?;
        self.leave();
        Ok(Decl {
            kind,
            decorators,
            span: span(start, self.last_end),
        })
    }

    /// The declaration after its decorators, by keyword.
    fn decl_kind(&mut self, nested: bool, bare: bool) -> PResult<DeclKind> {
        let kw = self.peek();
        let what = if nested {
            "a nested resource declaration"
        } else if bare {
            DECL_KEYWORDS
        } else {
            "a declaration after the decorators"
        };
        let text = self.text(kw);
        if kw.t != T::Ident || (nested && text != "resource") {
            return Err(self.error(kw, what));
        }
        match text {
            "targetScope" => {
                self.bump();
                self.expect(T::Assign, "'=' after targetScope")?;
                Ok(DeclKind::TargetScope(self.expr()?))
            }
            "metadata" => self.metadata_decl(),
            "param" => self.param_decl(),
            "var" => self.var_decl(),
            "resource" => self.resource_decl(),
            "module" | "test" => self.module_decl(text),
            "output" => self.output_decl(),
            "import" | "extends" => Ok(DeclKind::Import {
                text: self.rest_of_decl(),
            }),
            "extension" | "provider" | "extensionConfig" => Ok(DeclKind::Extension {
                text: self.rest_of_decl(),
            }),
            "using" => self.using_decl(),
            "type" => self.type_decl(),
            "func" => self.func(),
            "assert" => self.assert_decl(),
            _ => Err(self.error(kw, what)),
        }
    }

    fn metadata_decl(&mut self) -> PResult<DeclKind> {
        self.bump();
        let name = self.ident("a metadata name")?;
        self.expect(T::Assign, "'=' after the metadata name")?;
        let value = self.expr()?;
        Ok(DeclKind::Metadata { name, value })
    }

    fn param_decl(&mut self) -> PResult<DeclKind> {
        self.bump();
        let name = self.ident("a parameter name")?;
        let ty = if self.at(T::Assign) {
            None
        } else {
            Some(self.decl_type()?)
        };
        let default = if self.eat(T::Assign) {
            Some(self.expr()?)
        } else {
            None
        };
        Ok(DeclKind::Param { name, ty, default })
    }

    fn var_decl(&mut self) -> PResult<DeclKind> {
        self.bump();
        let name = self.ident("a variable name")?;
        let ty = if self.at(T::Assign) {
            None
        } else {
            Some(self.ty()?)
        };
        self.expect(T::Assign, "'=' after the variable name")?;
        let value = self.expr()?;
        Ok(DeclKind::Var { name, ty, value })
    }

    fn resource_decl(&mut self) -> PResult<DeclKind> {
        self.bump();
        let name = self.ident("a resource symbolic name")?;
        let type_string = self.str_lit("a resource type string ('Microsoft.X/y@version')")?;
        let existing = self.is_kw("existing");
        if existing {
            self.bump();
        }
        self.expect(T::Assign, "'=' after the resource type")?;
        let value = self.resource_value()?;
        Ok(DeclKind::Resource {
            name,
            type_string,
            existing,
            value,
        })
    }

    /// `module name 'path' = ...` or `test name 'path' = ...`.
    fn module_decl(&mut self, keyword: &str) -> PResult<DeclKind> {
        self.bump();
        let test = keyword == "test";
        let name = self.ident(if test {
            "a test name"
        } else {
            "a module symbolic name"
        })?;
        let path = self.str_lit(if test {
            "a file path string"
        } else {
            "a module path string"
        })?;
        self.expect(T::Assign, "'=' after the path")?;
        let value = self.resource_value()?;
        Ok(if test {
            DeclKind::Test { name, path, value }
        } else {
            DeclKind::Module { name, path, value }
        })
    }

    fn output_decl(&mut self) -> PResult<DeclKind> {
        self.bump();
        let name = self.ident("an output name")?;
        let ty = if self.at(T::Assign) {
            None
        } else {
            Some(self.decl_type()?)
        };
        self.expect(T::Assign, "'=' after the output type")?;
        let value = self.expr()?;
        Ok(DeclKind::Output { name, ty, value })
    }

    fn using_decl(&mut self) -> PResult<DeclKind> {
        self.bump();
        let path = if self.is_kw("none") {
            self.bump();
            None
        } else {
            Some(self.str_lit("a file path string or 'none' after using")?)
        };
        if self.is_kw("with") {
            self.bump();
            if !self.at(T::LBrace) {
                let t = self.peek();
                return Err(self.error(t, "'{' after with"));
            }
            self.object()?;
        }
        Ok(DeclKind::Using { path })
    }

    fn type_decl(&mut self) -> PResult<DeclKind> {
        self.bump();
        let name = self.ident("a type name")?;
        self.expect(T::Assign, "'=' after the type name")?;
        let ty = self.ty()?;
        Ok(DeclKind::Type { name, ty })
    }

    fn assert_decl(&mut self) -> PResult<DeclKind> {
        self.bump();
        let name = self.ident("an assertion name")?;
        self.expect(T::Assign, "'=' after the assertion name")?;
        let value = self.expr()?;
        Ok(DeclKind::Assert { name, value })
    }

    /// A parameter or output type: `resource 'T'` or a type expression.
    fn decl_type(&mut self) -> PResult<TypeExpr> {
        if self.is_kw("resource") && matches!(self.raw_next().t, T::Str(..)) {
            self.bump();
            let s = self.str_lit("a resource type string")?;
            return Ok(TypeExpr::Resource(s.value));
        }
        self.ty()
    }

    /// `func name(a string, b int) string => body`
    fn func(&mut self) -> PResult<DeclKind> {
        self.bump();
        let name = self.ident("a function name")?;
        self.expect(T::LParen, "'(' after the function name")?;
        let saved = std::mem::replace(&mut self.nl_skip, true);
        let mut params = Vec::new();
        if !self.eat(T::RParen) {
            loop {
                let p = self.ident("a parameter name")?;
                let t = self.ty()?;
                params.push((p, t));
                if self.eat(T::Comma) {
                    continue;
                }
                self.expect(T::RParen, "',' or ')' after the parameter")?;
                break;
            }
        }
        self.nl_skip = saved;
        let ret = if self.at(T::Arrow) {
            None
        } else {
            Some(self.ty()?)
        };
        self.expect(T::Arrow, "'=>' after the function's return type")?;
        self.skip_nl();
        let body = self.expr()?;
        Ok(DeclKind::Func {
            name,
            params,
            ret,
            body,
        })
    }

    /// Consumes a declaration kept as text (import, extension, ...): everything up
    /// to the new line that ends it, brackets balanced. Returns that text.
    fn rest_of_decl(&mut self) -> String {
        let start = self.peek().start;
        let mut depth = 0usize;
        loop {
            let t = self.raw(self.pos);
            match t.t {
                T::Eof | T::Error => break,
                T::NewLine if depth == 0 => break,
                T::LBrace | T::LParen | T::LBracket => depth += 1,
                T::RBrace | T::RParen | T::RBracket => {
                    if depth == 0 {
                        break;
                    }
                    depth -= 1;
                }
                _ => {}
            }
            self.pos += 1;
            self.last_end = t.end;
        }
        self.src.get(start..self.last_end).unwrap_or("").to_string()
    }

    /// A resource or module value: `{...}`, `if (c) {...}` or `[for ...]`.
    fn resource_value(&mut self) -> PResult<Expr> {
        // `= if (...)` may continue on the next line.
        if self.peek_past_nl().t == T::Ident && self.text(self.peek_past_nl()) == "if" {
            self.skip_nl();
        }
        let t = self.peek();
        const WHAT: &str = "'{', 'if (...)' or '[for ...]' after '='";
        match t.t {
            T::LBrace => self.object(),
            T::LBracket => {
                let e = self.array_or_for()?;
                if matches!(e.kind, ExprKind::For { .. }) {
                    Ok(e)
                } else {
                    Err(SyntaxError::new(
                        t.start,
                        format!("expected {WHAT} but found an array"),
                    ))
                }
            }
            T::Ident if self.text(t) == "if" => self.if_expr(),
            _ => Err(self.error(t, WHAT)),
        }
    }
}

// ---------------------------------------------------------------------------
// Parser: expressions
// ---------------------------------------------------------------------------

impl<'a> Parser<'a> {
    /// The next significant token, looking past one new line (for `? :` and `|`
    /// continuing on the next line).
    fn peek_continuation(&mut self) -> Tok {
        if self.nl_skip {
            self.peek()
        } else {
            self.peek_past_nl()
        }
    }

    // The functions on the recursive path of nested expressions keep few locals and
    // build nodes in small helpers: unoptimised builds give every local its own
    // stack slot, and 256 nesting levels must fit in a 2 MiB thread stack.

    fn expr(&mut self) -> PResult<Expr> {
        self.enter()?;
        let cond = self.binary(0)?;
        let result = if self.peek_continuation().t == T::Question {
            self.ternary(cond)
        } else {
            Ok(cond)
        };
        self.leave();
        result
    }

    fn ternary(&mut self, cond: Expr) -> PResult<Expr> {
        self.skip_nl();
        self.bump();
        self.skip_nl();
        let then = self.expr()?;
        if self.peek_continuation().t == T::Colon {
            self.skip_nl();
        }
        self.expect(T::Colon, "':' in the conditional expression")?;
        self.skip_nl();
        let els = self.expr()?;
        Ok(node_ternary(cond, then, els))
    }

    fn binary(&mut self, min_prec: u8) -> PResult<Expr> {
        let mut lhs = self.unary()?;
        // Each operator of a left-associative chain nests the tree one level deeper:
        // counted like any other nesting, so that trees stay shallow enough to walk
        // (and drop) recursively.
        let depth = self.depth;
        while let Some((op, prec)) = binop(self.peek().t) {
            if prec <= min_prec {
                break;
            }
            self.bump();
            self.enter()?;
            let rhs = self.binary(prec)?;
            lhs = node_binary(op, lhs, rhs);
        }
        self.depth = depth;
        Ok(lhs)
    }

    fn unary(&mut self) -> PResult<Expr> {
        match self.peek().t {
            T::Bang | T::Minus | T::Plus => self.prefixed(),
            _ => {
                let e = self.primary()?;
                self.postfix(e)
            }
        }
    }

    fn prefixed(&mut self) -> PResult<Expr> {
        let t = self.bump();
        if t.t == T::Minus && self.raw(self.pos).t == T::Int {
            let n = self.bump();
            let v = self.int_value(n, true)?;
            return Ok(mk(ExprKind::Int(v), t.start, n.end));
        }
        self.enter()?;
        let e = self.unary()?;
        self.leave();
        Ok(node_unary(t, e))
    }

    fn postfix(&mut self, mut e: Expr) -> PResult<Expr> {
        // Like binary operator chains, each postfix operator counts as a level.
        let depth = self.depth;
        loop {
            if matches!(
                self.peek().t,
                T::Dot | T::LBracket | T::DoubleColon | T::Bang
            ) {
                self.enter()?;
            }
            e = match self.peek().t {
                T::Dot => self.dot(e)?,
                T::LBracket => self.index(e)?,
                T::DoubleColon => {
                    self.bump();
                    let n = self.ident("a nested resource name after '::'")?;
                    node_resource_access(e, n)
                }
                T::Bang => {
                    let t = self.bump();
                    let start = e.span.start;
                    mk(ExprKind::NonNull(Box::new(e)), start, t.end)
                }
                _ => {
                    self.depth = depth;
                    return Ok(e);
                }
            };
        }
    }

    /// `.name`, `.?name` or `.name(args)` after `e`.
    fn dot(&mut self, e: Expr) -> PResult<Expr> {
        self.bump();
        let safe = self.eat(T::Question);
        let n = self.peek();
        if !matches!(n.t, T::Ident | T::True | T::False | T::Null) {
            return Err(self.error(n, "a property or function name after '.'"));
        }
        self.bump();
        if !safe && self.at(T::LParen) {
            let args = self.call_args()?;
            return Ok(self.node_method(e, n, args));
        }
        Ok(self.node_member(e, n, safe))
    }

    /// `[i]`, `[?i]`, `[^i]` after `e`.
    fn index(&mut self, e: Expr) -> PResult<Expr> {
        self.bump();
        let saved = std::mem::replace(&mut self.nl_skip, true);
        let safe = self.eat(T::Question);
        let from_end = self.eat(T::Hat);
        let index = self.expr()?;
        let close = self.expect(T::RBracket, "']' after the index")?;
        self.nl_skip = saved;
        Ok(node_index(e, index, safe, from_end, close.end))
    }

    fn call_args(&mut self) -> PResult<Vec<Expr>> {
        self.expect(T::LParen, "'('")?;
        let saved = std::mem::replace(&mut self.nl_skip, true);
        let mut args = Vec::new();
        if !self.eat(T::RParen) {
            loop {
                args.push(self.expr()?);
                if self.eat(T::Comma) {
                    continue;
                }
                self.expect(T::RParen, "',' or ')' after the argument")?;
                break;
            }
        }
        self.nl_skip = saved;
        Ok(args)
    }

    fn primary(&mut self) -> PResult<Expr> {
        let t = self.peek();
        match t.t {
            T::Int | T::True | T::False | T::Null => self.literal(),
            T::Str(Piece::Complete | Piece::Left, _) => self.string(),
            T::LBracket => self.array_or_for(),
            T::LBrace => self.object(),
            T::LParen => {
                if self.lambda_ahead() {
                    self.lambda()
                } else {
                    self.paren()
                }
            }
            T::Ident => self.ident_expr(),
            _ => Err(self.error(t, "an expression")),
        }
    }

    fn literal(&mut self) -> PResult<Expr> {
        let t = self.bump();
        let kind = match t.t {
            T::Int => ExprKind::Int(self.int_value(t, false)?),
            T::True => ExprKind::Bool(true),
            T::False => ExprKind::Bool(false),
            _ => ExprKind::Null,
        };
        Ok(mk(kind, t.start, t.end))
    }

    /// A variable, a function call or a one-parameter lambda (`x => ...`).
    fn ident_expr(&mut self) -> PResult<Expr> {
        let t = self.bump();
        if self.at(T::Arrow) {
            self.bump();
            self.skip_nl();
            let body = self.expr()?;
            return Ok(node_lambda(vec![self.text(t).to_string()], t.start, body));
        }
        if self.at(T::LParen) {
            let args = self.call_args()?;
            return Ok(self.node_call(t, args));
        }
        Ok(mk(
            ExprKind::Ident(self.text(t).to_string()),
            t.start,
            t.end,
        ))
    }

    /// A string literal, possibly interpolated.
    fn string(&mut self) -> PResult<Expr> {
        let first = self.bump();
        let T::Str(piece, multi) = first.t else {
            return Err(self.error(first, "a string"));
        };
        let lit = self.piece_value(first, piece, multi);
        if piece == Piece::Complete {
            return Ok(mk(
                ExprKind::String(vec![StrPart::Lit(lit)]),
                first.start,
                first.end,
            ));
        }
        let mut parts = Vec::new();
        if !lit.is_empty() {
            parts.push(StrPart::Lit(lit));
        }
        let saved = std::mem::replace(&mut self.nl_skip, true);
        while self.hole(&mut parts, multi)? {}
        self.nl_skip = saved;
        Ok(mk(ExprKind::String(parts), first.start, self.last_end))
    }

    /// One interpolation hole and the string piece after it; false after the last.
    fn hole(&mut self, parts: &mut Vec<StrPart>, multi: u8) -> PResult<bool> {
        let e = self.expr()?;
        parts.push(StrPart::Expr(e));
        let t = self.peek();
        match t.t {
            T::Str(p @ (Piece::Mid | Piece::Right), m) if m == multi => {
                self.bump();
                let lit = self.piece_value(t, p, m);
                if !lit.is_empty() {
                    parts.push(StrPart::Lit(lit));
                }
                Ok(p == Piece::Mid)
            }
            _ => Err(self.error(t, "'}' to close the string interpolation")),
        }
    }

    /// Whether the `(` at the current position starts a lambda's parameter list.
    fn lambda_ahead(&mut self) -> bool {
        self.peek();
        let mut i = self.pos + 1;
        let skip = |p: &Self, mut i: usize| {
            while p.raw(i).t == T::NewLine {
                i += 1;
            }
            i
        };
        i = skip(self, i);
        if self.raw(i).t != T::RParen {
            loop {
                if self.raw(i).t != T::Ident {
                    return false;
                }
                i = skip(self, i + 1);
                match self.raw(i).t {
                    T::Comma => i = skip(self, i + 1),
                    T::RParen => break,
                    _ => return false,
                }
            }
        }
        i = skip(self, i + 1);
        self.raw(i).t == T::Arrow
    }

    /// `(a, b) => body`
    fn lambda(&mut self) -> PResult<Expr> {
        let saved = std::mem::replace(&mut self.nl_skip, true);
        let open = self.bump();
        let mut params = Vec::new();
        if !self.eat(T::RParen) {
            loop {
                params.push(self.ident("a lambda parameter name")?.name);
                if self.eat(T::Comma) {
                    continue;
                }
                self.expect(T::RParen, "',' or ')'")?;
                break;
            }
        }
        self.expect(T::Arrow, "'=>'")?;
        self.nl_skip = saved;
        self.skip_nl();
        let body = self.expr()?;
        Ok(node_lambda(params, open.start, body))
    }

    /// `(expr)`: the inner expression, its span widened to the parentheses.
    fn paren(&mut self) -> PResult<Expr> {
        let saved = std::mem::replace(&mut self.nl_skip, true);
        let open = self.bump();
        let mut e = self.expr()?;
        let close = self.expect(T::RParen, "')' to close the parenthesis")?;
        self.nl_skip = saved;
        e.span = span(open.start, close.end);
        Ok(e)
    }

    fn node_member(&self, target: Expr, n: Tok, safe: bool) -> Expr {
        let start = target.span.start;
        mk(
            ExprKind::Member {
                target: Box::new(target),
                name: self.text(n).to_string(),
                safe,
            },
            start,
            n.end,
        )
    }

    fn node_method(&self, target: Expr, n: Tok, args: Vec<Expr>) -> Expr {
        let start = target.span.start;
        let name = self.text(n).to_string();
        let kind = match &target.kind {
            ExprKind::Ident(ns) if ns == "sys" || ns == "az" => ExprKind::Call {
                namespace: Some(ns.clone()),
                name,
                args,
            },
            _ => ExprKind::MethodCall {
                target: Box::new(target),
                name,
                args,
            },
        };
        mk(kind, start, self.last_end)
    }

    fn node_call(&self, t: Tok, args: Vec<Expr>) -> Expr {
        mk(
            ExprKind::Call {
                namespace: None,
                name: self.text(t).to_string(),
                args,
            },
            t.start,
            self.last_end,
        )
    }
}

fn node_ternary(cond: Expr, then: Expr, els: Expr) -> Expr {
    let (start, end) = (cond.span.start, els.span.end);
    mk(
        ExprKind::Ternary {
            cond: Box::new(cond),
            then: Box::new(then),
            els: Box::new(els),
        },
        start,
        end,
    )
}

fn node_binary(op: BinaryOp, lhs: Expr, rhs: Expr) -> Expr {
    let (start, end) = (lhs.span.start, rhs.span.end);
    mk(
        ExprKind::Binary {
            op,
            lhs: Box::new(lhs),
            rhs: Box::new(rhs),
        },
        start,
        end,
    )
}

fn node_unary(t: Tok, e: Expr) -> Expr {
    let op = match t.t {
        T::Bang => UnaryOp::Not,
        T::Minus => UnaryOp::Neg,
        // Unary plus: the operand itself.
        _ => {
            let mut e = e;
            e.span.start = t.start;
            return e;
        }
    };
    let end = e.span.end;
    mk(
        ExprKind::Unary {
            op,
            expr: Box::new(e),
        },
        t.start,
        end,
    )
}

fn node_index(target: Expr, index: Expr, safe: bool, from_end: bool, end: usize) -> Expr {
    let start = target.span.start;
    mk(
        ExprKind::Index {
            target: Box::new(target),
            index: Box::new(index),
            safe,
            from_end,
        },
        start,
        end,
    )
}

fn node_resource_access(target: Expr, n: Ident) -> Expr {
    let start = target.span.start;
    mk(
        ExprKind::ResourceAccess {
            target: Box::new(target),
            name: n.name,
        },
        start,
        n.span.end,
    )
}

fn node_spread(start: usize, e: Expr) -> Expr {
    let end = e.span.end;
    mk(ExprKind::Spread(Box::new(e)), start, end)
}

fn node_for(
    item: String,
    index: Option<String>,
    iterable: Expr,
    body: Expr,
    start: usize,
    end: usize,
) -> Expr {
    mk(
        ExprKind::For {
            item,
            index,
            iterable: Box::new(iterable),
            body: Box::new(body),
        },
        start,
        end,
    )
}

fn node_if(start: usize, cond: Expr, body: Expr) -> Expr {
    let end = body.span.end;
    mk(
        ExprKind::If {
            cond: Box::new(cond),
            body: Box::new(body),
        },
        start,
        end,
    )
}

fn node_lambda(params: Vec<String>, start: usize, body: Expr) -> Expr {
    let end = body.span.end;
    mk(
        ExprKind::Lambda {
            params,
            body: Box::new(body),
        },
        start,
        end,
    )
}

impl<'a> Parser<'a> {
    /// `[ items ]` or `[for ...: body]`.
    fn array_or_for(&mut self) -> PResult<Expr> {
        let open = self.bump();
        let saved = std::mem::replace(&mut self.nl_skip, false);
        self.skip_nl();
        let result =
            if self.is_kw("for") && matches!(self.raw(self.pos + 1).t, T::Ident | T::LParen) {
                self.for_expr(open)
            } else {
                let mut items = Vec::new();
                match self.array_items(&mut items) {
                    Ok(()) => Ok(mk(ExprKind::Array(items), open.start, self.last_end)),
                    Err(e) => Err(e),
                }
            };
        self.nl_skip = saved;
        result
    }

    fn array_items(&mut self, items: &mut Vec<Expr>) -> PResult<()> {
        while self.array_item(items)? {}
        Ok(())
    }

    /// One array item and the separator after it; false at the closing `]`
    /// (consumed).
    fn array_item(&mut self, items: &mut Vec<Expr>) -> PResult<bool> {
        self.skip_nl();
        let t = self.peek();
        match t.t {
            T::RBracket => {
                self.bump();
                return Ok(false);
            }
            T::Ellipsis => {
                self.bump();
                let e = self.expr()?;
                items.push(node_spread(t.start, e));
            }
            _ => {
                let e = self.expr()?;
                items.push(e);
            }
        }
        let t = self.peek();
        match t.t {
            T::Comma => {
                self.bump();
            }
            T::NewLine | T::RBracket => {}
            _ => return Err(self.error(t, "',' or a new line after the array item, or ']'")),
        }
        Ok(true)
    }

    /// The loop's variables: `item` or `(item, index)`.
    fn for_vars(&mut self) -> PResult<(String, Option<String>)> {
        if !self.at(T::LParen) {
            return Ok((self.ident("the loop's item variable")?.name, None));
        }
        self.bump();
        let saved = std::mem::replace(&mut self.nl_skip, true);
        let item = self.ident("the loop's item variable")?.name;
        let index = if self.eat(T::Comma) {
            Some(self.ident("the loop's index variable")?.name)
        } else {
            None
        };
        self.expect(T::RParen, "')' after the loop variables")?;
        self.nl_skip = saved;
        Ok((item, index))
    }

    fn for_expr(&mut self, open: Tok) -> PResult<Expr> {
        self.bump(); // for
        let (item, index) = self.for_vars()?;
        if !self.is_kw("in") {
            let t = self.peek();
            return Err(self.error(t, "'in' after the loop variable"));
        }
        self.bump();
        let iterable = self.expr()?;
        self.expect(T::Colon, "':' after the loop's collection")?;
        self.skip_nl();
        let body = if self.is_kw("if") && self.raw(self.pos + 1).t == T::LParen {
            self.if_expr()?
        } else {
            self.expr()?
        };
        self.skip_nl();
        self.expect(T::RBracket, "']' to close the loop")?;
        Ok(node_for(
            item,
            index,
            iterable,
            body,
            open.start,
            self.last_end,
        ))
    }

    /// `if (cond) { ... }`
    fn if_expr(&mut self) -> PResult<Expr> {
        let kw = self.bump();
        self.expect(T::LParen, "'(' after if")?;
        let saved = std::mem::replace(&mut self.nl_skip, true);
        let cond = self.expr()?;
        self.expect(T::RParen, "')' after the condition")?;
        self.nl_skip = saved;
        self.skip_nl();
        if !self.at(T::LBrace) {
            let t = self.peek();
            return Err(self.error(t, "'{' after the condition"));
        }
        let body = self.object()?;
        Ok(node_if(kw.start, cond, body))
    }

    fn object(&mut self) -> PResult<Expr> {
        let open = self.bump();
        let saved = std::mem::replace(&mut self.nl_skip, false);
        let mut items = Vec::new();
        while self.object_item(&mut items)? {}
        self.nl_skip = saved;
        Ok(mk(ExprKind::Object(items), open.start, self.last_end))
    }

    /// One object item and the separator after it, pushed to `items`; false at the
    /// closing `}` (consumed).
    fn object_item(&mut self, items: &mut Vec<ObjItem>) -> PResult<bool> {
        self.skip_nl();
        let t = self.peek();
        match t.t {
            T::RBrace => {
                self.bump();
                return Ok(false);
            }
            T::At => self.nested_resource(items)?,
            T::Ident if self.text(t) == "resource" && self.raw(self.pos + 1).t == T::Ident => {
                self.nested_resource(items)?
            }
            T::Ellipsis => {
                self.bump();
                let e = self.expr()?;
                items.push(ObjItem::Spread(e));
            }
            T::Ident | T::True | T::False | T::Null | T::Str(Piece::Complete | Piece::Left, _) => {
                self.prop(items)?
            }
            _ => return Err(self.error(t, "a property name, '...' or '}'")),
        }
        let t = self.peek();
        match t.t {
            T::Comma => {
                self.bump();
            }
            T::NewLine | T::RBrace => {}
            _ => return Err(self.error(t, "',' or a new line after the property, or '}'")),
        }
        Ok(true)
    }

    fn nested_resource(&mut self, items: &mut Vec<ObjItem>) -> PResult<()> {
        let d = self.decl(true)?;
        items.push(ObjItem::Resource(d));
        Ok(())
    }

    /// `key: value`; the key is a name or a string (an interpolated one is kept as
    /// its source text).
    fn prop(&mut self, items: &mut Vec<ObjItem>) -> PResult<()> {
        let (key, key_span) = self.prop_key()?;
        self.expect(T::Colon, "':' after the property name")?;
        let value = self.expr()?;
        items.push(ObjItem::Prop {
            key,
            key_span,
            value,
        });
        Ok(())
    }

    fn prop_key(&mut self) -> PResult<(String, Span)> {
        let t = self.peek();
        match t.t {
            T::Str(Piece::Complete, m) => {
                self.bump();
                Ok((
                    self.piece_value(t, Piece::Complete, m),
                    span(t.start, t.end),
                ))
            }
            T::Str(Piece::Left, m) => {
                let e = self.string()?;
                let k = usize::from(m.saturating_sub(1));
                let (a, b) = if m == 0 {
                    (e.span.start + 1, e.span.end.saturating_sub(1))
                } else {
                    (e.span.start + k + 3, e.span.end.saturating_sub(3))
                };
                let key = self.src.get(a..b.max(a)).unwrap_or("").to_string();
                Ok((key, e.span))
            }
            _ => {
                self.bump();
                Ok((self.text(t).to_string(), span(t.start, t.end)))
            }
        }
    }
}

// ---------------------------------------------------------------------------
// Parser: types
// ---------------------------------------------------------------------------

impl<'a> Parser<'a> {
    /// A type expression, unions included (`| 'a'` may start each member's line).
    fn ty(&mut self) -> PResult<TypeExpr> {
        self.enter()?;
        if self.peek_continuation().t == T::Pipe {
            self.skip_nl();
            self.bump();
            self.skip_nl();
        }
        let first = self.singular_ty()?;
        let result = if self.peek_continuation().t == T::Pipe {
            self.union_rest(first)
        } else {
            Ok(first)
        };
        self.leave();
        result
    }

    fn union_rest(&mut self, first: TypeExpr) -> PResult<TypeExpr> {
        let mut members = vec![first];
        while self.peek_continuation().t == T::Pipe {
            self.skip_nl();
            self.bump();
            self.skip_nl();
            members.push(self.singular_ty()?);
        }
        Ok(union_of(members))
    }

    fn singular_ty(&mut self) -> PResult<TypeExpr> {
        let start = self.peek().start;
        let t = self.primary_ty()?;
        self.ty_postfix(start, t)
    }

    /// `T[]`, `T?`, `T!`, `T.name`, `T[0]`, `T[*]`, `T.*` after `t`.
    fn ty_postfix(&mut self, start: usize, mut t: TypeExpr) -> PResult<TypeExpr> {
        let depth = self.depth;
        loop {
            let next = self.peek().t;
            if matches!(next, T::LBracket | T::Question | T::Bang | T::Dot) {
                self.enter()?;
            }
            match next {
                T::LBracket => {
                    self.bump();
                    if self.eat(T::RBracket) {
                        t = TypeExpr::Array(Box::new(t));
                        continue;
                    }
                    let saved = std::mem::replace(&mut self.nl_skip, true);
                    if !self.eat(T::Star) {
                        self.expr()?;
                    }
                    self.expect(T::RBracket, "']' after the type index")?;
                    self.nl_skip = saved;
                    t = TypeExpr::Other(span(start, self.last_end));
                }
                T::Question => {
                    self.bump();
                    t = TypeExpr::Nullable(Box::new(t));
                }
                T::Bang => {
                    // `T!`: the non-nullable form of `T`.
                    self.bump();
                    t = match t {
                        TypeExpr::Nullable(inner) => *inner,
                        _ => TypeExpr::Other(span(start, self.last_end)),
                    };
                }
                T::Dot => {
                    self.bump();
                    if self.eat(T::Star) {
                        t = TypeExpr::Other(span(start, self.last_end));
                        continue;
                    }
                    let n = self.ident("a type or property name after '.'")?;
                    t = match t {
                        TypeExpr::Named(mut q) => {
                            q.push('.');
                            q.push_str(&n.name);
                            TypeExpr::Named(q)
                        }
                        _ => TypeExpr::Other(span(start, self.last_end)),
                    };
                    if self.at(T::Lt) {
                        self.skip_type_args()?;
                        t = TypeExpr::Other(span(start, self.last_end));
                    }
                }
                _ => {
                    self.depth = depth;
                    return Ok(t);
                }
            }
        }
    }

    /// Skips `<...>` type arguments of a parameterized type.
    fn skip_type_args(&mut self) -> PResult<()> {
        self.expect(T::Lt, "'<'")?;
        let saved = std::mem::replace(&mut self.nl_skip, true);
        if !self.eat(T::Gt) {
            loop {
                self.ty()?;
                if self.eat(T::Comma) {
                    continue;
                }
                self.expect(T::Gt, "',' or '>' after the type argument")?;
                break;
            }
        }
        self.nl_skip = saved;
        Ok(())
    }

    fn primary_ty(&mut self) -> PResult<TypeExpr> {
        let t = self.peek();
        match t.t {
            T::Ident => self.named_ty(),
            T::Int | T::True | T::False | T::Null | T::Str(Piece::Complete, _) => {
                Ok(TypeExpr::Literal(self.primary()?))
            }
            T::Minus if self.raw(self.pos + 1).t == T::Int => Ok(TypeExpr::Literal(self.unary()?)),
            T::Bang if matches!(self.raw(self.pos + 1).t, T::True | T::False) => {
                Ok(TypeExpr::Literal(self.unary()?))
            }
            T::LBrace => self.object_ty(),
            T::LBracket => self.tuple_ty(),
            T::LParen => self.paren_ty(),
            _ => Err(self.error(t, "a type")),
        }
    }

    /// `string`, `myType`, `resourceInput<'T'>`, `Generic<...>`.
    fn named_ty(&mut self) -> PResult<TypeExpr> {
        let t = self.bump();
        let name = self.text(t);
        if matches!(name, "resourceInput" | "resourceOutput" | "resource") && self.at(T::Lt) {
            self.bump();
            let saved = std::mem::replace(&mut self.nl_skip, true);
            let s = self.str_lit("a resource type string")?;
            self.expect(T::Gt, "'>' after the resource type string")?;
            self.nl_skip = saved;
            return Ok(TypeExpr::Resource(s.value));
        }
        if self.at(T::Lt) {
            self.skip_type_args()?;
            return Ok(TypeExpr::Other(span(t.start, self.last_end)));
        }
        Ok(TypeExpr::Named(name.to_string()))
    }

    fn paren_ty(&mut self) -> PResult<TypeExpr> {
        self.bump();
        let saved = std::mem::replace(&mut self.nl_skip, true);
        let inner = self.ty()?;
        self.expect(T::RParen, "')' after the type")?;
        self.nl_skip = saved;
        Ok(inner)
    }

    /// Decorators before an object type property or tuple item (not kept).
    fn skip_item_decorators(&mut self) -> PResult<()> {
        while self.at(T::At) {
            self.decorator()?;
            // The formatter writes single-line `[@d(), T]`.
            self.eat(T::Comma);
            self.skip_nl();
        }
        Ok(())
    }

    /// After an item of a multi-line or single-line object type or tuple: a comma, a
    /// new line or the closing bracket.
    fn ty_separator(&mut self, close: T, what: &str) -> PResult<()> {
        let t = self.peek();
        if t.t == T::Comma {
            self.bump();
        } else if t.t != T::NewLine && t.t != close {
            return Err(self.error(t, what));
        }
        Ok(())
    }

    fn object_ty(&mut self) -> PResult<TypeExpr> {
        self.bump();
        let saved = std::mem::replace(&mut self.nl_skip, false);
        let mut props = Vec::new();
        while self.object_ty_prop(&mut props)? {}
        self.nl_skip = saved;
        Ok(TypeExpr::Object(props))
    }

    /// One property of an object type; false at the closing `}` (consumed).
    fn object_ty_prop(&mut self, props: &mut Vec<(String, bool, TypeExpr)>) -> PResult<bool> {
        self.skip_nl();
        if self.eat(T::RBrace) {
            return Ok(false);
        }
        self.skip_item_decorators()?;
        let k = self.peek();
        let key = match k.t {
            T::Ident | T::True | T::False | T::Null => self.text(k).to_string(),
            T::Str(Piece::Complete, m) => self.piece_value(k, Piece::Complete, m),
            T::Star => "*".to_string(),
            _ => return Err(self.error(k, "a property name or '}'")),
        };
        self.bump();
        let optional = self.eat(T::Question);
        self.expect(T::Colon, "':' after the property name")?;
        let ty = self.ty()?;
        let optional = optional || matches!(ty, TypeExpr::Nullable(_));
        props.push((key, optional, ty));
        self.ty_separator(
            T::RBrace,
            "',' or a new line after the property type, or '}'",
        )?;
        Ok(true)
    }

    fn tuple_ty(&mut self) -> PResult<TypeExpr> {
        let open = self.bump();
        let saved = std::mem::replace(&mut self.nl_skip, false);
        while self.tuple_item()? {}
        self.nl_skip = saved;
        Ok(TypeExpr::Other(span(open.start, self.last_end)))
    }

    /// One tuple item; false at the closing `]` (consumed).
    fn tuple_item(&mut self) -> PResult<bool> {
        self.skip_nl();
        if self.eat(T::RBracket) {
            return Ok(false);
        }
        self.skip_item_decorators()?;
        self.ty()?;
        self.ty_separator(
            T::RBracket,
            "',' or a new line after the tuple item, or ']'",
        )?;
        Ok(true)
    }
}

/// A union; one with a nullable member is a nullable union.
fn union_of(members: Vec<TypeExpr>) -> TypeExpr {
    if !members.iter().any(|m| matches!(m, TypeExpr::Nullable(_))) {
        return TypeExpr::Union(members);
    }
    let members = members
        .into_iter()
        .map(|m| match m {
            TypeExpr::Nullable(inner) => *inner,
            other => other,
        })
        .collect();
    TypeExpr::Nullable(Box::new(TypeExpr::Union(members)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(src: &str) -> Program {
        match parse(src) {
            Ok(p) => p,
            Err(e) => panic!(
                "unexpected error {e:?} at {:?}",
                src.get(e.offset..)
                    .map(|s| s.chars().take(40).collect::<String>())
            ),
        }
    }

    fn err(src: &str) -> SyntaxError {
        match parse(src) {
            Ok(p) => panic!("expected an error, parsed {p:?}"),
            Err(e) => e,
        }
    }

    fn one(src: &str) -> Decl {
        let p = ok(src);
        assert_eq!(p.decls.len(), 1, "{p:?}");
        p.decls.into_iter().next().unwrap()
    }

    /// The value of `var x = <src>`.
    fn ex(src: &str) -> Expr {
        match one(&format!("var x = {src}\n")).kind {
            DeclKind::Var { value, .. } => value,
            other => panic!("{other:?}"),
        }
    }

    fn slice(src: &str, s: Span) -> &str {
        &src[s.start..s.end]
    }

    /// A compact rendering of an expression, to assert on structure.
    fn sx(e: &Expr) -> String {
        let list = |xs: &[Expr]| xs.iter().map(sx).collect::<Vec<_>>().join(" ");
        match &e.kind {
            ExprKind::Null => "null".into(),
            ExprKind::Bool(b) => b.to_string(),
            ExprKind::Int(i) => i.to_string(),
            ExprKind::String(parts) => {
                let mut s = String::from("\"");
                for p in parts {
                    match p {
                        StrPart::Lit(l) => s.push_str(l),
                        StrPart::Expr(x) => s.push_str(&format!("{{{}}}", sx(x))),
                    }
                }
                s.push('"');
                s
            }
            ExprKind::Array(xs) => format!("[{}]", list(xs)),
            ExprKind::Object(items) => {
                let items: Vec<String> = items
                    .iter()
                    .map(|i| match i {
                        ObjItem::Prop { key, value, .. } => format!("{key}:{}", sx(value)),
                        ObjItem::Spread(x) => format!("...{}", sx(x)),
                        ObjItem::Resource(d) => format!("resource {:?}", d.kind),
                    })
                    .collect();
                format!("{{{}}}", items.join(" "))
            }
            ExprKind::Ident(n) => n.clone(),
            ExprKind::Member { target, name, safe } => {
                format!("{}.{}{name}", sx(target), if *safe { "?" } else { "" })
            }
            ExprKind::Index {
                target,
                index,
                safe,
                from_end,
            } => format!(
                "{}[{}{}{}]",
                sx(target),
                if *safe { "?" } else { "" },
                if *from_end { "^" } else { "" },
                sx(index)
            ),
            ExprKind::Call {
                namespace,
                name,
                args,
            } => match namespace {
                Some(ns) => format!("{ns}::{name}({})", list(args)),
                None => format!("{name}({})", list(args)),
            },
            ExprKind::MethodCall { target, name, args } => {
                format!("{}.{name}({})", sx(target), list(args))
            }
            ExprKind::Unary { op, expr } => format!("({op:?} {})", sx(expr)),
            ExprKind::Binary { op, lhs, rhs } => format!("({op:?} {} {})", sx(lhs), sx(rhs)),
            ExprKind::Ternary { cond, then, els } => {
                format!("(? {} {} {})", sx(cond), sx(then), sx(els))
            }
            ExprKind::NonNull(x) => format!("{}!", sx(x)),
            ExprKind::Lambda { params, body } => format!("(\\{} {})", params.join(","), sx(body)),
            ExprKind::If { cond, body } => format!("(if {} {})", sx(cond), sx(body)),
            ExprKind::For {
                item,
                index,
                iterable,
                body,
            } => format!(
                "(for {item}{} {} {})",
                index.as_ref().map(|i| format!(",{i}")).unwrap_or_default(),
                sx(iterable),
                sx(body)
            ),
            ExprKind::Spread(x) => format!("...{}", sx(x)),
            ExprKind::ResourceAccess { target, name } => format!("{}::{name}", sx(target)),
        }
    }

    fn value_of(d: &Decl) -> &Expr {
        match &d.kind {
            DeclKind::Resource { value, .. }
            | DeclKind::Module { value, .. }
            | DeclKind::Var { value, .. }
            | DeclKind::Output { value, .. }
            | DeclKind::Metadata { value, .. }
            | DeclKind::Assert { value, .. } => value,
            DeclKind::TargetScope(v) => v,
            other => panic!("no value: {other:?}"),
        }
    }

    fn props(e: &Expr) -> Vec<(&str, &Expr)> {
        match &e.kind {
            ExprKind::Object(items) => items
                .iter()
                .filter_map(|i| match i {
                    ObjItem::Prop { key, value, .. } => Some((key.as_str(), value)),
                    _ => None,
                })
                .collect(),
            other => panic!("not an object: {other:?}"),
        }
    }

    fn prop<'e>(e: &'e Expr, key: &str) -> &'e Expr {
        props(e)
            .into_iter()
            .find(|(k, _)| *k == key)
            .map(|(_, v)| v)
            .unwrap_or_else(|| panic!("no property {key}"))
    }

    fn s(v: &str) -> String {
        format!("\"{v}\"")
    }

    // ----- declarations ---------------------------------------------------

    #[test]
    fn target_scope() {
        let d = one("targetScope = 'subscription'\n");
        assert_eq!(sx(value_of(&d)), s("subscription"));
        assert_eq!(d.span, Span::new(0, 28));
    }

    #[test]
    fn metadata() {
        let p = ok("metadata name = 'Storage'\nmetadata info = {\n  owner: 'platform'\n}\n");
        match &p.decls[0].kind {
            DeclKind::Metadata { name, value } => {
                assert_eq!(name.name, "name");
                assert_eq!(sx(value), s("Storage"));
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(sx(value_of(&p.decls[1])), "{owner:\"platform\"}");
    }

    #[test]
    fn params_with_types_and_defaults() {
        let src = "param location string = resourceGroup().location\nparam count int = 3\nparam enabled bool = true\nparam tags object = {}\nparam zones array = []\nparam noDefault string\n";
        let p = ok(src);
        let got: Vec<(String, Option<TypeExpr>, Option<String>)> = p
            .decls
            .iter()
            .map(|d| match &d.kind {
                DeclKind::Param { name, ty, default } => {
                    (name.name.clone(), ty.clone(), default.as_ref().map(sx))
                }
                other => panic!("{other:?}"),
            })
            .collect();
        let named = |n: &str| Some(TypeExpr::Named(n.into()));
        assert_eq!(
            got,
            vec![
                (
                    "location".into(),
                    named("string"),
                    Some("resourceGroup().location".into())
                ),
                ("count".into(), named("int"), Some("3".into())),
                ("enabled".into(), named("bool"), Some("true".into())),
                ("tags".into(), named("object"), Some("{}".into())),
                ("zones".into(), named("array"), Some("[]".into())),
                ("noDefault".into(), named("string"), None),
            ]
        );
    }

    #[test]
    fn param_decorators() {
        let src = "@description('The SKU.')\n@allowed([\n  'Standard_LRS'\n  'Premium_LRS'\n])\nparam sku string = 'Standard_LRS'\n\n@secure()\nparam password string\n\n@minValue(1)\n@maxValue(10)\n@sys.description('Count')\nparam count int\n";
        let p = ok(src);
        let names: Vec<Vec<&str>> = p
            .decls
            .iter()
            .map(|d| d.decorators.iter().map(|x| x.name.as_str()).collect())
            .collect();
        assert_eq!(
            names,
            vec![
                vec!["description", "allowed"],
                vec!["secure"],
                vec!["minValue", "maxValue", "sys.description"]
            ]
        );
        let d0 = &p.decls[0];
        assert_eq!(sx(&d0.decorators[0].args[0]), s("The SKU."));
        assert_eq!(
            sx(&d0.decorators[1].args[0]),
            "[\"Standard_LRS\" \"Premium_LRS\"]"
        );
        assert_eq!(
            slice(src, d0.decorators[0].span),
            "@description('The SKU.')"
        );
        // The declaration's span starts at its first decorator.
        assert_eq!(d0.span.start, 0);
        assert!(slice(src, d0.span).ends_with("param sku string = 'Standard_LRS'"));
        assert!(p.decls[1].decorators[0].args.is_empty());
        assert_eq!(sx(&p.decls[2].decorators[0].args[0]), "1");
    }

    fn param_ty(src: &str) -> TypeExpr {
        match one(src).kind {
            DeclKind::Param { ty: Some(t), .. } => t,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn param_type_expressions() {
        assert_eq!(
            param_ty("param cfg storageConfigType\n"),
            TypeExpr::Named("storageConfigType".into())
        );
        assert_eq!(
            param_ty("param cfg types.storageConfigType\n"),
            TypeExpr::Named("types.storageConfigType".into())
        );
        assert_eq!(
            param_ty("param props resourceInput<'Microsoft.Storage/storageAccounts@2023-05-01'>\n"),
            TypeExpr::Resource("Microsoft.Storage/storageAccounts@2023-05-01".into())
        );
        assert_eq!(
            param_ty("param out resourceOutput<'Microsoft.Web/sites@2023-01-01'>\n"),
            TypeExpr::Resource("Microsoft.Web/sites@2023-01-01".into())
        );
        assert!(matches!(
            param_ty("param p resourceInput<'Microsoft.Web/sites@2023-01-01'>.properties\n"),
            TypeExpr::Other(_)
        ));
        assert_eq!(
            param_ty("param kv resource 'Microsoft.KeyVault/vaults@2023-07-01'\n"),
            TypeExpr::Resource("Microsoft.KeyVault/vaults@2023-07-01".into())
        );
        assert_eq!(
            param_ty("param name string?\n"),
            TypeExpr::Nullable(Box::new(TypeExpr::Named("string".into())))
        );
        assert_eq!(
            param_ty("param names string[]\n"),
            TypeExpr::Array(Box::new(TypeExpr::Named("string".into())))
        );
        match param_ty("param tier 'Basic' | 'Standard' | 'Premium' = 'Basic'\n") {
            TypeExpr::Union(m) => {
                assert_eq!(m.len(), 3);
                assert!(matches!(&m[1], TypeExpr::Literal(e) if sx(e) == s("Standard")));
            }
            other => panic!("{other:?}"),
        }
        match param_ty("param level 1 | 2 | -1\n") {
            TypeExpr::Union(m) => {
                assert!(matches!(&m[2], TypeExpr::Literal(e) if sx(e) == "-1"));
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(
            param_ty("param cfg { a: string, b?: int, c: bool? }\n"),
            TypeExpr::Object(vec![
                ("a".into(), false, TypeExpr::Named("string".into())),
                ("b".into(), true, TypeExpr::Named("int".into())),
                (
                    "c".into(),
                    true,
                    TypeExpr::Nullable(Box::new(TypeExpr::Named("bool".into())))
                ),
            ])
        );
        assert_eq!(
            param_ty("param xs { name: string }[]\n"),
            TypeExpr::Array(Box::new(TypeExpr::Object(vec![(
                "name".into(),
                false,
                TypeExpr::Named("string".into())
            )])))
        );
        assert!(matches!(
            param_ty("param pair [string, int]\n"),
            TypeExpr::Other(_)
        ));
        assert_eq!(
            param_ty("param s sys.string\n"),
            TypeExpr::Named("sys.string".into())
        );
    }

    #[test]
    fn multi_line_union_and_object_type() {
        let src = "@export()\ntype config = {\n  @description('Optional. The SKU.')\n  sku:\n    | 'Standard_LRS'\n    | 'Premium_LRS'?\n\n  'quoted-key': int\n\n  *: string\n}\n";
        match one(src).kind {
            DeclKind::Type {
                ty: TypeExpr::Object(props),
                ..
            } => {
                assert_eq!(props.len(), 3);
                assert_eq!(props[0].0, "sku");
                assert!(props[0].1, "a nullable union is optional");
                assert!(
                    matches!(&props[0].2, TypeExpr::Nullable(u) if matches!(&**u, TypeExpr::Union(m) if m.len() == 2))
                );
                assert_eq!(props[1].0, "quoted-key");
                assert_eq!(props[2].0, "*");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn bicepparam_file() {
        let src = "using './main.bicep'\n\nparam location = 'westeurope'\nparam tags = {\n  env: 'prod'\n}\nparam count = 2 + 1\nvar prefix = 'lz'\nparam name = '${prefix}-app'\nimport { shared } from 'shared.bicep'\n";
        let p = ok(src);
        match &p.decls[0].kind {
            DeclKind::Using { path: Some(path) } => {
                assert_eq!(path.value, "./main.bicep");
                assert_eq!(slice(src, path.span), "'./main.bicep'");
            }
            other => panic!("{other:?}"),
        }
        match &p.decls[1].kind {
            DeclKind::Param { name, ty, default } => {
                assert_eq!(name.name, "location");
                assert!(ty.is_none());
                assert_eq!(default.as_ref().map(sx), Some(s("westeurope")));
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(p.decls.len(), 7);
        assert!(matches!(
            one("using none\n").kind,
            DeclKind::Using { path: None }
        ));
        assert!(matches!(
            one("using 'br/public:avm/res/storage/storage-account:0.9.0' with {\n  mode: 'stack'\n}\n").kind,
            DeclKind::Using { path: Some(_) }
        ));
        assert!(matches!(
            one("extends '../shared.bicepparam'\n").kind,
            DeclKind::Import { .. }
        ));
    }

    #[test]
    fn variables() {
        let d = one("var name = 'st${uniqueString(resourceGroup().id)}'\n");
        match &d.kind {
            DeclKind::Var { name, ty, value } => {
                assert_eq!(name.name, "name");
                assert!(ty.is_none());
                assert_eq!(sx(value), "\"st{uniqueString(resourceGroup().id)}\"");
            }
            other => panic!("{other:?}"),
        }
        match one("var names string[] = ['a', 'b']\n").kind {
            DeclKind::Var { ty, .. } => assert_eq!(
                ty,
                Some(TypeExpr::Array(Box::new(TypeExpr::Named("string".into()))))
            ),
            other => panic!("{other:?}"),
        }
        match one("var x string = 'a'\n").kind {
            DeclKind::Var { ty, .. } => assert_eq!(ty, Some(TypeExpr::Named("string".into()))),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn resource_with_body() {
        let src = "resource sa 'Microsoft.Storage/storageAccounts@2023-05-01' = {\n  name: storageName\n  location: location\n  sku: {\n    name: 'Standard_LRS'\n  }\n  kind: 'StorageV2'\n  properties: {\n    minimumTlsVersion: 'TLS1_2'\n    supportsHttpsTrafficOnly: true\n  }\n}\n";
        let d = one(src);
        match &d.kind {
            DeclKind::Resource {
                name,
                type_string,
                existing,
                value,
            } => {
                assert_eq!(name.name, "sa");
                assert_eq!(slice(src, name.span), "sa");
                assert_eq!(
                    type_string.value,
                    "Microsoft.Storage/storageAccounts@2023-05-01"
                );
                assert!(!existing);
                assert_eq!(sx(prop(value, "sku")), "{name:\"Standard_LRS\"}");
                assert_eq!(
                    sx(prop(prop(value, "properties"), "minimumTlsVersion")),
                    s("TLS1_2")
                );
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(slice(src, d.span), src.trim_end());
    }

    #[test]
    fn resource_body_spans_slice_back_to_source() {
        let src = "resource sa 'Microsoft.Storage/storageAccounts@2023-05-01' = {\n  name: 'st${suffix}'\n  'location': location\n  properties: {\n    allowBlobPublicAccess: false\n    networkAcls: { defaultAction: 'Deny', bypass: 'AzureServices' }\n    encryption: contains(props, 'enc') ? props.enc : null\n  }\n}\n";
        let d = one(src);
        let value = value_of(&d);
        let ExprKind::Object(items) = &value.kind else {
            panic!("{value:?}")
        };
        let mut seen = Vec::new();
        for item in items {
            let ObjItem::Prop {
                key,
                key_span,
                value,
            } = item
            else {
                panic!("{item:?}")
            };
            seen.push((
                key.clone(),
                slice(src, *key_span).to_string(),
                slice(src, value.span).to_string(),
            ));
        }
        assert_eq!(
            seen,
            vec![
                ("name".into(), "name".into(), "'st${suffix}'".into()),
                ("location".into(), "'location'".into(), "location".into()),
                (
                    "properties".into(),
                    "properties".into(),
                    "{\n    allowBlobPublicAccess: false\n    networkAcls: { defaultAction: 'Deny', bypass: 'AzureServices' }\n    encryption: contains(props, 'enc') ? props.enc : null\n  }".into()
                ),
            ]
        );
        let p = prop(value, "properties");
        assert_eq!(slice(src, prop(p, "allowBlobPublicAccess").span), "false");
        let acls = prop(p, "networkAcls");
        assert_eq!(slice(src, prop(acls, "bypass").span), "'AzureServices'");
        let enc = prop(p, "encryption");
        assert_eq!(
            slice(src, enc.span),
            "contains(props, 'enc') ? props.enc : null"
        );
        let ExprKind::Ternary { then, .. } = &enc.kind else {
            panic!()
        };
        assert_eq!(slice(src, then.span), "props.enc");
    }

    #[test]
    fn existing_resource() {
        match one("resource kv 'Microsoft.KeyVault/vaults@2023-07-01' existing = {\n  name: kvName\n  scope: resourceGroup(rgName)\n}\n").kind {
            DeclKind::Resource { existing, value, .. } => {
                assert!(existing);
                assert_eq!(sx(prop(&value, "scope")), "resourceGroup(rgName)");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn conditional_resource() {
        let d = one("resource pip 'Microsoft.Network/publicIPAddresses@2023-09-01' = if (deployPip && env == 'prod') {\n  name: 'pip'\n}\n");
        assert_eq!(
            sx(value_of(&d)),
            "(if (And deployPip (Eq env \"prod\")) {name:\"pip\"})"
        );
        // `= if` may continue on the next line.
        let d = one("resource pip 'Microsoft.Network/publicIPAddresses@2023-09-01' =\n  if (deploy) {\n  name: 'pip'\n}\n");
        assert!(matches!(value_of(&d).kind, ExprKind::If { .. }));
    }

    #[test]
    fn resource_loops() {
        let d = one("resource subnets 'Microsoft.Network/virtualNetworks/subnets@2023-09-01' = [for s in subnetList: {\n  name: s.name\n  parent: vnet\n}]\n");
        assert_eq!(
            sx(value_of(&d)),
            "(for s subnetList {name:s.name parent:vnet})"
        );
        let d = one("resource nsgs 'Microsoft.Network/networkSecurityGroups@2023-09-01' = [for (nsg, i) in nsgList: if (nsg.enabled) {\n  name: '${nsg.name}-${i}'\n}]\n");
        assert_eq!(
            sx(value_of(&d)),
            "(for nsg,i nsgList (if nsg.enabled {name:\"{nsg.name}-{i}\"}))"
        );
        let d = one("resource locks 'Microsoft.Authorization/locks@2020-05-01' = [\n  for lock in locks: {\n    name: lock\n  }\n]\n");
        assert!(matches!(value_of(&d).kind, ExprKind::For { .. }));
        let d = one("@batchSize(2)\nresource r 'Microsoft.Web/sites@2023-01-01' = [for i in range(0, 3): {\n  name: 'app${i}'\n}]\n");
        assert_eq!(d.decorators[0].name, "batchSize");
    }

    #[test]
    fn nested_child_resources_parent_and_scope() {
        let src = "resource sa 'Microsoft.Storage/storageAccounts@2023-05-01' = {\n  name: 'st'\n  location: location\n\n  resource blob 'blobServices' = {\n    name: 'default'\n\n    @description('Logs container')\n    resource logs 'containers@2023-05-01' = {\n      name: 'logs'\n    }\n  }\n}\n\nresource c2 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {\n  parent: sa::blob\n  name: 'c2'\n}\n\nresource ra 'Microsoft.Authorization/roleAssignments@2022-04-01' = {\n  scope: sa\n  name: guid(sa.id)\n  properties: {\n    principalId: sa::blob::logs.id\n  }\n}\n";
        let p = ok(src);
        assert_eq!(p.decls.len(), 3);
        let ExprKind::Object(items) = &value_of(&p.decls[0]).kind else {
            panic!()
        };
        let child = items
            .iter()
            .find_map(|i| match i {
                ObjItem::Resource(d) => Some(d),
                _ => None,
            })
            .unwrap();
        match &child.kind {
            DeclKind::Resource {
                name,
                type_string,
                value,
                ..
            } => {
                assert_eq!(name.name, "blob");
                assert_eq!(type_string.value, "blobServices");
                let ExprKind::Object(inner) = &value.kind else {
                    panic!()
                };
                let grandchild = inner
                    .iter()
                    .find_map(|i| match i {
                        ObjItem::Resource(d) => Some(d),
                        _ => None,
                    })
                    .unwrap();
                assert_eq!(grandchild.decorators[0].name, "description");
                assert!(slice(src, grandchild.span).starts_with("@description"));
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(sx(prop(value_of(&p.decls[1]), "parent")), "sa::blob");
        let ra = value_of(&p.decls[2]);
        assert_eq!(sx(prop(ra, "scope")), "sa");
        assert_eq!(
            sx(prop(prop(ra, "properties"), "principalId")),
            "sa::blob::logs.id"
        );
        // `resource` is still usable as a property name.
        let e = ex("{\n  resource: 'x'\n  type: 'y'\n}");
        assert_eq!(sx(&e), "{resource:\"x\" type:\"y\"}");
    }

    #[test]
    fn modules() {
        let src = "module net './modules/network.bicep' = {\n  name: 'net'\n  params: {\n    location: location\n  }\n}\nmodule sa 'br/public:avm/res/storage/storage-account:0.9.0' = {\n  name: 'sa'\n}\nmodule acr 'br:myregistry.azurecr.io/bicep/modules/acr:v1' = if (deployAcr) {\n  name: 'acr'\n}\nmodule spec 'ts:00000000-0000-0000-0000-000000000000/rg/spec:1.0' = {\n  name: 'spec'\n  scope: resourceGroup(otherRg)\n}\nmodule many './m.bicep' = [for (r, i) in regions: {\n  name: 'm${i}'\n  params: {\n    region: r\n  }\n}]\n";
        let p = ok(src);
        let paths: Vec<&str> = p
            .decls
            .iter()
            .map(|d| match &d.kind {
                DeclKind::Module { path, .. } => path.value.as_str(),
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(
            paths,
            vec![
                "./modules/network.bicep",
                "br/public:avm/res/storage/storage-account:0.9.0",
                "br:myregistry.azurecr.io/bicep/modules/acr:v1",
                "ts:00000000-0000-0000-0000-000000000000/rg/spec:1.0",
                "./m.bicep"
            ]
        );
        assert!(matches!(value_of(&p.decls[2]).kind, ExprKind::If { .. }));
        assert!(matches!(
            value_of(&p.decls[4]).kind,
            ExprKind::For { index: Some(_), .. }
        ));
    }

    #[test]
    fn outputs() {
        let src = "output id string = sa.id\noutput endpoints object = sa.properties.primaryEndpoints\noutput names string[] = [for s in subnets: s.name]\noutput maybe string? = sa.?tags.?owner\noutput kv resource 'Microsoft.KeyVault/vaults@2023-07-01' = kv\n@description('The config.')\noutput cfg configType = cfg\n";
        let p = ok(src);
        let tys: Vec<Option<TypeExpr>> = p
            .decls
            .iter()
            .map(|d| match &d.kind {
                DeclKind::Output { ty, .. } => ty.clone(),
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(tys[0], Some(TypeExpr::Named("string".into())));
        assert_eq!(
            tys[2],
            Some(TypeExpr::Array(Box::new(TypeExpr::Named("string".into()))))
        );
        assert_eq!(
            tys[4],
            Some(TypeExpr::Resource(
                "Microsoft.KeyVault/vaults@2023-07-01".into()
            ))
        );
        assert_eq!(sx(value_of(&p.decls[2])), "(for s subnets s.name)");
        assert_eq!(sx(value_of(&p.decls[3])), "sa.?tags.?owner");
        assert_eq!(p.decls[5].decorators[0].name, "description");
    }

    #[test]
    fn imports() {
        let src = "import * as types from 'types.bicep'\nimport { storageType, netType as nt } from './shared/types.bicep'\nimport {\n  a\n  b as c\n} from 'br/public:avm/utl/types/avm-common-types:0.5.1'\nimport 'az@1.0.0'\nimport 'kubernetes@1.0.0' with {\n  namespace: 'default'\n} as k8s\n";
        let p = ok(src);
        let texts: Vec<&str> = p
            .decls
            .iter()
            .map(|d| match &d.kind {
                DeclKind::Import { text } => text.as_str(),
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(texts[0], "import * as types from 'types.bicep'");
        assert_eq!(
            texts[1],
            "import { storageType, netType as nt } from './shared/types.bicep'"
        );
        assert!(texts[2].starts_with("import {\n  a\n") && texts[2].ends_with(":0.5.1'"));
        assert_eq!(texts[3], "import 'az@1.0.0'");
        assert!(texts[4].ends_with("} as k8s"));
    }

    #[test]
    fn extensions_and_providers() {
        let src = "extension microsoftGraphV1\nextension 'br:mcr.microsoft.com/bicep/extensions/microsoftgraph/v1.0:0.1.8-preview' as graph\nextension kubernetes with {\n  namespace: 'default'\n  kubeConfig: kubeConfig\n} as k8s\nprovider microsoftGraph\n";
        let p = ok(src);
        assert_eq!(p.decls.len(), 4);
        for d in &p.decls {
            assert!(matches!(d.kind, DeclKind::Extension { .. }), "{d:?}");
        }
        match &p.decls[2].kind {
            DeclKind::Extension { text } => {
                assert!(text.starts_with("extension kubernetes with {") && text.ends_with("as k8s"))
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            one("extensionConfig k8s with {\n  namespace: 'x'\n}\n").kind,
            DeclKind::Extension { .. }
        ));
    }

    #[test]
    fn type_declarations() {
        let src = "@export()\n@sealed()\n@description('A subnet.')\ntype subnetType = {\n  name: string\n  addressPrefix: string\n  @minLength(1)\n  delegations: string[]?\n}\n\n@discriminator('kind')\ntype petType = catType | dogType\n\ntype env = 'dev' | 'test' | 'prod'\ntype maybeInt = int?\ntype tuple = [\n  string\n  int\n]\n";
        let p = ok(src);
        assert_eq!(p.decls.len(), 5);
        let names: Vec<&str> = p.decls[0]
            .decorators
            .iter()
            .map(|d| d.name.as_str())
            .collect();
        assert_eq!(names, vec!["export", "sealed", "description"]);
        match &p.decls[0].kind {
            DeclKind::Type {
                name,
                ty: TypeExpr::Object(props),
            } => {
                assert_eq!(name.name, "subnetType");
                assert_eq!(props.len(), 3);
                assert!(props[2].1);
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(sx(&p.decls[1].decorators[0].args[0]), s("kind"));
        assert!(matches!(
            &p.decls[1].kind,
            DeclKind::Type { ty: TypeExpr::Union(m), .. } if m == &vec![TypeExpr::Named("catType".into()), TypeExpr::Named("dogType".into())]
        ));
        assert!(matches!(
            &p.decls[4].kind,
            DeclKind::Type {
                ty: TypeExpr::Other(_),
                ..
            }
        ));
    }

    #[test]
    fn functions() {
        let src = "@export()\nfunc buildName(prefix string, index int) string => '${prefix}-${padLeft(index, 3, '0')}'\n\nfunc noArgs() object => {\n  a: 1\n}\n";
        let p = ok(src);
        match &p.decls[0].kind {
            DeclKind::Func {
                name,
                params,
                ret,
                body,
            } => {
                assert_eq!(name.name, "buildName");
                assert_eq!(params.len(), 2);
                assert_eq!(params[0].0.name, "prefix");
                assert_eq!(params[1].1, TypeExpr::Named("int".into()));
                assert_eq!(ret, &Some(TypeExpr::Named("string".into())));
                assert_eq!(sx(body), "\"{prefix}-{padLeft(index 3 \"0\")}\"");
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(p.decls[0].decorators[0].name, "export");
        assert!(matches!(&p.decls[1].kind, DeclKind::Func { params, .. } if params.is_empty()));
    }

    #[test]
    fn asserts() {
        let d = one("assert nameIsShort = length(name) <= 24\n");
        match &d.kind {
            DeclKind::Assert { name, value } => {
                assert_eq!(name.name, "nameIsShort");
                assert_eq!(sx(value), "(Le length(name) 24)");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn comments_and_pragmas() {
        let src = "// leading comment\n/* block\n   comment */\nparam a string // trailing\n\n#disable-next-line no-unused-vars\nvar b = /* inline */ 'x'\nvar c = [\n  'one' // first\n  /* second */ 'two'\n]\n/* a block comment\n spanning lines */ var d = 1\n";
        let p = ok(src);
        assert_eq!(p.decls.len(), 4);
        assert_eq!(sx(value_of(&p.decls[2])), "[\"one\" \"two\"]");
    }

    #[test]
    fn decorators_on_every_declaration_kind() {
        let src = "@description('p')\nparam p string\n@description('v')\nvar v = 1\n@description('r')\nresource r 'Microsoft.Web/sites@2023-01-01' = {\n  name: 'r'\n}\n@description('m')\nmodule m './m.bicep' = {\n  name: 'm'\n}\n@description('o')\noutput o string = 'o'\n@description('t')\ntype t = string\n@description('f')\nfunc f() string => 'f'\n@description('i')\nimport { x } from 'x.bicep'\n@description('e')\nextension graph\n@description('a')\nassert a = true\n@description('md')\nmetadata md = 1\n";
        let p = ok(src);
        assert_eq!(p.decls.len(), 11);
        for d in &p.decls {
            assert_eq!(d.decorators.len(), 1, "{d:?}");
            assert_eq!(d.decorators[0].name, "description");
            assert!(slice(src, d.span).starts_with("@description("));
        }
    }

    #[test]
    fn test_declarations() {
        let d = one("test t1 'main.bicep' = {\n  params: {\n    env: 'prod'\n  }\n}\n");
        assert!(matches!(d.kind, DeclKind::Test { .. }));
    }

    // ----- expressions ----------------------------------------------------

    #[test]
    fn string_escapes() {
        let e = ex(r"'it\'s \\ a\n\r\t \$x \${notInterp} \u{1F600} \u{D83D}\u{DE00}'");
        assert_eq!(
            e.kind,
            ExprKind::String(vec![StrPart::Lit(
                "it's \\ a\n\r\t $x ${notInterp} \u{1F600} \u{1F600}".into()
            )])
        );
        assert_eq!(
            ex("''").kind,
            ExprKind::String(vec![StrPart::Lit(String::new())])
        );
        let e = ex("'日本語 ${name}'");
        assert_eq!(sx(&e), "\"日本語 {name}\"");
    }

    #[test]
    fn string_interpolation() {
        let src = "var x = 'pre-${a}-mid-${toLower(b.c)}${'${nested}'}post'\n";
        let e = value_of(&one(src)).clone();
        assert_eq!(sx(&e), "\"pre-{a}-mid-{toLower(b.c)}{\"{nested}\"}post\"");
        let ExprKind::String(parts) = &e.kind else {
            panic!()
        };
        let StrPart::Expr(b) = &parts[3] else {
            panic!("{parts:?}")
        };
        assert_eq!(slice(src, b.span), "toLower(b.c)");
        // Objects inside a hole: braces nest.
        assert_eq!(
            sx(&ex("'${union({ a: 1 }, {})}x'")),
            "\"{union({a:1} {})}x\""
        );
    }

    #[test]
    fn multi_line_strings() {
        let e = ex("'''\nline one\n  it's ${raw} \\n\n'''");
        assert_eq!(
            e.kind,
            ExprKind::String(vec![StrPart::Lit("line one\n  it's ${raw} \\n\n".into())])
        );
        let e = ex("'''single'''");
        assert_eq!(sx(&e), s("single"));
        let e = ex("'''\r\nwindows\r\n'''");
        assert_eq!(sx(&e), s("windows\r\n"));
        // Extra quotes before the closing ''' belong to the string.
        assert_eq!(sx(&ex("'''a''''")), s("a'"));
    }

    #[test]
    fn interpolated_multi_line_strings() {
        let e = ex("$'''\nHello ${name},\n  cost: $5 {literal}\n'''");
        assert_eq!(sx(&e), "\"Hello {name},\n  cost: $5 {literal}\n\"");
        let e = ex("$$'''\n${notAHole} $${hole} $$${hole2}\n'''");
        assert_eq!(sx(&e), "\"${notAHole} {hole} ${hole2}\n\"");
        assert_eq!(sx(&ex("$''''''")), s(""));
        let e = ex("$'''abc${'def${123}'}_${{ a: 1 }.a}'''");
        assert_eq!(sx(&e), "\"abc{\"def{123}\"}_{{a:1}.a}\"");
    }

    #[test]
    fn literals() {
        assert_eq!(ex("42").kind, ExprKind::Int(42));
        assert_eq!(ex("-42").kind, ExprKind::Int(-42));
        assert_eq!(ex("-9223372036854775808").kind, ExprKind::Int(i64::MIN));
        assert_eq!(ex("true").kind, ExprKind::Bool(true));
        assert_eq!(ex("false").kind, ExprKind::Bool(false));
        assert_eq!(ex("null").kind, ExprKind::Null);
        let e = err("var x = 99999999999999999999\n");
        assert_eq!(e.offset, 8);
        assert!(e.message.contains("too large"), "{e}");
    }

    #[test]
    fn arrays() {
        assert_eq!(
            sx(&ex("[\n  'a'\n  'b'\n\n  'c'\n]")),
            "[\"a\" \"b\" \"c\"]"
        );
        assert_eq!(sx(&ex("['a', 'b', 'c']")), "[\"a\" \"b\" \"c\"]");
        assert_eq!(sx(&ex("['a', 'b',]")), "[\"a\" \"b\"]");
        assert_eq!(sx(&ex("[]")), "[]");
        assert_eq!(sx(&ex("['a', 'b'\n'c']")), "[\"a\" \"b\" \"c\"]");
        assert_eq!(
            sx(&ex("[\n  {\n    a: 1\n  }\n  [1, 2]\n]")),
            "[{a:1} [1 2]]"
        );
        assert_eq!(sx(&ex("[...base, 'extra']")), "[...base \"extra\"]");
        assert_eq!(sx(&ex("[\n  ...base\n  'extra'\n]")), "[...base \"extra\"]");
    }

    #[test]
    fn objects() {
        assert_eq!(
            sx(&ex(
                "{\n  a: 1\n  'b-c': 'x'\n\n  d: {\n    e: true\n  }\n}"
            )),
            "{a:1 b-c:\"x\" d:{e:true}}"
        );
        assert_eq!(sx(&ex("{ a: 1, b: 2 }")), "{a:1 b:2}");
        assert_eq!(sx(&ex("{ a: 1, b: 2, }")), "{a:1 b:2}");
        assert_eq!(sx(&ex("{}")), "{}");
        assert_eq!(
            sx(&ex("{\n  ...defaults\n  name: 'x'\n}")),
            "{...defaults name:\"x\"}"
        );
        assert_eq!(sx(&ex("{ ...a, b: 1 }")), "{...a b:1}");
        // An interpolated key keeps its source text.
        assert_eq!(sx(&ex("{\n  '${prefix}-key': 1\n}")), "{${prefix}-key:1}");
    }

    #[test]
    fn member_and_index_access() {
        assert_eq!(sx(&ex("a.b.c")), "a.b.c");
        assert_eq!(sx(&ex("a.?b.?c")), "a.?b.?c");
        assert_eq!(sx(&ex("a[0]['k']")), "a[0][\"k\"]");
        assert_eq!(sx(&ex("a[?0]")), "a[?0]");
        assert_eq!(sx(&ex("a[^1]")), "a[^1]");
        assert_eq!(sx(&ex("a[?^1]")), "a[?^1]");
        assert_eq!(sx(&ex("a!.b")), "a!.b");
        assert_eq!(sx(&ex("mod.outputs.ids[i]!")), "mod.outputs.ids[i]!");
        let src = "var x = sa.properties.primaryEndpoints.blob\n";
        let e = value_of(&one(src)).clone();
        assert_eq!(slice(src, e.span), "sa.properties.primaryEndpoints.blob");
        let ExprKind::Member { target, .. } = &e.kind else {
            panic!()
        };
        assert_eq!(slice(src, target.span), "sa.properties.primaryEndpoints");
    }

    #[test]
    fn calls() {
        assert_eq!(sx(&ex("concat('a', b)")), "concat(\"a\" b)");
        assert_eq!(sx(&ex("sys.concat('a')")), "sys::concat(\"a\")");
        assert_eq!(
            sx(&ex("az.resourceGroup().location")),
            "az::resourceGroup().location"
        );
        assert_eq!(
            sx(&ex("sa.listKeys().keys[0].value")),
            "sa.listKeys().keys[0].value"
        );
        assert_eq!(
            sx(&ex("sa.listKeys('2023-01-01', sa.apiVersion)")),
            "sa.listKeys(\"2023-01-01\" sa.apiVersion)"
        );
        assert_eq!(sx(&ex("any(x)")), "any(x)");
        assert_eq!(sx(&ex("utcNow()")), "utcNow()");
        assert_eq!(
            sx(&ex("union(\n  defaults,\n  {\n    a: 1\n  }\n)")),
            "union(defaults {a:1})"
        );
    }

    #[test]
    fn lambdas() {
        assert_eq!(
            sx(&ex("map(items, x => x.name)")),
            "map(items (\\x x.name))"
        );
        assert_eq!(
            sx(&ex("reduce(xs, 0, (cur, next) => cur + next)")),
            "reduce(xs 0 (\\cur,next (Add cur next)))"
        );
        assert_eq!(
            sx(&ex("sort(xs, (a, b) => a < b)")),
            "sort(xs (\\a,b (Lt a b)))"
        );
        assert_eq!(sx(&ex("() => 1")), "(\\ 1)");
        assert_eq!(
            sx(&ex("filter(xs, x => contains(x, 'y'))")),
            "filter(xs (\\x contains(x \"y\")))"
        );
        assert_eq!(
            sx(&ex("map(range(0, 2), i => {\n  idx: i\n})")),
            "map(range(0 2) (\\i {idx:i}))"
        );
    }

    #[test]
    fn ternaries() {
        assert_eq!(sx(&ex("a ? b : c")), "(? a b c)");
        assert_eq!(sx(&ex("a ? b : c ? d : e")), "(? a b (? c d e))");
        assert_eq!(sx(&ex("a == 1 ? 'x' : 'y'")), "(? (Eq a 1) \"x\" \"y\")");
        assert_eq!(
            sx(&ex("!empty(x)\n  ? {\n      a: 1\n    }\n  : null")),
            "(? (Not empty(x)) {a:1} null)"
        );
        let src = "resource r 'A/b@1' = {\n  name: cond\n    ? 'a'\n    : 'b'\n  other: 1\n}\n";
        let d = one(src);
        assert_eq!(sx(value_of(&d)), "{name:(? cond \"a\" \"b\") other:1}");
    }

    #[test]
    fn binary_precedence() {
        assert_eq!(sx(&ex("1 + 2 * 3")), "(Add 1 (Mul 2 3))");
        assert_eq!(sx(&ex("1 - 2 - 3")), "(Sub (Sub 1 2) 3)");
        assert_eq!(sx(&ex("a % 2 / 3")), "(Div (Mod a 2) 3)");
        assert_eq!(sx(&ex("a || b && c")), "(Or a (And b c))");
        assert_eq!(sx(&ex("a ?? b || c")), "(Coalesce a (Or b c))");
        assert_eq!(sx(&ex("a ?? b ?? c")), "(Coalesce (Coalesce a b) c)");
        assert_eq!(
            sx(&ex("a == b && c != d || e =~ f && g !~ h")),
            "(Or (And (Eq a b) (Ne c d)) (And (EqI e f) (NeI g h)))"
        );
        assert_eq!(sx(&ex("a < b == c >= d")), "(Eq (Lt a b) (Ge c d))");
        assert_eq!(sx(&ex("a > b && a <= c")), "(And (Gt a b) (Le a c))");
        assert_eq!(sx(&ex("1 + 2 < 3 * 4")), "(Lt (Add 1 2) (Mul 3 4))");
    }

    #[test]
    fn unary_and_parentheses() {
        assert_eq!(sx(&ex("!a")), "(Not a)");
        assert_eq!(sx(&ex("!!a.b")), "(Not (Not a.b))");
        assert_eq!(sx(&ex("-a")), "(Neg a)");
        assert_eq!(sx(&ex("-(1 + 2)")), "(Neg (Add 1 2))");
        assert_eq!(sx(&ex("(1 + 2) * 3")), "(Mul (Add 1 2) 3)");
        assert_eq!(sx(&ex("!(a || b) && c")), "(And (Not (Or a b)) c)");
        assert_eq!(sx(&ex("5 - -3")), "(Sub 5 -3)");
        assert_eq!(sx(&ex("(\n  a &&\n  b\n)")), "(And a b)");
        let src = "var x = (a + b)\n";
        let e = value_of(&one(src)).clone();
        assert_eq!(slice(src, e.span), "(a + b)");
    }

    #[test]
    fn for_expressions() {
        assert_eq!(sx(&ex("[for s in subnets: s.id]")), "(for s subnets s.id)");
        assert_eq!(
            sx(&ex("[for (s, i) in subnets: {\n  name: s\n  idx: i\n}]")),
            "(for s,i subnets {name:s idx:i})"
        );
        assert_eq!(
            sx(&ex("[for i in range(0, count): 'vm${i}']")),
            "(for i range(0 count) \"vm{i}\")"
        );
        assert_eq!(sx(&ex("[\n  for x in xs: x\n]")), "(for x xs x)");
        // `for` as a plain identifier in an array is not a loop.
        assert_eq!(sx(&ex("[for]")), "[for]");
    }

    #[test]
    fn spans_of_nested_expressions() {
        let src = "output x string = '${a.b}${f(c, [1, 2])}' ?? {\n  k: v[0]!\n}.k\n";
        let d = one(src);
        let e = value_of(&d);
        assert_eq!(
            slice(src, e.span),
            "'${a.b}${f(c, [1, 2])}' ?? {\n  k: v[0]!\n}.k"
        );
        let ExprKind::Binary { lhs, rhs, .. } = &e.kind else {
            panic!()
        };
        assert_eq!(slice(src, lhs.span), "'${a.b}${f(c, [1, 2])}'");
        assert_eq!(slice(src, rhs.span), "{\n  k: v[0]!\n}.k");
        let ExprKind::String(parts) = &lhs.kind else {
            panic!()
        };
        let StrPart::Expr(call) = &parts[1] else {
            panic!()
        };
        let ExprKind::Call { args, .. } = &call.kind else {
            panic!()
        };
        assert_eq!(slice(src, args[1].span), "[1, 2]");
    }

    // ----- errors ----------------------------------------------------------

    #[test]
    fn errors_say_what_was_expected_and_where() {
        let cases: &[(&str, usize, &str)] = &[
            (
                "param \n",
                6,
                "expected a parameter name but found a new line",
            ),
            (
                "resource sa 'Microsoft.Storage/storageAccounts@2023-05-01' {\n}\n",
                59,
                "expected '=' after the resource type but found '{'",
            ),
            (
                "resource sa 'A/b@1' = 'x'\n",
                22,
                "expected '{', 'if (...)' or '[for ...]' after '=' but found a string",
            ),
            ("var x = 'abc\nvar y = 1\n", 12, "found a new line"),
            (
                "var x = '''abc\n",
                8,
                "expected ''' to end the multi-line string",
            ),
            (
                "resource r 'a@1' = {\n  name: 'x'\n",
                33,
                "expected a property name, '...' or '}' but found the end of the file",
            ),
            (
                "var a = 1 var b = 2\n",
                10,
                "expected a new line after the declaration but found 'var'",
            ),
            ("var x = \"a\"\n", 8, "single quotes"),
            ("var x = 'a\\qb'\n", 10, "invalid escape sequence \\q"),
            ("foo bar\n", 0, "expected a declaration"),
            (
                "var o = {\n  a 1\n}\n",
                14,
                "expected ':' after the property name but found the number 1",
            ),
            (
                "var c = f(a b)\n",
                12,
                "expected ',' or ')' after the argument but found 'b'",
            ),
            (
                "var s = '${}'\n",
                11,
                "expected an expression but found '}'",
            ),
            (
                "var l = [for x xs: x]\n",
                15,
                "expected 'in' after the loop variable but found 'xs'",
            ),
            ("/* never closed\nparam a string\n", 0, "'*/'"),
            (
                "@description('x')\n",
                18,
                "expected a declaration after the decorators but found the end of the file",
            ),
            (
                "var x = [1 2]\n",
                11,
                "expected ',' or a new line after the array item, or ']' but found the number 2",
            ),
            (
                "var x = (1 + 2\n",
                15,
                "expected ')' to close the parenthesis",
            ),
            (
                "param p string = \n",
                17,
                "expected an expression but found a new line",
            ),
            ("var x = 'a${b'\n", 14, "expected ' to end the string"),
            ("type t = \n", 9, "expected a type but found a new line"),
            (
                "var x = a.\n",
                10,
                "expected a property or function name after '.'",
            ),
            (
                "var x = 1 +\n",
                11,
                "expected an expression but found a new line",
            ),
            ("var x = 'a' ; \n", 12, "unexpected ';'"),
            ("var x = a \\ b\n", 10, "unexpected character '\\'"),
            ("var x = a \u{7} b\n", 10, "unexpected character U+0007"),
        ];
        for (src, offset, message) in cases {
            let e = err(src);
            assert!(
                e.message.contains(message),
                "{src:?}: message {:?} lacks {message:?}",
                e.message
            );
            assert_eq!(e.offset, *offset, "{src:?}: {}", e.message);
            assert_eq!(e.to_string(), e.message);
        }
    }

    #[test]
    fn nesting_is_limited_not_a_stack_overflow() {
        for (open, close) in [("[", "]"), ("(", ")"), ("{a:", "}"), ("!", ""), ("-", "")] {
            let deep = format!("var x = {}1{}\n", open.repeat(5000), close.repeat(5000));
            let e = err(&deep);
            assert!(e.message.contains("too deep"), "{open}: {}", e.message);
            let shallow = format!("var x = {}1{}\n", open.repeat(50), close.repeat(50));
            ok(&shallow);
        }
        let ternaries = format!("var x = {}1\n", "a ? b : ".repeat(5000));
        assert!(err(&ternaries).message.contains("too deep"));
        let types = format!(
            "param p {}string{}\n",
            "{a: ".repeat(5000),
            "}".repeat(5000)
        );
        assert!(err(&types).message.contains("too deep"));
        let strings = format!("var x = {}1{}\n", "'${".repeat(5000), "}'".repeat(5000));
        assert!(err(&strings).message.contains("too deep"));
        for chain in ["a.b", "a[0]", "a!", "1 + 1", "a ?? b", "x::y"] {
            let long = format!(
                "var x = {}\n",
                vec![chain; 5000].join(if chain.starts_with('a') || chain.starts_with('x') {
                    "."
                } else {
                    " + "
                })
            );
            let e = err(&long);
            assert!(e.message.contains("too deep"), "{chain}: {}", e.message);
        }
        let long_type = format!("param p string{}\n", "[]".repeat(5000));
        assert!(err(&long_type).message.contains("too deep"));
        ok(&format!("var x = {}\n", vec!["a.b"; 50].join(".")));
        ok(&format!("var x = {}\n", vec!["1"; 100].join(" + ")));
        let resources = format!(
            "{}{}\n",
            "resource r 'a@1' = {\n".repeat(5000),
            "}\n".repeat(5000)
        );
        assert!(err(&resources).message.contains("too deep"));
    }

    #[test]
    fn deep_nesting_of_every_kind_fits_a_2_mib_thread() {
        let cases: &[(&str, &str, &str)] = &[
            ("var x = ", "[", "]"),
            ("var x = ", "(", ")"),
            ("var x = ", "{a:", "}"),
            ("var x = ", "!", ""),
            ("var x = ", "a ? b : ", ""),
            ("var x = ", "'${", "}'"),
            ("var x = ", "$'''${", "}'''"),
            ("", "resource r 'a@1' = {\n", "}\n"),
            ("var x = ", "[for x in y: ", "]"),
            ("var x = ", "a.f(", ")"),
            ("var x = ", "a[", "]"),
            ("var x = ", "x => ", ""),
            ("var x = ", "f(", ")"),
            ("param p ", "{a: ", "}"),
            ("param p ", "[", "]"),
            ("param p ", "(", ")"),
        ];
        for (pre, open, close) in cases {
            for n in [250, 300] {
                let src = format!("{pre}{}1{}\n", open.repeat(n), close.repeat(n));
                let result = std::thread::Builder::new()
                    .stack_size(2 << 20)
                    .spawn(move || parse(&src).err().map(|e| e.message))
                    .unwrap()
                    .join();
                match result {
                    Ok(Some(m)) if n == 300 => assert!(m.contains("too deep"), "{open}: {m}"),
                    Ok(_) => {}
                    Err(_) => panic!("{open} x {n} panicked"),
                }
            }
        }
    }

    #[test]
    fn a_megabyte_parses_quickly() {
        let mut src = String::from(SAMPLE);
        let mut i = 0;
        while src.len() < 1_000_000 {
            src.push_str(&format!(
                "\nresource sa{i} 'Microsoft.Storage/storageAccounts@2023-05-01' = {{\n  name: 'st${{uniqueString(resourceGroup().id, '{i}')}}'\n  location: location\n  sku: {{ name: 'Standard_LRS' }}\n  properties: {{\n    minimumTlsVersion: 'TLS1_2'\n    networkAcls: {{\n      defaultAction: 'Deny'\n      ipRules: [for ip in allowedIps: {{ value: ip, action: 'Allow' }}]\n    }}\n  }}\n}}\n"
            ));
            i += 1;
        }
        let started = std::time::Instant::now();
        let p = ok(&src);
        let took = started.elapsed();
        assert!(p.decls.len() > 1000);
        // Generous even for an unoptimised build; a quadratic parser takes minutes.
        assert!(took.as_secs_f64() < 5.0, "took {took:?}");
        // Pathological inputs stay linear too.
        for junk in [
            "(".repeat(1_000_000),
            "(a, ".repeat(200_000),
            "'".repeat(1_000_000),
            "\n".repeat(1_000_000),
            "a.".repeat(500_000),
        ] {
            let started = std::time::Instant::now();
            let _ = parse(&format!("var x = {junk}"));
            assert!(started.elapsed().as_secs_f64() < 5.0);
        }
    }

    /// A realistic file exercising most of the language.
    const SAMPLE: &str = r#"metadata name = 'Landing zone workload'
metadata description = 'Storage, network and a web app.'
targetScope = 'resourceGroup'

import { tagsType } from 'types.bicep'

@description('Location for all resources.')
param location string = resourceGroup().location

@allowed([
  'dev'
  'prod'
])
param env string = 'dev'

@secure()
param adminPassword string

param tags tagsType = {}
param subnets { name: string, prefix: string, nsg: bool? }[] = []
param sku 'Standard_LRS' | 'Premium_LRS' = 'Standard_LRS'

var prefix = toLower('lz-${env}')
var isProd = env == 'prod'
var allTags = union(tags, { environment: env })
var names = [for (s, i) in subnets: '${prefix}-${s.name}-${i}']

resource sa 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: take('st${uniqueString(resourceGroup().id)}', 24)
  location: location
  tags: allTags
  sku: {
    name: sku
  }
  kind: 'StorageV2'
  properties: {
    minimumTlsVersion: 'TLS1_2'
    allowBlobPublicAccess: false
    supportsHttpsTrafficOnly: true
    networkAcls: {
      defaultAction: isProd ? 'Deny' : 'Allow'
      bypass: 'AzureServices'
    }
  }

  resource blob 'blobServices' = {
    name: 'default'
  }
}

resource vnet 'Microsoft.Network/virtualNetworks@2023-09-01' = if (!empty(subnets)) {
  name: '${prefix}-vnet'
  location: location
  properties: {
    addressSpace: { addressPrefixes: ['10.0.0.0/16'] }
    subnets: [for s in subnets: {
      name: s.name
      properties: {
        addressPrefix: s.prefix
        networkSecurityGroup: s.?nsg ?? false ? { id: nsg.id } : null
      }
    }]
  }
}

resource nsg 'Microsoft.Network/networkSecurityGroups@2023-09-01' existing = {
  name: '${prefix}-nsg'
}

module app 'br/public:avm/res/web/site:0.3.0' = {
  name: 'app-${uniqueString(deployment().name)}'
  params: {
    name: '${prefix}-app'
    kind: 'app'
    serverFarmResourceId: plan.id
    siteConfig: { minTlsVersion: '1.2', ftpsState: 'Disabled' }
  }
}

output storageId string = sa.id
output blobEndpoint string = sa.properties.primaryEndpoints.blob
output subnetIds array = map(vnet.properties.subnets, s => s.id)
"#;

    #[test]
    fn sample_parses() {
        let p = ok(SAMPLE);
        assert_eq!(SAMPLE.lines().count(), 82);
        assert_eq!(p.decls.len(), 21);
    }

    fn mutate(base: &str, edits: &[(usize, u8, usize)]) -> String {
        const PIECES: &[&str] = &[
            "'",
            "'''",
            "$'''",
            "${",
            "}",
            "{",
            "[",
            "]",
            "(",
            ")",
            "\n",
            ",",
            ":",
            "?",
            ".?",
            "!",
            "=",
            "=>",
            "|",
            "@",
            "/*",
            "*/",
            "//",
            "#",
            "\\",
            "\\u{",
            "for ",
            "if ",
            "resource ",
            "param ",
            "::",
            "...",
            "[^",
            "-",
            "é",
            "\r",
            "\t",
            "`",
            "\"",
            "0",
            "99999999999999999999",
        ];
        let mut chars: Vec<char> = base.chars().collect();
        for &(at, op, n) in edits {
            if chars.is_empty() {
                break;
            }
            let at = at % (chars.len() + 1);
            match op % 4 {
                0 => {
                    let end = (at + n % 8).min(chars.len());
                    chars.drain(at..end);
                }
                1 => {
                    let piece = PIECES[n % PIECES.len()];
                    for (k, c) in piece.chars().enumerate() {
                        chars.insert(at + k, c);
                    }
                }
                2 => {
                    let end = (at + n % 40).min(chars.len());
                    let copy: Vec<char> = chars[at..end].to_vec();
                    let dest = n % (chars.len() + 1);
                    for (k, c) in copy.into_iter().enumerate() {
                        chars.insert(dest + k, c);
                    }
                }
                _ => chars.truncate(at),
            }
        }
        chars.into_iter().collect()
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]

        #[test]
        fn arbitrary_strings_never_panic(text in proptest::prelude::any::<String>()) {
            let _ = parse(&text);
        }

        #[test]
        fn bicep_like_strings_never_panic(text in "[a-z0-9 '{}\\[\\]()$:,.?!|=<>\n@/*#\\\\^+-]{0,120}") {
            if let Err(e) = parse(&text) {
                proptest::prop_assert!(e.offset <= text.len());
                proptest::prop_assert!(!e.message.is_empty());
            }
        }

        #[test]
        fn mutated_sample_never_panics(
            edits in proptest::collection::vec((0usize..4000, 0u8..4, 0usize..1000), 1..8)
        ) {
            let text = mutate(SAMPLE, &edits);
            match parse(&text) {
                Ok(p) => {
                    // Every span of an accepted file lies inside it, on char boundaries.
                    for d in &p.decls {
                        proptest::prop_assert!(text.get(d.span.start..d.span.end).is_some());
                    }
                }
                Err(e) => proptest::prop_assert!(e.offset <= text.len()),
            }
        }
    }
} // end tests
