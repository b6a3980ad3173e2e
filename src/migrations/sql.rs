//! A small PostgreSQL-aware SQL tokenizer and statement splitter.
//!
//! It understands `--` line comments, nested `/* */` block comments,
//! single-quoted strings (with `''` and, for `E'…'`, backslash escapes),
//! double-quoted identifiers, dollar quoting (`$$…$$`, `$tag$…$tag$`) and
//! SQL-standard function bodies (`CREATE FUNCTION … BEGIN ATOMIC … END`), and
//! splits statements on top-level semicolons. A keyword inside a string,
//! comment or dollar-quoted body is never reported as a [`TokenKind::Word`].
//!
//! Invariants (checked by property tests): tokenizing never panics; the
//! concatenation of all token texts is the input; joining all statement
//! texts from [`split`] with `";"` gives back the input.

/// What a [`Token`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// Spaces, tabs, newlines.
    Whitespace,
    /// `-- …` up to (not including) the end of the line.
    LineComment,
    /// `/* … */`, possibly nested, possibly unterminated at end of input.
    BlockComment,
    /// A bare word: keyword or unquoted identifier (may contain `$`).
    Word,
    /// `"identifier"`.
    QuotedIdent,
    /// `'string'` or `E'string'` (the `E` prefix is part of the token).
    String,
    /// `$tag$ … $tag$`.
    DollarString,
    /// A numeric literal (loosely: a digit followed by word characters or dots).
    Number,
    /// A positional parameter such as `$1`.
    Param,
    /// Any other single character, e.g. `;`, `(`, `,`.
    Punct,
}

/// One token, borrowing its text from the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token<'a> {
    /// The token's kind.
    pub kind: TokenKind,
    /// The exact input text of the token.
    pub text: &'a str,
    /// 1-based line on which the token starts.
    pub line: usize,
}

impl Token<'_> {
    /// Whether this is code (not whitespace or a comment).
    pub fn is_code(&self) -> bool {
        !matches!(self.kind, TokenKind::Whitespace | TokenKind::LineComment | TokenKind::BlockComment)
    }

    /// Whether this is a bare word equal (ASCII case-insensitively) to `kw`.
    pub fn is_word(&self, kw: &str) -> bool {
        self.kind == TokenKind::Word && self.text.eq_ignore_ascii_case(kw)
    }
}

fn is_ident_start(b: u8) -> bool {
    b.is_ascii_alphabetic() || b == b'_' || b >= 0x80
}

fn is_ident_cont(b: u8) -> bool {
    is_ident_start(b) || b.is_ascii_digit() || b == b'$'
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c)
}

/// The tokens of `sql`, one at a time (what [`tokenize_from`] collects), for
/// callers that must not hold every token of a big text at once.
#[derive(Debug, Clone)]
pub struct Tokens<'a> {
    sql: &'a str,
    i: usize,
    line: usize,
}

impl<'a> Tokens<'a> {
    /// Tokens of `sql`, with line numbers starting at `first_line`.
    pub fn new(sql: &'a str, first_line: usize) -> Tokens<'a> {
        Tokens { sql, i: 0, line: first_line }
    }
}

impl<'a> Iterator for Tokens<'a> {
    type Item = Token<'a>;

    fn next(&mut self) -> Option<Token<'a>> {
        let start = self.i;
        if start >= self.sql.len() {
            return None;
        }
        let (kind, end) = scan(self.sql.as_bytes(), start);
        // All token boundaries are ASCII bytes or the end, hence char boundaries.
        let text = &self.sql[start..end];
        let token = Token { kind, text, line: self.line };
        self.line += text.bytes().filter(|&x| x == b'\n').count();
        self.i = end;
        Some(token)
    }
}

/// The kind and the end of the token that starts at `b[i]` (`i < b.len()`).
#[inline]
fn scan(b: &[u8], i: usize) -> (TokenKind, usize) {
    let c = b[i];
    let next = b.get(i + 1).copied();
    match c {
        _ if is_space(c) => (TokenKind::Whitespace, skip_while(b, i, is_space)),
        b'-' if next == Some(b'-') => (TokenKind::LineComment, skip_while(b, i, |x| x != b'\n')),
        b'/' if next == Some(b'*') => (TokenKind::BlockComment, scan_block_comment(b, i + 2)),
        b'\'' => (TokenKind::String, scan_quoted(b, i + 1, b'\'', false)),
        b'e' | b'E' if next == Some(b'\'') => (TokenKind::String, scan_quoted(b, i + 2, b'\'', true)),
        b'"' => (TokenKind::QuotedIdent, scan_quoted(b, i + 1, b'"', false)),
        b'$' => scan_dollar(b, i),
        _ if is_ident_start(c) => (TokenKind::Word, skip_while(b, i, is_ident_cont)),
        _ if c.is_ascii_digit() => (TokenKind::Number, skip_while(b, i, |x| (is_ident_cont(x) || x == b'.') && x != b'$')),
        // ASCII punctuation (non-ASCII bytes start words).
        _ => (TokenKind::Punct, i + 1),
    }
}

/// The index of the first byte at or after `i` that is not `keep` (or the input length).
#[inline]
fn skip_while(b: &[u8], mut i: usize, keep: impl Fn(u8) -> bool) -> usize {
    while i < b.len() && keep(b[i]) {
        i += 1;
    }
    i
}

/// Scans a block comment whose body starts at `i` (after its `/*`); returns the index after its
/// closing `*/`, counting nested `/* */` (or the input length if unterminated).
fn scan_block_comment(b: &[u8], mut i: usize) -> usize {
    let mut depth = 1usize;
    while i < b.len() && depth > 0 {
        if b[i] == b'/' && b.get(i + 1) == Some(&b'*') {
            depth += 1;
            i += 2;
        } else if b[i] == b'*' && b.get(i + 1) == Some(&b'/') {
            depth -= 1;
            i += 2;
        } else {
            i += 1;
        }
    }
    i
}

/// A token starting with `$` at `b[i]`: a positional parameter (`$1`), a dollar-quoted string
/// (`$tag$…$tag$`, to the end of the input if unterminated) or a lone `$`.
fn scan_dollar(b: &[u8], i: usize) -> (TokenKind, usize) {
    if b.get(i + 1).is_some_and(u8::is_ascii_digit) {
        (TokenKind::Param, skip_while(b, i + 1, |x| x.is_ascii_digit()))
    } else if let Some(tag_end) = dollar_tag_end(b, i) {
        // b[i..=tag_end] is the opening tag `$tag$`.
        let tag = &b[i..=tag_end];
        (TokenKind::DollarString, find(b, tag_end + 1, tag).map_or(b.len(), |pos| pos + tag.len()))
    } else {
        (TokenKind::Punct, i + 1)
    }
}

/// Tokenizes `sql`. Line numbers start at `first_line`.
///
/// Every byte of the input belongs to exactly one token.
pub fn tokenize_from(sql: &str, first_line: usize) -> Vec<Token<'_>> {
    Tokens::new(sql, first_line).collect()
}

/// Tokenizes `sql` with line numbers starting at 1.
pub fn tokenize(sql: &str) -> Vec<Token<'_>> {
    tokenize_from(sql, 1)
}

/// Scans a quoted literal whose body starts at `i`; returns the index after
/// the closing quote (or the input length if unterminated). A doubled quote
/// is an escaped quote; with `backslash`, `\x` escapes any byte.
fn scan_quoted(b: &[u8], mut i: usize, q: u8, backslash: bool) -> usize {
    let n = b.len();
    while i < n {
        let c = b[i];
        if backslash && c == b'\\' {
            // Never step into the middle of a multi-byte char: skip only ASCII.
            i += if b.get(i + 1).is_some_and(u8::is_ascii) { 2 } else { 1 };
        } else if c == q {
            if b.get(i + 1) == Some(&q) {
                i += 2;
            } else {
                return i + 1;
            }
        } else {
            i += 1;
        }
    }
    n
}

/// If `b[i]` starts a dollar-quote opening tag, returns the index of its
/// closing `$`.
fn dollar_tag_end(b: &[u8], i: usize) -> Option<usize> {
    let mut j = i + 1;
    if b.get(j) == Some(&b'$') {
        return Some(j);
    }
    if !b.get(j).copied().is_some_and(is_ident_start) {
        return None;
    }
    while j < b.len() && (is_ident_start(b[j]) || b[j].is_ascii_digit()) {
        j += 1;
    }
    (b.get(j) == Some(&b'$')).then_some(j)
}

fn find(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    if needle.is_empty() || from > hay.len() {
        return None;
    }
    hay[from..].windows(needle.len()).position(|w| w == needle).map(|p| p + from)
}

/// One statement: the text between two top-level semicolons.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Statement<'a> {
    /// The statement text, without the terminating `;` (includes leading
    /// whitespace and comments).
    pub text: &'a str,
    /// Byte offset of `text` in the input.
    pub offset: usize,
    /// 1-based line of the first code token (or of the start, if blank).
    pub line: usize,
    /// All tokens of the statement, including whitespace and comments.
    pub tokens: Vec<Token<'a>>,
}

impl<'a> Statement<'a> {
    /// Code tokens only (no whitespace or comments).
    pub fn code(&self) -> impl Iterator<Item = &Token<'a>> + '_ {
        self.tokens.iter().filter(|t| t.is_code())
    }

    /// Whether the statement has no code at all (only whitespace/comments).
    pub fn is_blank(&self) -> bool {
        !self.tokens.iter().any(Token::is_code)
    }

    /// The leading bare words, upper-cased (at most `n`), stopping at the
    /// first code token that is not a word.
    pub fn keywords(&self, n: usize) -> Vec<String> {
        self.code().take_while(|t| t.kind == TokenKind::Word).take(n).map(|t| t.text.to_ascii_uppercase()).collect()
    }
}

/// Splits `sql` into statements on top-level semicolons. Line numbers start at 1.
pub fn split(sql: &str) -> Vec<Statement<'_>> {
    split_from(sql, 1)
}

/// Like [`split`], with line numbers starting at `first_line`.
///
/// Returns every piece, including blank ones (e.g. after the last `;`), so
/// that joining the texts with `";"` reproduces the input.
pub fn split_from(sql: &str, first_line: usize) -> Vec<Statement<'_>> {
    let mut out = Vec::new();
    let mut cur: Vec<Token<'_>> = Vec::new();
    let mut offset = 0usize;
    let mut pos = 0usize;
    let mut line = first_line;
    let mut boundary = Boundary::default();
    for t in Tokens::new(sql, first_line) {
        if boundary.ends(&t) {
            out.push(make_statement(sql, offset, pos, line, std::mem::take(&mut cur)));
            pos += 1;
            offset = pos;
            line = t.line;
            boundary.reset();
            continue;
        }
        pos += t.text.len();
        cur.push(t);
    }
    out.push(make_statement(sql, offset, pos, line, cur));
    out
}

/// How many leading code tokens a [`Span`] keeps.
pub const LEAD: usize = 4;

const NO_TOKEN: Token<'static> = Token { kind: TokenKind::Whitespace, text: "", line: 0 };

/// Where statements end: at a top-level `;`, except inside the `BEGIN ATOMIC … END` body of a
/// `CREATE [OR REPLACE] FUNCTION|PROCEDURE` (shared by [`split_from`] and [`Statements`]).
#[derive(Clone, Copy)]
struct Boundary<'a> {
    /// The statement's first code tokens.
    lead: [Token<'a>; LEAD],
    lead_len: usize,
    atomic_depth: usize,
}

impl Default for Boundary<'_> {
    fn default() -> Self {
        Boundary { lead: [NO_TOKEN; LEAD], lead_len: 0, atomic_depth: 0 }
    }
}

impl<'a> Boundary<'a> {
    /// Whether `t` ends the current statement (a top-level `;`, not part of it); otherwise
    /// takes `t` into account. After an end, [`Boundary::reset`] starts the next statement.
    fn ends(&mut self, t: &Token<'a>) -> bool {
        if t.kind == TokenKind::Punct && t.text == ";" && self.atomic_depth == 0 {
            return true;
        }
        if t.is_code() {
            if self.lead_len < LEAD {
                self.lead[self.lead_len] = *t;
                self.lead_len += 1;
            }
            if t.kind == TokenKind::Word && is_routine(&self.lead[..self.lead_len]) {
                if t.is_word("BEGIN") || t.is_word("CASE") {
                    self.atomic_depth += 1;
                } else if t.is_word("END") {
                    self.atomic_depth = self.atomic_depth.saturating_sub(1);
                }
            }
        }
        false
    }

    fn reset(&mut self) {
        *self = Boundary::default();
    }
}

/// One statement as [`Statements`] reports it: where it is and how it starts, without its
/// tokens (tokenize [`Span::text`] from [`Span::start_line`] for them).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span<'a> {
    /// As [`Statement::text`]: without the terminating `;`.
    pub text: &'a str,
    /// Byte offset of `text` in the input.
    pub offset: usize,
    /// As [`Statement::line`]: the line of the first code token (or of the start, if blank).
    pub line: usize,
    /// The line of the first byte of `text`.
    pub start_line: usize,
    lead: [Token<'a>; LEAD],
    lead_len: usize,
    watched: u32,
}

impl<'a> Span<'a> {
    /// The first code tokens (at most [`LEAD`]).
    pub fn lead(&self) -> &[Token<'a>] {
        &self.lead[..self.lead_len]
    }

    /// Whether the statement has no code at all (only whitespace/comments).
    pub fn is_blank(&self) -> bool {
        self.lead_len == 0
    }

    /// Whether the `i`th word of [`Statements::watching`] occurs in the statement as a bare word.
    pub fn mentions(&self, i: usize) -> bool {
        i < 32 && self.watched & (1 << i) != 0
    }
}

/// The statements of a text one at a time, as [`split_from`] splits them (same texts, offsets
/// and lines, blank ones included), keeping per statement only its place and first code
/// tokens: memory does not grow with the size of the text.
#[derive(Clone)]
pub struct Statements<'a> {
    sql: &'a str,
    tokens: Tokens<'a>,
    boundary: Boundary<'a>,
    offset: usize,
    start_line: usize,
    watch: &'static [&'static str],
    done: bool,
}

impl<'a> Statements<'a> {
    /// The statements of `sql`, with line numbers starting at `first_line`.
    pub fn new(sql: &'a str, first_line: usize) -> Statements<'a> {
        Statements {
            sql,
            tokens: Tokens::new(sql, first_line),
            boundary: Boundary::default(),
            offset: 0,
            start_line: first_line,
            watch: &[],
            done: false,
        }
    }

    /// Also report, per statement, which of `words` (at most 32, compared ASCII
    /// case-insensitively with bare words) it contains: see [`Span::mentions`].
    pub fn watching(mut self, words: &'static [&'static str]) -> Statements<'a> {
        self.watch = &words[..words.len().min(32)];
        self
    }

    fn span(&self, end: usize, watched: u32) -> Span<'a> {
        let b = &self.boundary;
        let line = if b.lead_len > 0 { b.lead[0].line } else { self.start_line };
        Span {
            text: &self.sql[self.offset..end],
            offset: self.offset,
            line,
            start_line: self.start_line,
            lead: b.lead,
            lead_len: b.lead_len,
            watched,
        }
    }
}

impl<'a> Iterator for Statements<'a> {
    type Item = Span<'a>;

    fn next(&mut self) -> Option<Span<'a>> {
        if self.done {
            return None;
        }
        let mut watched = 0u32;
        let mut end = self.offset;
        while let Some(t) = self.tokens.next() {
            if self.boundary.ends(&t) {
                let span = self.span(end, watched);
                self.offset = end + 1;
                self.start_line = t.line;
                self.boundary.reset();
                return Some(span);
            }
            if t.kind == TokenKind::Word {
                for (i, w) in self.watch.iter().enumerate() {
                    if t.text.eq_ignore_ascii_case(w) {
                        watched |= 1 << i;
                    }
                }
            }
            end += t.text.len();
        }
        self.done = true;
        Some(self.span(end, watched))
    }
}

/// `CREATE [OR REPLACE] FUNCTION|PROCEDURE`: a statement whose body may be a
/// `BEGIN ATOMIC … END` block containing semicolons.
fn is_routine(lead: &[Token<'_>]) -> bool {
    match lead {
        [c, f, ..] if c.is_word("CREATE") && (f.is_word("FUNCTION") || f.is_word("PROCEDURE")) => true,
        [c, o, r, f, ..] if c.is_word("CREATE") && o.is_word("OR") && r.is_word("REPLACE") => {
            f.is_word("FUNCTION") || f.is_word("PROCEDURE")
        }
        _ => false,
    }
}

fn make_statement<'a>(sql: &'a str, start: usize, end: usize, start_line: usize, tokens: Vec<Token<'a>>) -> Statement<'a> {
    let line = tokens.iter().find(|t| t.is_code()).map_or(start_line, |t| t.line);
    Statement { text: &sql[start..end], offset: start, line, tokens }
}

/// Whether `sql` contains any code (anything but whitespace and comments).
pub fn has_code(sql: &str) -> bool {
    Tokens::new(sql, 1).any(|t| t.is_code())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stmts(sql: &str) -> Vec<(usize, Vec<String>)> {
        split(sql).iter().filter(|s| !s.is_blank()).map(|s| (s.line, s.keywords(3))).collect()
    }

    fn kw(words: &[&str]) -> Vec<String> {
        words.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn splits_on_top_level_semicolons_with_lines() {
        let sql = "CREATE TABLE a (id int);\n\n-- comment; DROP TABLE x;\nINSERT INTO a VALUES (1);";
        assert_eq!(stmts(sql), vec![(1, kw(&["CREATE", "TABLE", "A"])), (4, kw(&["INSERT", "INTO", "A"]))]);
    }

    #[test]
    fn keywords_in_strings_comments_and_bodies_are_not_words() {
        let sql = r#"
SELECT 'DROP TABLE x; COMMIT;', E'it\'s; BEGIN', 'a''b; VACUUM';
/* outer /* nested; DROP TABLE y; */ still; TRUNCATE */ SELECT "weird;DROP" FROM t;
CREATE FUNCTION f() RETURNS void AS $body$ BEGIN; DROP TABLE z; COMMIT; END $body$ LANGUAGE plpgsql;
DO $$ BEGIN TRUNCATE q; END $$;
"#;
        let all: Vec<String> = tokenize(sql).iter().filter(|t| t.kind == TokenKind::Word).map(|t| t.text.to_ascii_uppercase()).collect();
        for bad in ["DROP", "COMMIT", "VACUUM", "TRUNCATE", "BEGIN"] {
            assert!(!all.contains(&bad.to_string()), "{bad} reported: {all:?}");
        }
        let s = stmts(sql);
        assert_eq!(s.len(), 4, "{s:?}");
        assert_eq!(s[1].0, 3);
        assert_eq!(s[2].0, 4);
        assert_eq!(s[3].1, kw(&["DO"]));
    }

    #[test]
    fn begin_atomic_bodies_are_one_statement() {
        let sql = "CREATE OR REPLACE FUNCTION f() RETURNS int LANGUAGE sql\nBEGIN ATOMIC\n SELECT 1;\n SELECT CASE WHEN true THEN 1 END;\nEND;\nCOMMIT;";
        let s = stmts(sql);
        assert_eq!(s.len(), 2, "{s:?}");
        assert_eq!(s[1], (6, kw(&["COMMIT"])));
    }

    #[test]
    fn params_numbers_and_unterminated_input() {
        assert_eq!(tokenize("$1").iter().map(|t| t.kind).collect::<Vec<_>>(), vec![TokenKind::Param]);
        for sql in ["'abc", "$$ x", "/* /* */", "\"id", "E'\\", "$a$ b $a", "e'é\\é'"] {
            let joined: String = tokenize(sql).iter().map(|t| t.text).collect();
            assert_eq!(joined, sql);
        }
        assert!(!has_code("  -- x\n /* y */ \n"));
        assert!(has_code("-- x\nselect 1"));
    }

    #[test]
    fn join_reproduces_input() {
        let sql = "a; b ;; 'x;y' ; $$;$$;";
        let parts: Vec<&str> = split(sql).iter().map(|s| s.text).collect();
        assert_eq!(parts.join(";"), sql);
    }

    #[test]
    fn statements_one_at_a_time_with_their_lead_and_watched_words() {
        let sql = "-- a\nSELECT set_config('x', 'y', true);\n\nCREATE OR REPLACE FUNCTION f() RETURNS int LANGUAGE sql\nBEGIN ATOMIC\n SELECT 1;\nEND;\n  ";
        let spans: Vec<Span<'_>> = Statements::new(sql, 3).watching(&["SET_CONFIG", "atomic"]).collect();
        assert_eq!(spans.len(), 3);
        assert_eq!((spans[0].line, spans[0].start_line, spans[0].offset), (4, 3, 0));
        assert_eq!(spans[0].lead().iter().map(|t| t.text).collect::<Vec<_>>(), ["SELECT", "set_config", "(", "'x'"]);
        assert!(spans[0].mentions(0) && !spans[0].mentions(1));
        assert_eq!((spans[1].line, spans[1].start_line), (6, 4));
        assert!(spans[1].text.ends_with("END") && spans[1].mentions(1) && !spans[1].mentions(0));
        assert!(spans[2].is_blank() && spans[2].offset + spans[2].text.len() == sql.len());
        assert_eq!(Statements::new("", 1).count(), 1);
    }

    /// [`Statements`] splits exactly as [`split_from`] does.
    fn same_as_split(s: &str, first_line: usize) -> Result<(), proptest::test_runner::TestCaseError> {
        use proptest::prelude::*;
        let whole = split_from(s, first_line);
        let spans: Vec<Span<'_>> = Statements::new(s, first_line).watching(&["select", "end"]).collect();
        prop_assert_eq!(whole.len(), spans.len());
        let mut start_line = first_line;
        for (st, sp) in whole.iter().zip(&spans) {
            prop_assert_eq!((st.text, st.offset, st.line, st.is_blank()), (sp.text, sp.offset, sp.line, sp.is_blank()));
            prop_assert_eq!(sp.start_line, start_line);
            let lead: Vec<Token<'_>> = st.code().take(LEAD).copied().collect();
            prop_assert_eq!(&lead[..], sp.lead());
            for (i, w) in ["select", "end"].iter().enumerate() {
                prop_assert_eq!(st.tokens.iter().any(|t| t.is_word(w)), sp.mentions(i));
            }
            start_line += st.text.matches('\n').count();
        }
        Ok(())
    }

    mod props {
        use super::super::*;
        use proptest::prelude::*;

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(512)))]
            #[test]
            fn tokenize_never_panics_and_preserves_text(s in any::<String>()) {
                let joined: String = tokenize(&s).iter().map(|t| t.text).collect();
                prop_assert_eq!(joined, s.clone());
                let parts: Vec<&str> = split(&s).iter().map(|st| st.text).collect();
                prop_assert_eq!(parts.join(";"), s.clone());
                super::same_as_split(&s, 1)?;
            }

            #[test]
            fn quoted_content_is_one_token(body in "[^']{0,40}", dbody in any::<String>(), comment in "[^\n]{0,40}") {
                let q = format!("'{body}'");
                let t = tokenize(&q);
                prop_assert_eq!(t.len(), 1);
                prop_assert_eq!(t[0].kind, TokenKind::String);
                // The body must not close the quote early, also not with the closing tag's
                // characters (a body ending in `$x` would: `$x$…$x` + `$x$`).
                prop_assume!(format!("{dbody}$x$").find("$x$") == Some(dbody.len()));
                let d = format!("$x${dbody}$x$");
                let t = tokenize(&d);
                prop_assert_eq!(t.len(), 1);
                prop_assert_eq!(t[0].kind, TokenKind::DollarString);
                let c = format!("--{comment}");
                let t = tokenize(&c);
                prop_assert_eq!(t.len(), 1);
                prop_assert_eq!(t[0].kind, TokenKind::LineComment);
            }

            #[test]
            fn sqlish_input_preserves_text(s in "([a-zA-Z ;'\"$/*\\-\n\\\\eE()]|\\$\\$|\\$a\\$|--|/\\*|\\*/){0,80}") {
                let toks = tokenize(&s);
                let joined: String = toks.iter().map(|t| t.text).collect();
                prop_assert_eq!(&joined, &s);
                let parts: Vec<&str> = split(&s).iter().map(|st| st.text).collect();
                prop_assert_eq!(parts.join(";"), s.clone());
                // Line numbers never decrease.
                prop_assert!(toks.windows(2).all(|w| w[0].line <= w[1].line));
                super::same_as_split(&s, 7)?;
            }

            #[test]
            fn routine_bodies_split_the_same_one_at_a_time(
                s in r"((CREATE (OR REPLACE )?(FUNCTION|PROCEDURE) f\(\) BEGIN ATOMIC (SELECT 1; |CASE WHEN x THEN 1 END; |END; )*END|SELECT 'a;b'|END|BEGIN|\n-- c;\n);){0,6}",
            ) {
                super::same_as_split(&s, 1)?;
            }
        }
    }
}
