//! How one migration's up SQL relates to a transaction.
//!
//! Every decision is made on the tokens of [`super::sql`]: a keyword inside a
//! comment, a string, a dollar-quoted body (`DO $$ BEGIN … END $$`, a
//! `CREATE FUNCTION` body) or a `BEGIN ATOMIC … END` routine body is never
//! taken for transaction control.
//!
//! [`classify`] says what one statement is; [`shape`] says whether a whole
//! piece of SQL (a golang-migrate up file, a dbmate up section) can run inside
//! a larger transaction together with other migrations.

use std::ops::Range;

use super::sql::{self, Token, TokenKind};

/// How a migration's SQL relates to a transaction (see [`shape`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TxShape {
    /// No transaction control: runs in the tool's one implicit transaction; groupable.
    Plain,
    /// One explicit BEGIN/START TRANSACTION, and a COMMIT/END as the very last statement:
    /// groupable by running `prefix` (when there is one) then `inner`, without the BEGIN and
    /// the COMMIT (byte ranges into the analysed text).
    ///
    /// Statements before the BEGIN are part of the same transaction when the tool sends the
    /// text in one simple-query call (golang-migrate sends a whole file): PostgreSQL runs them
    /// in an implicit transaction block that the BEGIN turns into its regular one ("Multiple
    /// Statements in a Simple Query" in the protocol chapter of its documentation: they are
    /// "retroactively included into the new regular transaction block"). An error after the
    /// BEGIN therefore rolls them back too: the file is as atomic as a whole-file wrapper.
    /// Nothing may follow the COMMIT: the tool would run it outside the file's transaction.
    Wrapped {
        /// The statements before the BEGIN, with their semicolons (`None` when there are none).
        prefix: Option<Range<usize>>,
        /// The statements between the wrapper's BEGIN and COMMIT, with their semicolons.
        inner: Range<usize>,
    },
    /// Cannot run inside a larger transaction: the first offending statement.
    NotGroupable(NotGroupable),
}

/// Why a migration cannot run inside a larger transaction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotGroupable {
    /// What was found, as the user would search for it, e.g. "CREATE INDEX CONCURRENTLY",
    /// "VACUUM", "ALTER SYSTEM", "CREATE DATABASE", "ALTER TYPE ... ADD VALUE", "COMMIT".
    pub statement: String,
    /// Why it cannot be grouped, one short clause, e.g. "cannot run inside a transaction block",
    /// "a later migration in the same transaction could not use the new value",
    /// "transaction control inside the file".
    pub why: String,
    /// 1-based line in the file.
    pub line: usize,
}

/// What one statement is with respect to transactions (see [`classify`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatementTx {
    /// Opens a transaction block: `BEGIN [WORK|TRANSACTION] [modes]`, `START TRANSACTION`.
    Begin(&'static str),
    /// Ends one keeping its work: `COMMIT [WORK|TRANSACTION]`, `END [WORK|TRANSACTION]`.
    Commit(&'static str),
    /// Any other transaction control: `ROLLBACK`, `ABORT`, `SAVEPOINT`, `RELEASE`,
    /// `ROLLBACK TO`, `COMMIT AND CHAIN`, `PREPARE TRANSACTION`.
    Control(&'static str),
    /// A statement PostgreSQL refuses inside a transaction block.
    NoTransactionBlock(&'static str),
    /// `ALTER TYPE … ADD VALUE`: allowed in a transaction (PostgreSQL 12+), but the
    /// new value cannot be used before that transaction commits.
    EnumAddValue,
    /// Must be the first statement of its transaction (`SET TRANSACTION`).
    MustBeFirst(&'static str),
}

impl StatementTx {
    /// The statement as the user would search for it, e.g. `CREATE INDEX CONCURRENTLY`.
    pub fn label(&self) -> &'static str {
        match self {
            StatementTx::Begin(s)
            | StatementTx::Commit(s)
            | StatementTx::Control(s)
            | StatementTx::NoTransactionBlock(s)
            | StatementTx::MustBeFirst(s) => s,
            StatementTx::EnumAddValue => "ALTER TYPE ... ADD VALUE",
        }
    }

    /// Why a statement of this kind cannot run inside a larger transaction.
    pub fn why(&self) -> &'static str {
        match self {
            StatementTx::Begin(_) | StatementTx::Commit(_) | StatementTx::Control(_) => "transaction control inside the file",
            StatementTx::NoTransactionBlock(_) => "cannot run inside a transaction block",
            StatementTx::EnumAddValue => "a later migration in the same transaction could not use the new value",
            StatementTx::MustBeFirst(_) => "must be the first statement of its transaction",
        }
    }

    /// Whether this is transaction control (BEGIN, COMMIT, ROLLBACK, SAVEPOINT, …).
    pub fn is_control(&self) -> bool {
        matches!(self, StatementTx::Begin(_) | StatementTx::Commit(_) | StatementTx::Control(_))
    }

    fn not_groupable(&self, line: usize) -> NotGroupable {
        NotGroupable { statement: self.label().to_string(), why: self.why().to_string(), line }
    }
}

/// How `sql` relates to a transaction.
///
/// `first_line`: the line number of the first byte of `sql` in its file (dbmate sections).
pub fn shape(sql: &str, first_line: usize) -> TxShape {
    analyse(sql, first_line).shape
}

/// What a piece of SQL sets for its own transaction only. The tool's per-file transaction ends
/// these at the file's commit; a release that runs several files in one transaction must end
/// them itself after the file (see `release::all`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TransactionScoped {
    /// Run-time parameters set with `SET LOCAL` or `set_config(name, value, true)` (lower case,
    /// as `current_setting` takes them: `role`, `search_path`, `timezone`, `app.tenant`, ...).
    pub params: Vec<String>,
    /// `SET CONSTRAINTS …`: the deferral modes last until the transaction ends.
    pub constraints: bool,
}

impl TransactionScoped {
    pub fn is_empty(&self) -> bool {
        self.params.is_empty() && !self.constraints
    }
}

/// Which run-time parameters `sql` sets for its transaction only, found on the tokens (a `SET
/// LOCAL` in a comment, a string or a function body is not one). `Err` names a statement whose
/// scope cannot be told, or a parameter set both for the transaction and for the session (its
/// value after the file's commit is the session's, which cannot be read inside the transaction).
pub fn transaction_scoped(sql: &str, first_line: usize) -> Result<TransactionScoped, NotGroupable> {
    analyse(sql, first_line).scoped
}

/// What [`analyse`] finds in one piece of SQL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Analysis {
    /// As [`shape`].
    pub shape: TxShape,
    /// As [`transaction_scoped`].
    pub scoped: Result<TransactionScoped, NotGroupable>,
    /// Whether a statement may change how PostgreSQL reads the statements after it (sets
    /// `standard_conforming_strings` to anything but on, resets it, or updates `pg_settings`),
    /// found on the tokens. PostgreSQL parses a whole simple-query message before running it, so
    /// such SQL must reach the server in one message, as the tool sends it.
    pub changes_parsing: bool,
}

/// Words that make [`analyse`] look at every token of a statement, whatever its first word.
const WATCH: &[&str] = &["set_config", "pg_settings"];

/// [`shape`], [`transaction_scoped`] and [`Analysis::changes_parsing`] in one pass over the
/// statements of `sql`, holding per statement only its place and first code tokens: memory does
/// not grow with the size of `sql` (a 60 MB seed file is millions of tokens). A statement's
/// tokens are looked at all together only when [`classify`] or the settings need more than its
/// first words (see [`needs_every_token`]), e.g. a `SET`, a `DO`, an `ALTER`.
pub fn analyse(sql: &str, first_line: usize) -> Analysis {
    let mut wrap = WrapperScan::default();
    let mut settings = SettingsScan::default();
    let mut changes_parsing = false;
    let mut index = 0usize;
    for span in sql::Statements::new(sql, first_line).watching(WATCH) {
        if span.is_blank() {
            continue;
        }
        let watched = (0..WATCH.len()).any(|i| span.mentions(i));
        let kind = if watched || needs_every_token(span.lead()) {
            let tokens = sql::tokenize_from(span.text, span.start_line);
            let c: Vec<&Token<'_>> = tokens.iter().filter(|t| t.is_code()).collect();
            settings.statement(&c, span.line, span.mentions(0));
            changes_parsing |= span.mentions(1) || settings.changes_parsing(&c);
            let kind = classify(&c);
            if matches!(kind, Some(StatementTx::Begin(_))) && wrap.begin.is_none() {
                wrap.begin_bare = c.len() <= 2 && c.iter().skip(1).all(|t| t.is_word("WORK") || t.is_word("TRANSACTION"));
            }
            kind
        } else {
            let lead = span.lead();
            let mut refs = [&lead[0]; sql::LEAD];
            for (r, t) in refs.iter_mut().zip(lead) {
                *r = t;
            }
            classify(&refs[..lead.len()])
        };
        wrap.statement(index, kind, &span);
        index += 1;
    }
    Analysis { shape: wrap.shape(), scoped: settings.result(), changes_parsing }
}

/// Whether [`classify`] or the settings scan need more of a statement than its first
/// [`sql::LEAD`] code tokens `lead` (a `CREATE`/`DROP` is classified on its first four words;
/// any other statement not listed here is never classified).
fn needs_every_token(lead: &[Token<'_>]) -> bool {
    const WORDS: &[&str] = &[
        "BEGIN",
        "START",
        "COMMIT",
        "END",
        "ROLLBACK",
        "ABORT",
        "SAVEPOINT",
        "RELEASE",
        "PREPARE",
        "SET",
        "RESET",
        "VACUUM",
        "DISCARD",
        "CLUSTER",
        "REINDEX",
        "ALTER",
        "DO",
    ];
    match lead {
        [first, ..] if first.kind == TokenKind::Word && WORDS.iter().any(|w| first.is_word(w)) => true,
        [first, second, ..] => first.is_word("CREATE") && second.is_word("SUBSCRIPTION"),
        _ => false,
    }
}

/// One statement of [`WrapperScan`]: its index among the statements with code, what it is, where.
#[derive(Debug, Clone, Copy)]
struct Seen {
    index: usize,
    kind: Option<StatementTx>,
    line: usize,
    offset: usize,
    len: usize,
}

/// The shape of a text from its statements one at a time: the wrapper is the first BEGIN and a
/// COMMIT that is the very last statement, so the first BEGIN, the last statement and the first
/// two statements classified as not groupable decide it (when those two are the wrapper's BEGIN
/// and COMMIT, nothing comes after the COMMIT and nothing else was classified before it).
#[derive(Default)]
struct WrapperScan {
    begin: Option<Seen>,
    begin_bare: bool,
    last: Option<Seen>,
    classified: Vec<Seen>,
}

impl WrapperScan {
    fn statement(&mut self, index: usize, kind: Option<StatementTx>, span: &sql::Span<'_>) {
        let seen = Seen { index, kind, line: span.line, offset: span.offset, len: span.text.len() };
        if matches!(kind, Some(StatementTx::Begin(_))) && self.begin.is_none() {
            self.begin = Some(seen);
        }
        if kind.is_some_and(|k| k != StatementTx::EnumAddValue) && self.classified.len() < 2 {
            self.classified.push(seen);
        }
        self.last = Some(seen);
    }

    fn shape(&self) -> TxShape {
        let wrapper = match (self.begin, self.last) {
            (Some(b), Some(l)) if b.index < l.index && matches!(l.kind, Some(StatementTx::Commit(_))) => Some((b, l)),
            _ => None,
        };
        // Anything else the tokenizer classifies (a second BEGIN, a COMMIT in the middle or a
        // statement after the final COMMIT, a SAVEPOINT, CONCURRENTLY, ...) is not groupable.
        // `ALTER TYPE … ADD VALUE` is: PostgreSQL 12+ runs it in a transaction, and only a later use
        // of the new value in the same transaction fails (55P04), which the release then answers
        // by falling back to one transaction per file.
        let offender = self.classified.iter().find(|s| wrapper.is_none_or(|(b, l)| s.index != b.index && s.index != l.index));
        if let Some(Seen { kind: Some(k), line, .. }) = offender {
            return TxShape::NotGroupable(k.not_groupable(*line));
        }
        let Some((begin, commit)) = wrapper else {
            return TxShape::Plain;
        };
        if begin.index > 0 && !self.begin_bare {
            // After other statements PostgreSQL refuses an isolation level, and a READ ONLY
            // would refuse what follows: the release's transaction could not do the same.
            return TxShape::NotGroupable(NotGroupable {
                statement: begin.kind.map_or("BEGIN", |k| k.label()).to_string(),
                why: "transaction modes on a BEGIN that follows other statements".into(),
                line: begin.line,
            });
        }
        // `begin.offset` is just after the `;` before it; its text stops just before its own `;`.
        TxShape::Wrapped { prefix: (begin.index > 0).then_some(0..begin.offset), inner: begin.offset + begin.len + 1..commit.offset }
    }
}

/// What a text sets for its transaction only, from its statements one at a time (see
/// [`transaction_scoped`]).
#[derive(Default)]
struct SettingsScan {
    scoped: TransactionScoped,
    /// Parameters set for the session: the first line of each.
    session: Vec<(String, usize)>,
    error: Option<NotGroupable>,
}

impl SettingsScan {
    /// One statement's code tokens `c`; `calls_set_config`: it has the word `set_config`.
    fn statement(&mut self, c: &[&Token<'_>], line: usize, calls_set_config: bool) {
        if self.error.is_some() {
            return;
        }
        let Some(first) = c.first() else { return };
        if first.is_word("SET") {
            match set_target(c) {
                Some(SetTarget::Constraints) => self.scoped.constraints = true,
                Some(SetTarget::Param { name, local: true }) => push_unique(&mut self.scoped.params, name),
                Some(SetTarget::Param { name, local: false }) => self.session_param(name, line),
                None => {}
            }
        } else if first.is_word("RESET") {
            // `RESET x` sets the session value (and ends a `SET LOCAL` of it).
            if let Some(name) = c.get(1).map(|t| param_name(t)) {
                self.session_param(name, line);
            }
        }
        if !calls_set_config {
            return;
        }
        for (i, t) in c.iter().enumerate() {
            let Some(call) = set_config_call(c, i) else { continue };
            match call {
                (Some(name), Some(true)) => push_unique(&mut self.scoped.params, name),
                (Some(name), Some(false)) => self.session_param(name, line),
                _ => {
                    self.error = Some(NotGroupable {
                        statement: "set_config(...)".into(),
                        why: "its parameter name or scope is not a literal, so the runner cannot tell what the file's commit would end"
                            .into(),
                        line: t.line,
                    });
                    return;
                }
            }
        }
    }

    fn session_param(&mut self, name: String, line: usize) {
        // Only the first line of each parameter can be reported.
        if !self.session.iter().any(|(n, _)| *n == name) {
            self.session.push((name, line));
        }
    }

    /// Whether the statement with code tokens `c` may change how later statements are parsed
    /// (see [`Analysis::changes_parsing`]).
    fn changes_parsing(&self, c: &[&Token<'_>]) -> bool {
        const NAME: &str = "standard_conforming_strings";
        let literal_on = |t: Option<&&Token<'_>>| {
            t.is_some_and(|t| match t.kind {
                TokenKind::Word | TokenKind::Number => pg_bool(t.text) == Some(true),
                TokenKind::String => pg_bool(&string_value(t.text)) == Some(true),
                _ => false,
            })
        };
        let Some(first) = c.first() else { return false };
        if first.is_word("SET") {
            if let Some(SetTarget::Param { name, .. }) = set_target(c) {
                if name == NAME {
                    // `SET [SESSION|LOCAL] standard_conforming_strings {=|TO} on`, nothing else.
                    let value = c.iter().position(|t| t.text == "=" || t.is_word("TO")).map(|i| i + 1);
                    return !(value.is_some_and(|v| literal_on(c.get(v))) && value.is_some_and(|v| v + 1 == c.len()));
                }
            }
        } else if first.is_word("RESET") {
            return c.get(1).is_some_and(|t| t.is_word("ALL") || param_name(t) == NAME);
        }
        // A `set_config` of it to anything but on, or of a parameter whose name is not a literal.
        (0..c.len()).filter_map(|i| set_config_call(c, i).map(|call| (i, call))).any(|(i, (name, _))| match name {
            None => true,
            Some(name) => name == NAME && !call_args(&c[i + 2..]).get(1).is_some_and(|a| a.len() == 1 && literal_on(a.first())),
        })
    }

    fn result(self) -> Result<TransactionScoped, NotGroupable> {
        if let Some(e) = self.error {
            return Err(e);
        }
        let scoped = self.scoped;
        if let Some((name, line)) =
            self.session.iter().find(|(n, _)| scoped.params.contains(n) || (n == "all" && !scoped.params.is_empty()))
        {
            return Err(NotGroupable {
                statement: format!("SET {name}"),
                why: "it is set both for the transaction (SET LOCAL) and for the session in the same file".into(),
                line: *line,
            });
        }
        Ok(scoped)
    }
}

/// A `set_config(name, value, is_local)` call at `c[i]`: its name (lower case) and scope when
/// they are literals.
fn set_config_call(c: &[&Token<'_>], i: usize) -> Option<(Option<String>, Option<bool>)> {
    if !c[i].is_word("set_config") || c.get(i + 1).is_none_or(|p| p.text != "(") {
        return None;
    }
    let args = call_args(&c[i + 2..]);
    let name = args.first().and_then(|a| match a.as_slice() {
        [t] if t.kind == TokenKind::String => Some(string_value(t.text).to_ascii_lowercase()),
        _ => None,
    });
    let local = args.get(2).and_then(|a| match a.as_slice() {
        [t] if t.kind == TokenKind::Word => pg_bool(t.text),
        [t] if t.kind == TokenKind::String => pg_bool(&string_value(t.text)),
        _ => None,
    });
    Some((name, local))
}

fn push_unique(v: &mut Vec<String>, name: String) {
    if !v.contains(&name) {
        v.push(name);
    }
}

enum SetTarget {
    Param { name: String, local: bool },
    Constraints,
}

/// What a `SET` statement sets (`None` for `SET TRANSACTION`/`SET SESSION CHARACTERISTICS`,
/// which [`classify`] and the session already cover).
fn set_target(c: &[&Token<'_>]) -> Option<SetTarget> {
    let (local, i) = if w(c, 1, "LOCAL") {
        (true, 2)
    } else if w(c, 1, "SESSION") && !w(c, 2, "AUTHORIZATION") && !w(c, 2, "CHARACTERISTICS") {
        (false, 2)
    } else {
        (false, 1)
    };
    let name = match c.get(i)? {
        t if t.is_word("CONSTRAINTS") => return Some(SetTarget::Constraints),
        t if t.is_word("TRANSACTION") || t.is_word("CHARACTERISTICS") => return None,
        t if t.is_word("ROLE") => "role".to_string(),
        t if t.is_word("SCHEMA") => "search_path".to_string(),
        t if t.is_word("NAMES") => "client_encoding".to_string(),
        t if t.is_word("TIME") && w(c, i + 1, "ZONE") => "timezone".to_string(),
        t if t.is_word("XML") && w(c, i + 1, "OPTION") => "xmloption".to_string(),
        t if t.is_word("SESSION") && w(c, i + 1, "AUTHORIZATION") => "session_authorization".to_string(),
        t => {
            // `name` or `prefix.name` (custom parameters), possibly quoted.
            let mut name = param_name(t);
            let mut j = i + 1;
            while c.get(j).is_some_and(|p| p.text == ".") && c.get(j + 1).is_some() {
                name = format!("{name}.{}", param_name(c[j + 1]));
                j += 2;
            }
            name
        }
    };
    Some(SetTarget::Param { name, local })
}

/// A parameter name as PostgreSQL folds it: bare words lower case, quoted ones as written.
fn param_name(t: &Token<'_>) -> String {
    match t.kind {
        TokenKind::QuotedIdent => t.text.trim_matches('"').replace("\"\"", "\""),
        _ => t.text.to_ascii_lowercase(),
    }
}

/// The value of a plain `'…'` string token (`''` undoubled).
fn string_value(text: &str) -> String {
    text.strip_prefix('\'').and_then(|t| t.strip_suffix('\'')).unwrap_or(text).replace("''", "'")
}

/// PostgreSQL's boolean input for a literal (`true`, `'t'`, `'on'`, `1`, ...).
fn pg_bool(s: &str) -> Option<bool> {
    match s.trim().to_ascii_lowercase().as_str() {
        "true" | "t" | "on" | "yes" | "y" | "1" => Some(true),
        "false" | "f" | "off" | "no" | "n" | "0" => Some(false),
        _ => None,
    }
}

/// The arguments of a call whose `(` was just before `c` (tokens of each, up to the matching `)`).
fn call_args<'t, 'a>(c: &'t [&'t Token<'a>]) -> Vec<Vec<&'t Token<'a>>> {
    let mut args = vec![Vec::new()];
    let mut depth = 0i32;
    for t in c {
        match t.text {
            "(" => depth += 1,
            ")" if depth == 0 => break,
            ")" => depth -= 1,
            "," if depth == 0 => {
                args.push(Vec::new());
                continue;
            }
            _ => {}
        }
        if let Some(last) = args.last_mut() {
            last.push(*t);
        }
    }
    args
}

/// Whether the transaction control among `kinds` (one entry per statement
/// with code, from [`classify`]) is exactly one `BEGIN`/`START TRANSACTION`
/// and one `COMMIT`/`END` as the very last statement. Sent in one call, such a
/// file is as atomic as without them: statements before the `BEGIN` join its
/// transaction block (PostgreSQL turns the implicit block into an explicit
/// one), and nothing runs after the `COMMIT`.
pub fn atomic_wrapper(kinds: &[Option<StatementTx>]) -> bool {
    let control: Vec<(usize, StatementTx)> =
        kinds.iter().enumerate().filter_map(|(i, k)| k.filter(StatementTx::is_control).map(|k| (i, k))).collect();
    matches!(control.as_slice(), [(_, StatementTx::Begin(_)), (j, StatementTx::Commit(_))] if *j + 1 == kinds.len())
}

fn w(c: &[&Token<'_>], i: usize, kw: &str) -> bool {
    c.get(i).is_some_and(|t| t.is_word(kw))
}

fn has(c: &[&Token<'_>], kw: &str) -> bool {
    c.iter().any(|t| t.is_word(kw))
}

/// Index of the first word at or after `i` that is outside parentheses
/// (skips option lists such as `REINDEX (VERBOSE) …`).
fn next_word(c: &[&Token<'_>], mut i: usize) -> Option<usize> {
    let mut depth = 0i32;
    while let Some(t) = c.get(i) {
        match t.text {
            "(" => depth += 1,
            ")" => depth -= 1,
            _ if depth == 0 && t.kind == TokenKind::Word => return Some(i),
            _ => {}
        }
        i += 1;
    }
    None
}

/// What the statement made of the code tokens `c` (no whitespace or
/// comments) is with respect to transactions; `None` for an ordinary statement.
pub fn classify(c: &[&Token<'_>]) -> Option<StatementTx> {
    use StatementTx::*;
    let first = c.first().filter(|t| t.kind == TokenKind::Word)?;
    let k = first.text.to_ascii_uppercase();
    let chain = || c.windows(2).any(|p| p[0].is_word("AND") && p[1].is_word("CHAIN")) && !has(c, "NO");
    match k.as_str() {
        "BEGIN" => Some(Begin("BEGIN")),
        "START" if w(c, 1, "TRANSACTION") => Some(Begin("START TRANSACTION")),
        "COMMIT" if w(c, 1, "PREPARED") => Some(NoTransactionBlock("COMMIT PREPARED")),
        "COMMIT" | "END" if chain() => Some(Control(if k == "COMMIT" { "COMMIT AND CHAIN" } else { "END AND CHAIN" })),
        "COMMIT" => Some(Commit("COMMIT")),
        "END" => Some(Commit("END")),
        "ROLLBACK" if w(c, 1, "PREPARED") => Some(NoTransactionBlock("ROLLBACK PREPARED")),
        "ROLLBACK" if w(c, 1, "TO") || w(c, 2, "TO") => Some(Control("ROLLBACK TO SAVEPOINT")),
        "ROLLBACK" => Some(Control("ROLLBACK")),
        "ABORT" => Some(Control("ABORT")),
        "SAVEPOINT" => Some(Control("SAVEPOINT")),
        "RELEASE" => Some(Control("RELEASE SAVEPOINT")),
        "PREPARE" if w(c, 1, "TRANSACTION") => Some(Control("PREPARE TRANSACTION")),
        "SET" if w(c, 1, "TRANSACTION") => Some(MustBeFirst("SET TRANSACTION")),
        "VACUUM" => Some(NoTransactionBlock("VACUUM")),
        "DISCARD" if w(c, 1, "ALL") => Some(NoTransactionBlock("DISCARD ALL")),
        // `CLUSTER` without a table reclusters the whole database.
        "CLUSTER" if c.iter().filter(|t| t.kind == TokenKind::Word).all(|t| t.is_word("CLUSTER") || t.is_word("VERBOSE")) => {
            Some(NoTransactionBlock("CLUSTER"))
        }
        "REINDEX" => {
            let target = next_word(c, 1);
            if has(c, "CONCURRENTLY") {
                Some(NoTransactionBlock("REINDEX CONCURRENTLY"))
            } else if target.is_some_and(|i| w(c, i, "DATABASE")) {
                Some(NoTransactionBlock("REINDEX DATABASE"))
            } else if target.is_some_and(|i| w(c, i, "SYSTEM")) {
                Some(NoTransactionBlock("REINDEX SYSTEM"))
            } else if target.is_some_and(|i| w(c, i, "SCHEMA")) {
                Some(NoTransactionBlock("REINDEX SCHEMA"))
            } else {
                None
            }
        }
        "CREATE" => {
            let i = if w(c, 1, "UNIQUE") { 2 } else { 1 };
            if w(c, i, "INDEX") && w(c, i + 1, "CONCURRENTLY") {
                Some(NoTransactionBlock("CREATE INDEX CONCURRENTLY"))
            } else if w(c, 1, "DATABASE") {
                Some(NoTransactionBlock("CREATE DATABASE"))
            } else if w(c, 1, "TABLESPACE") {
                Some(NoTransactionBlock("CREATE TABLESPACE"))
            } else if w(c, 1, "SUBSCRIPTION") && !option_false(c, "create_slot") {
                Some(NoTransactionBlock("CREATE SUBSCRIPTION"))
            } else {
                None
            }
        }
        "DROP" => {
            if w(c, 1, "INDEX") && w(c, 2, "CONCURRENTLY") {
                Some(NoTransactionBlock("DROP INDEX CONCURRENTLY"))
            } else if w(c, 1, "DATABASE") {
                Some(NoTransactionBlock("DROP DATABASE"))
            } else if w(c, 1, "TABLESPACE") {
                Some(NoTransactionBlock("DROP TABLESPACE"))
            } else if w(c, 1, "SUBSCRIPTION") {
                Some(NoTransactionBlock("DROP SUBSCRIPTION"))
            } else {
                None
            }
        }
        "ALTER" => {
            if w(c, 1, "SYSTEM") {
                Some(NoTransactionBlock("ALTER SYSTEM"))
            } else if w(c, 1, "DATABASE") && c.windows(2).any(|p| p[0].is_word("SET") && p[1].is_word("TABLESPACE")) {
                Some(NoTransactionBlock("ALTER DATABASE ... SET TABLESPACE"))
            } else if w(c, 1, "TYPE") && c.windows(2).any(|p| p[0].is_word("ADD") && p[1].is_word("VALUE")) {
                Some(EnumAddValue)
            } else if w(c, 1, "TABLE") && has(c, "DETACH") && has(c, "CONCURRENTLY") {
                Some(NoTransactionBlock("ALTER TABLE ... DETACH PARTITION ... CONCURRENTLY"))
            } else if w(c, 1, "SUBSCRIPTION") && (has(c, "REFRESH") || (has(c, "PUBLICATION") && !option_false(c, "refresh"))) {
                Some(NoTransactionBlock("ALTER SUBSCRIPTION ... PUBLICATION"))
            } else {
                None
            }
        }
        "DO" if do_body_commits(c) => Some(NoTransactionBlock("COMMIT inside a DO block")),
        _ => None,
    }
}

/// Whether `WITH (… option = false …)` turns `option` off.
fn option_false(c: &[&Token<'_>], option: &str) -> bool {
    c.iter().enumerate().any(|(i, t)| {
        t.is_word(option)
            && c.get(i + 1).is_some_and(|e| e.text == "=")
            && c.get(i + 2).is_some_and(|v| {
                let v = v.text.trim_matches('\'');
                ["false", "off", "0", "no"].iter().any(|f| v.eq_ignore_ascii_case(f))
            })
    })
}

/// Whether a `DO` block's dollar-quoted PL/pgSQL body contains a `COMMIT` or
/// `ROLLBACK` statement (allowed only outside a transaction block).
fn do_body_commits(c: &[&Token<'_>]) -> bool {
    // The body's code tokens one at a time, with the one before and the one after (a seed-data
    // DO block can be tens of MB).
    c.iter().filter(|t| t.kind == TokenKind::DollarString).any(|t| {
        let mut code = sql::Tokens::new(dollar_body(t.text), 1).filter(Token::is_code);
        let (mut before, mut current): (Option<Token<'_>>, Option<Token<'_>>) = (None, code.next());
        while let Some(t) = current {
            let after = code.next();
            if (t.is_word("COMMIT") || t.is_word("ROLLBACK"))
                && after.is_none_or(|n| n.text == ";" || n.is_word("AND"))
                && before.is_none_or(|b| b.text == ";" || ["BEGIN", "THEN", "ELSE", "LOOP"].iter().any(|k| b.is_word(k)))
            {
                return true;
            }
            (before, current) = (Some(t), after);
        }
        false
    })
}

/// The text between the opening and closing tags of a `$tag$…$tag$` token.
fn dollar_body(text: &str) -> &str {
    let Some(open_end) = text[1..].find('$').map(|p| p + 2) else {
        return "";
    };
    let tag = &text[..open_end];
    let rest = &text[open_end..];
    rest.strip_suffix(tag).unwrap_or(rest)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`shape`] as it was before [`analyse`]: every statement's tokens at once (the reference the
    /// one-pass analysis is checked against).
    fn reference_shape(sql: &str, first_line: usize) -> TxShape {
        let stmts: Vec<sql::Statement<'_>> = sql::split_from(sql, first_line).into_iter().filter(|s| !s.is_blank()).collect();
        let kinds: Vec<Option<StatementTx>> = stmts.iter().map(|s| classify(&s.code().collect::<Vec<_>>())).collect();
        // The wrapper: the first BEGIN, and a COMMIT that is the very last statement.
        let last = stmts.len().checked_sub(1);
        let begin = kinds.iter().position(|k| matches!(k, Some(StatementTx::Begin(_))));
        let wrapper = match (begin, last) {
            (Some(b), Some(l)) if b < l && matches!(kinds[l], Some(StatementTx::Commit(_))) => Some((b, l)),
            _ => None,
        };
        // Anything else the tokenizer classifies (a second BEGIN, a COMMIT in the middle or a
        // statement after the final COMMIT, a SAVEPOINT, CONCURRENTLY, ...) is not groupable.
        // `ALTER TYPE … ADD VALUE` is: PostgreSQL 12+ runs it in a transaction, and only a later use
        // of the new value in the same transaction fails (55P04), which the release then answers
        // by falling back to one transaction per file.
        let offender = (0..stmts.len())
            .filter(|i| wrapper.is_none_or(|(b, l)| *i != b && *i != l))
            .find_map(|i| kinds[i].filter(|k| *k != StatementTx::EnumAddValue).map(|k| (i, k)));
        if let Some((i, k)) = offender {
            return TxShape::NotGroupable(k.not_groupable(stmts[i].line));
        }
        let Some((b, l)) = wrapper else {
            return TxShape::Plain;
        };
        let (begin, commit) = (&stmts[b], &stmts[l]);
        if b > 0 && !bare_begin(begin) {
            // After other statements PostgreSQL refuses an isolation level, and a READ ONLY
            // would refuse what follows: the release's transaction could not do the same.
            return TxShape::NotGroupable(NotGroupable {
                statement: kinds[b].map_or("BEGIN", |k| k.label()).to_string(),
                why: "transaction modes on a BEGIN that follows other statements".into(),
                line: begin.line,
            });
        }
        // `begin.offset` is just after the `;` before it; `begin.text` stops just before its own `;`.
        TxShape::Wrapped { prefix: (b > 0).then_some(0..begin.offset), inner: begin.offset + begin.text.len() + 1..commit.offset }
    }

    /// [`do_body_commits`] as it was before it read the body one token at a time (the reference).
    fn reference_do_body_commits(c: &[&Token<'_>]) -> bool {
        c.iter().filter(|t| t.kind == TokenKind::DollarString).any(|t| {
            let body = dollar_body(t.text);
            let toks: Vec<Token<'_>> = sql::tokenize(body).into_iter().filter(Token::is_code).collect();
            toks.iter().enumerate().any(|(i, t)| {
                (t.is_word("COMMIT") || t.is_word("ROLLBACK"))
                    && toks.get(i + 1).is_none_or(|n| n.text == ";" || n.is_word("AND"))
                    && (i == 0 || toks[i - 1].text == ";" || ["BEGIN", "THEN", "ELSE", "LOOP"].iter().any(|k| toks[i - 1].is_word(k)))
            })
        })
    }

    /// `BEGIN`, `BEGIN WORK`, `BEGIN TRANSACTION` or `START TRANSACTION`, without transaction modes.
    fn bare_begin(s: &sql::Statement<'_>) -> bool {
        let c: Vec<&Token<'_>> = s.code().collect();
        c.len() <= 2 && c.iter().skip(1).all(|t| t.is_word("WORK") || t.is_word("TRANSACTION"))
    }

    /// [`transaction_scoped`] as it was before [`analyse`] (the reference).
    fn reference_scoped(sql: &str, first_line: usize) -> Result<TransactionScoped, NotGroupable> {
        let mut scoped = TransactionScoped::default();
        let mut session: Vec<(String, usize)> = Vec::new();
        for stmt in sql::split_from(sql, first_line) {
            let c: Vec<&Token<'_>> = stmt.code().collect();
            let Some(first) = c.first() else { continue };
            if first.is_word("SET") {
                match set_target(&c) {
                    Some(SetTarget::Constraints) => scoped.constraints = true,
                    Some(SetTarget::Param { name, local: true }) => push_unique(&mut scoped.params, name),
                    Some(SetTarget::Param { name, local: false }) => session.push((name, stmt.line)),
                    None => {}
                }
            } else if first.is_word("RESET") {
                // `RESET x` sets the session value (and ends a `SET LOCAL` of it).
                if let Some(name) = c.get(1).map(|t| param_name(t)) {
                    session.push((name, stmt.line));
                }
            }
            for (i, t) in c.iter().enumerate() {
                if !t.is_word("set_config") || c.get(i + 1).is_none_or(|p| p.text != "(") {
                    continue;
                }
                let args = call_args(&c[i + 2..]);
                let name = args.first().and_then(|a| match a.as_slice() {
                    [t] if t.kind == TokenKind::String => Some(string_value(t.text).to_ascii_lowercase()),
                    _ => None,
                });
                let local = args.get(2).and_then(|a| match a.as_slice() {
                    [t] if t.kind == TokenKind::Word => pg_bool(t.text),
                    [t] if t.kind == TokenKind::String => pg_bool(&string_value(t.text)),
                    _ => None,
                });
                match (name, local) {
                    (Some(name), Some(true)) => push_unique(&mut scoped.params, name),
                    (Some(name), Some(false)) => session.push((name, stmt.line)),
                    _ => {
                        return Err(NotGroupable {
                            statement: "set_config(...)".into(),
                            why: "its parameter name or scope is not a literal, so the runner cannot tell what the file's commit would end"
                                .into(),
                            line: t.line,
                        });
                    }
                }
            }
        }
        if let Some((name, line)) = session.iter().find(|(n, _)| scoped.params.contains(n) || (n == "all" && !scoped.params.is_empty())) {
            return Err(NotGroupable {
                statement: format!("SET {name}"),
                why: "it is set both for the transaction (SET LOCAL) and for the session in the same file".into(),
                line: *line,
            });
        }
        Ok(scoped)
    }

    fn not_groupable(sql: &str) -> (String, String, usize) {
        match shape(sql, 1) {
            TxShape::NotGroupable(n) => (n.statement, n.why, n.line),
            other => panic!("expected NotGroupable for {sql:?}, got {other:?}"),
        }
    }

    fn inner(sql: &str) -> &str {
        match shape(sql, 1) {
            TxShape::Wrapped { prefix: None, inner } => &sql[inner],
            other => panic!("expected Wrapped without a prefix for {sql:?}, got {other:?}"),
        }
    }

    /// The prefix and the inner statements of a wrapper with statements before its BEGIN.
    fn prefix_and_inner(sql: &str) -> (&str, &str) {
        match shape(sql, 1) {
            TxShape::Wrapped { prefix: Some(prefix), inner } => (&sql[prefix], &sql[inner]),
            other => panic!("expected Wrapped with a prefix for {sql:?}, got {other:?}"),
        }
    }

    const NO_TX: &str = "cannot run inside a transaction block";
    const CONTROL: &str = "transaction control inside the file";

    #[test]
    fn plain_sql_and_keywords_in_comments_strings_and_bodies() {
        for sql in [
            "",
            "-- only a comment\n/* and another; COMMIT; */\n",
            "CREATE TABLE t (id int);\nINSERT INTO t VALUES (1);",
            "SELECT 'BEGIN; COMMIT;', E'it\\'s; ROLLBACK', \"commit\" FROM t;",
            "-- BEGIN;\nCREATE TABLE a (id int);\n-- COMMIT;\n",
            "DO $$ BEGIN IF NOT EXISTS (SELECT 1) THEN CREATE TYPE e AS ENUM ('a'); END IF; END $$;",
            "CREATE FUNCTION f() RETURNS trigger AS $fn$\nBEGIN\n  NEW.at = now();\n  RETURN NEW;\nEND;\n$fn$ LANGUAGE plpgsql;",
            "CREATE OR REPLACE FUNCTION g() RETURNS int LANGUAGE sql\nBEGIN ATOMIC\n  SELECT 1;\nEND;\nCREATE TABLE x (id int);",
            "CREATE INDEX t_idx ON t (id);\nREINDEX TABLE t;\nANALYZE t;\nCLUSTER t USING t_idx;",
            "PREPARE q AS SELECT 1;\nSET lock_timeout = '5s';\nALTER TYPE e ADD ATTRIBUTE a int;",
            "CREATE SUBSCRIPTION s CONNECTION 'x' PUBLICATION p WITH (create_slot = false);",
        ] {
            assert_eq!(shape(sql, 1), TxShape::Plain, "{sql:?}");
        }
    }

    #[test]
    fn whole_file_wrappers_are_wrapped_with_their_inner_statements() {
        assert_eq!(inner("BEGIN;\nCREATE TABLE a (id int);\nCOMMIT;\n"), "\nCREATE TABLE a (id int);");
        assert_eq!(
            inner("-- header\nbegin transaction;\nCREATE TABLE a (id int);\nCREATE TABLE b (id int);\nend;\n-- trailer\n"),
            "\nCREATE TABLE a (id int);\nCREATE TABLE b (id int);"
        );
        assert_eq!(inner("START TRANSACTION;\nSELECT 1;\nCOMMIT TRANSACTION"), "\nSELECT 1;");
        assert_eq!(inner("BEGIN ISOLATION LEVEL SERIALIZABLE;\nSELECT 1;\nCOMMIT WORK;"), "\nSELECT 1;");
        assert_eq!(inner("BEGIN WORK; COMMIT;"), "");
        // A function body with BEGIN/END/COMMIT words inside the wrapper.
        let sql = "BEGIN;\nCREATE FUNCTION f() RETURNS void AS $$ BEGIN PERFORM 1; END $$ LANGUAGE plpgsql;\nDO $x$ BEGIN RAISE NOTICE 'COMMIT;'; END $x$;\nCOMMIT;\n";
        assert_eq!(
            inner(sql),
            "\nCREATE FUNCTION f() RETURNS void AS $$ BEGIN PERFORM 1; END $$ LANGUAGE plpgsql;\nDO $x$ BEGIN RAISE NOTICE 'COMMIT;'; END $x$;"
        );
        // The byte range is into the analysed text, whatever `first_line` is.
        let sec = "\nBEGIN;\nSELECT 1;\nCOMMIT;\n";
        assert_eq!(shape(sec, 40), TxShape::Wrapped { prefix: None, inner: 7..17 });
    }

    #[test]
    fn statements_before_the_begin_are_a_prefix_of_the_same_transaction() {
        assert_eq!(
            prefix_and_inner("CREATE EXTENSION IF NOT EXISTS \"uuid-ossp\";\n\nBEGIN;\nCREATE TABLE a (id uuid);\nCOMMIT;\n"),
            ("CREATE EXTENSION IF NOT EXISTS \"uuid-ossp\";", "\nCREATE TABLE a (id uuid);")
        );
        assert_eq!(
            prefix_and_inner(
                "-- header\nSET search_path = app;\nCREATE SCHEMA s;\nstart transaction;\nSELECT 1;\nSELECT 2;\nend work;\n-- done\n"
            ),
            ("-- header\nSET search_path = app;\nCREATE SCHEMA s;", "\nSELECT 1;\nSELECT 2;")
        );
        assert_eq!(prefix_and_inner("SELECT 1; BEGIN TRANSACTION; COMMIT"), ("SELECT 1;", ""));
        // Comments and empty statements before the BEGIN are no prefix.
        assert_eq!(inner("-- a; b\n;;\nBEGIN;\nSELECT 1;\nCOMMIT;"), "\nSELECT 1;");
        // Byte ranges into the analysed text (a dbmate section), lines from `first_line`.
        assert_eq!(shape("\nSELECT 1;\nBEGIN;\nSELECT 2;\nCOMMIT;\n", 7), TxShape::Wrapped { prefix: Some(0..10), inner: 17..27 });
    }

    #[test]
    fn a_prefixed_wrapper_stays_not_groupable_where_one_transaction_would_differ() {
        let cases: &[(&str, &str, &str, usize)] = &[
            // After the final COMMIT the tool runs outside the file's transaction.
            ("CREATE EXTENSION x;\nBEGIN;\nSELECT 1;\nCOMMIT;\nSELECT 2;", "BEGIN", CONTROL, 2),
            ("BEGIN;\nSELECT 1;\nCOMMIT;\nCREATE EXTENSION x;", "BEGIN", CONTROL, 1),
            // Transaction control before the BEGIN.
            ("SELECT 1;\nCOMMIT;\nBEGIN;\nSELECT 2;\nCOMMIT;", "COMMIT", CONTROL, 2),
            ("SELECT 1;\nBEGIN;\nBEGIN;\nSELECT 2;\nCOMMIT;", "BEGIN", CONTROL, 3),
            ("SAVEPOINT a;\nBEGIN;\nSELECT 2;\nCOMMIT;", "SAVEPOINT", CONTROL, 1),
            // A statement PostgreSQL refuses in a transaction block, before or inside.
            ("CREATE INDEX CONCURRENTLY i ON t (x);\nBEGIN;\nSELECT 1;\nCOMMIT;", "CREATE INDEX CONCURRENTLY", NO_TX, 1),
            ("SELECT 1;\nBEGIN;\nVACUUM t;\nCOMMIT;", "VACUUM", NO_TX, 3),
            // Modes on a BEGIN after other statements: PostgreSQL refuses an isolation level
            // there, and READ ONLY would refuse what follows.
            (
                "SELECT 1;\nBEGIN ISOLATION LEVEL SERIALIZABLE;\nSELECT 2;\nCOMMIT;",
                "BEGIN",
                "transaction modes on a BEGIN that follows other statements",
                2,
            ),
            (
                "CREATE TABLE a (id int);\nSTART TRANSACTION READ ONLY;\nCREATE TABLE b (id int);\nCOMMIT;",
                "START TRANSACTION",
                "transaction modes on a BEGIN that follows other statements",
                2,
            ),
        ];
        for (sql, stmt, why, line) in cases {
            assert_eq!(not_groupable(sql), (stmt.to_string(), why.to_string(), *line), "{sql:?}");
        }
    }

    #[test]
    fn transaction_control_that_is_not_a_whole_file_wrapper() {
        let cases: &[(&str, &str, usize)] = &[
            ("UPDATE t SET x = 1;\nCOMMIT;\nUPDATE t SET x = 2;", "COMMIT", 2),
            ("BEGIN;\nUPDATE t SET x = 1;", "BEGIN", 1),
            ("UPDATE t SET x = 1;\nCOMMIT;", "COMMIT", 2),
            ("BEGIN;\nSELECT 1;\nCOMMIT;\nBEGIN;\nSELECT 2;\nCOMMIT;", "COMMIT", 3),
            // Not a wrapper (it does not end in COMMIT): its BEGIN comes first.
            ("BEGIN;\nSELECT 1;\nROLLBACK;", "BEGIN", 1),
            ("BEGIN;\nSAVEPOINT a;\nSELECT 1;\nRELEASE SAVEPOINT a;\nCOMMIT;", "SAVEPOINT", 2),
            ("BEGIN;\nSELECT 1;\nROLLBACK TO SAVEPOINT a;\nCOMMIT;", "ROLLBACK TO SAVEPOINT", 3),
            ("SELECT 1;\nRELEASE a;", "RELEASE SAVEPOINT", 2),
            ("BEGIN;\nSELECT 1;\nCOMMIT AND CHAIN;", "BEGIN", 1),
            ("SELECT 1;\nCOMMIT AND CHAIN;", "COMMIT AND CHAIN", 2),
            ("BEGIN;\nSELECT 1;\nPREPARE TRANSACTION 'x';", "BEGIN", 1),
            ("SELECT 1;\nPREPARE TRANSACTION 'x';", "PREPARE TRANSACTION", 2),
            ("SELECT 1;\nABORT;", "ABORT", 2),
            ("COMMIT;", "COMMIT", 1),
            ("BEGIN;", "BEGIN", 1),
        ];
        for (sql, stmt, line) in cases {
            assert_eq!(not_groupable(sql), (stmt.to_string(), CONTROL.to_string(), *line), "{sql:?}");
        }
    }

    #[test]
    fn statements_postgresql_refuses_in_a_transaction_block() {
        let cases: &[(&str, &str)] = &[
            ("CREATE INDEX CONCURRENTLY i ON t (x);", "CREATE INDEX CONCURRENTLY"),
            ("create unique index concurrently if not exists i on t (x);", "CREATE INDEX CONCURRENTLY"),
            ("DROP INDEX CONCURRENTLY IF EXISTS i;", "DROP INDEX CONCURRENTLY"),
            ("REINDEX INDEX CONCURRENTLY i;", "REINDEX CONCURRENTLY"),
            ("REINDEX (VERBOSE) TABLE CONCURRENTLY t;", "REINDEX CONCURRENTLY"),
            ("REINDEX DATABASE app;", "REINDEX DATABASE"),
            ("REINDEX (VERBOSE) SYSTEM;", "REINDEX SYSTEM"),
            ("REINDEX SCHEMA public;", "REINDEX SCHEMA"),
            ("VACUUM;", "VACUUM"),
            ("VACUUM (ANALYZE) t;", "VACUUM"),
            ("ALTER SYSTEM SET work_mem = '64MB';", "ALTER SYSTEM"),
            ("CREATE DATABASE other;", "CREATE DATABASE"),
            ("DROP DATABASE IF EXISTS other;", "DROP DATABASE"),
            ("ALTER DATABASE app SET TABLESPACE fast;", "ALTER DATABASE ... SET TABLESPACE"),
            ("CREATE TABLESPACE fast LOCATION '/x';", "CREATE TABLESPACE"),
            ("DROP TABLESPACE fast;", "DROP TABLESPACE"),
            ("CREATE SUBSCRIPTION s CONNECTION 'x' PUBLICATION p;", "CREATE SUBSCRIPTION"),
            ("DROP SUBSCRIPTION s;", "DROP SUBSCRIPTION"),
            ("ALTER SUBSCRIPTION s REFRESH PUBLICATION;", "ALTER SUBSCRIPTION ... PUBLICATION"),
            ("ALTER TABLE p DETACH PARTITION c CONCURRENTLY;", "ALTER TABLE ... DETACH PARTITION ... CONCURRENTLY"),
            ("CLUSTER;", "CLUSTER"),
            ("DISCARD ALL;", "DISCARD ALL"),
            ("COMMIT PREPARED 'x';", "COMMIT PREPARED"),
            ("ROLLBACK PREPARED 'x';", "ROLLBACK PREPARED"),
            ("DO $$\nBEGIN\n  UPDATE t SET x = 1;\n  COMMIT;\nEND\n$$;", "COMMIT inside a DO block"),
        ];
        for (sql, stmt) in cases {
            assert_eq!(not_groupable(sql), (stmt.to_string(), NO_TX.to_string(), 1), "{sql:?}");
        }
    }

    #[test]
    fn offending_statements_inside_a_wrapper_are_not_groupable() {
        let sql = "BEGIN;\nCREATE TABLE t (id int);\n-- build it without locking\nCREATE INDEX CONCURRENTLY i ON t (id);\nCOMMIT;\n";
        assert_eq!(not_groupable(sql), ("CREATE INDEX CONCURRENTLY".into(), NO_TX.into(), 4));
        // An enum value added in a wrapper is groupable (PostgreSQL 12+); before or after it too.
        assert_eq!(inner("BEGIN;\nALTER TYPE mood ADD VALUE 'sad';\nCOMMIT;"), "\nALTER TYPE mood ADD VALUE 'sad';");
        assert_eq!(
            shape("ALTER TYPE e ADD VALUE 'x';\nBEGIN;\nSELECT 1;\nCOMMIT;", 1),
            TxShape::Wrapped { prefix: Some(0..27), inner: 34..44 }
        );
        assert_eq!(shape("ALTER TYPE mood ADD VALUE IF NOT EXISTS 'meh';\nSELECT 1;", 1), TxShape::Plain);
        let sql = "BEGIN;\nSET TRANSACTION ISOLATION LEVEL SERIALIZABLE;\nSELECT 1;\nCOMMIT;";
        assert_eq!(not_groupable(sql), ("SET TRANSACTION".into(), "must be the first statement of its transaction".into(), 2));
        // The first offending statement wins.
        let sql = "VACUUM;\nCOMMIT;";
        assert_eq!(not_groupable(sql).0, "VACUUM");
    }

    #[test]
    fn settings_a_file_makes_for_its_own_transaction_are_found_on_the_tokens() {
        let scoped = |sql: &str| transaction_scoped(sql, 1);
        let params = |sql: &str| scoped(sql).unwrap().params;
        assert_eq!(
            params("SET LOCAL search_path TO app;\nSET LOCAL ROLE admin;\nSET LOCAL TIME ZONE 'UTC';"),
            ["search_path", "role", "timezone"]
        );
        assert_eq!(params("SELECT pg_catalog.set_config('app.Tenant', '7', true);\nSET LOCAL \"app\".\"x\" = 1;"), ["app.tenant", "app.x"]);
        assert_eq!(params("select set_config('lock_timeout', '5s', 't') from t"), ["lock_timeout"]);
        // Session settings, comments, strings and bodies are not transaction-scoped.
        for sql in [
            "SET search_path = app;\nSELECT pg_catalog.set_config('search_path', '', false);\nSET SESSION ROLE x;\nRESET ALL;",
            "-- SET LOCAL role x;\nSELECT 'SET LOCAL x = 1';\nDO $$ BEGIN SET LOCAL search_path = x; END $$;",
            "SET TRANSACTION ISOLATION LEVEL SERIALIZABLE;",
        ] {
            assert_eq!(scoped(sql), Ok(TransactionScoped::default()), "{sql:?}");
        }
        assert!(scoped("SET CONSTRAINTS ALL DEFERRED;\nINSERT INTO t VALUES (1);").unwrap().constraints);
        // Both scopes for one parameter, or a scope that is not a literal: the runner cannot tell.
        let e = scoped("SET LOCAL search_path = a;\nSELECT 1;\nSET search_path = b;").unwrap_err();
        assert_eq!((e.statement.as_str(), e.line), ("SET search_path", 3));
        assert!(scoped("SET LOCAL search_path = a;\nRESET ALL;").is_err());
        let e = scoped("SELECT 1;\nSELECT set_config('search_path', v, is_local) FROM cfg;").unwrap_err();
        assert_eq!((e.statement.as_str(), e.line), ("set_config(...)", 2));
    }

    #[test]
    fn statements_that_change_how_later_ones_are_parsed() {
        let changes = |sql: &str| analyse(sql, 1).changes_parsing;
        // pg_dump's preamble keeps the default.
        assert!(!changes(
            "SET statement_timeout = 0;\nSET standard_conforming_strings = on;\nSET LOCAL standard_conforming_strings TO 'true';"
        ));
        assert!(!changes("SELECT pg_catalog.set_config('standard_conforming_strings', 'on', false);\nINSERT INTO t VALUES ('a\\b');"));
        assert!(!changes("-- SET standard_conforming_strings = off\nSELECT 'SET standard_conforming_strings = off';"));
        for sql in [
            "SET standard_conforming_strings = off;",
            "SET SESSION standard_conforming_strings TO DEFAULT;",
            "RESET standard_conforming_strings;",
            "reset all;",
            "SELECT set_config('Standard_Conforming_Strings', 'off', true);",
            "SELECT set_config(name, 'on', false) FROM t;",
            "UPDATE pg_catalog.pg_settings SET setting = 'off' WHERE name = 'standard_conforming_strings';",
        ] {
            assert!(changes(&format!("INSERT INTO t VALUES (1);\n{sql}\nINSERT INTO t VALUES (2);")), "{sql}");
        }
    }

    #[test]
    fn atomic_wrappers_allow_statements_before_begin_but_nothing_after_commit() {
        let kinds = |sql: &str| -> Vec<Option<StatementTx>> {
            sql::split(sql).iter().filter(|s| !s.is_blank()).map(|s| classify(&s.code().collect::<Vec<_>>())).collect()
        };
        assert!(atomic_wrapper(&kinds("BEGIN;\nSELECT 1;\nCOMMIT;")));
        assert!(atomic_wrapper(&kinds("CREATE EXTENSION IF NOT EXISTS x;\nBEGIN;\nCREATE TABLE t (id int);\nCOMMIT;\n-- end")));
        assert!(atomic_wrapper(&kinds("BEGIN;\nALTER TYPE e ADD VALUE 'x';\nEND;")));
        assert!(!atomic_wrapper(&kinds("BEGIN;\nSELECT 1;\nCOMMIT;\nSELECT 2;")));
        assert!(!atomic_wrapper(&kinds("BEGIN;\nSELECT 1;\nROLLBACK;")));
        assert!(!atomic_wrapper(&kinds("BEGIN;\nSAVEPOINT a;\nCOMMIT;")));
        assert!(!atomic_wrapper(&kinds("SELECT 1;")));
        assert!(!atomic_wrapper(&kinds("COMMIT;\nBEGIN;")));
    }

    /// Files from `test-fixtures/realworld/` (public projects, see their ORIGIN.md).
    #[test]
    fn real_projects_files() {
        const RW: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/test-fixtures/realworld/");
        let read = |p: &str| std::fs::read_to_string(format!("{RW}{p}")).unwrap();
        // hyperledger/firefly: the whole file in BEGIN; … COMMIT; (114 of its 115 up files).
        let text = read("firefly/db/migrations/000002_create_data_table.up.sql");
        match shape(&text, 1) {
            TxShape::Wrapped { prefix: None, inner } => {
                assert!(text[inner.clone()].trim_start().starts_with("CREATE TABLE data ("), "{}", &text[inner.clone()]);
                assert!(text[inner].trim_end().ends_with("CREATE INDEX data_created ON data(namespace,created);"));
            }
            other => panic!("{other:?}"),
        }
        // firefly's first file: CREATE EXTENSION before the BEGIN, atomic when sent in one
        // call (the extension joins the BEGIN's transaction): groupable as prefix + inner.
        let text = read("firefly/db/migrations/000001_create_messages_table.up.sql");
        match shape(&text, 1) {
            TxShape::Wrapped { prefix: Some(prefix), inner } => {
                assert_eq!(text[prefix].trim(), "CREATE EXTENSION IF NOT EXISTS \"uuid-ossp\";");
                assert!(text[inner.clone()].trim_start().starts_with("CREATE TABLE messages ("), "{}", &text[inner.clone()]);
                assert!(text[inner].trim_end().ends_with("CREATE INDEX messages_confirmed ON messages(confirmed);"));
            }
            other => panic!("{other:?}"),
        }
        let kinds: Vec<Option<StatementTx>> =
            sql::split(&text).iter().filter(|s| !s.is_blank()).map(|s| classify(&s.code().collect::<Vec<_>>())).collect();
        assert!(atomic_wrapper(&kinds));
        // google/exposure-notifications-server: an enum value added inside BEGIN; … END;.
        let text = read("exposure-notifications/db/migrations/000051_AddPendingDelete.up.sql");
        match shape(&text, 1) {
            TxShape::Wrapped { prefix: None, inner } => {
                assert_eq!(text[inner].trim(), "ALTER TYPE ExportBatchStatus ADD VALUE 'DEL_PEND';")
            }
            other => panic!("an enum value added in BEGIN; … END; is groupable (PostgreSQL 12+): {other:?}"),
        }
        // ForumViriumHelsinki/R4C-Cesium-Viewer: dbmate, transaction:false, CONCURRENTLY.
        let text = read("r4c-cesium-viewer/db/migrations/20250626114521_tree_f_index_postinumero_koodi.sql");
        let sections = crate::migrations::dbmate_files::parse_contents(&text).unwrap();
        let up = &text[sections[0].up.clone()];
        assert_eq!(
            shape(up, crate::migrations::dbmate_files::line_of(&text, sections[0].up.start)),
            TxShape::NotGroupable(NotGroupable { statement: "CREATE INDEX CONCURRENTLY".into(), why: NO_TX.into(), line: 4 })
        );
        // pocket-id/pocket-id: an up file with comments only.
        assert_eq!(shape(&read("pocket-id/db/migrations/20251217141000_v2_export_normalization.up.sql"), 1), TxShape::Plain);
    }

    #[test]
    fn lines_count_from_first_line() {
        let section = "\nUPDATE t SET x = 1;\n\nVACUUM t;\n";
        match shape(section, 10) {
            TxShape::NotGroupable(n) => assert_eq!(n.line, 13),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn classify_labels_and_whys() {
        let toks = sql::tokenize("ALTER TYPE mood ADD VALUE IF NOT EXISTS 'meh'");
        let c: Vec<&Token<'_>> = toks.iter().filter(|t| t.is_code()).collect();
        let k = classify(&c).unwrap();
        assert_eq!(k, StatementTx::EnumAddValue);
        assert_eq!(k.label(), "ALTER TYPE ... ADD VALUE");
        assert!(!k.is_control());
        assert!(StatementTx::Begin("BEGIN").is_control());
    }

    mod props {
        use super::super::*;
        use proptest::prelude::*;

        /// The one-pass [`analyse`] gives what the whole-token implementations give, and every
        /// statement it classifies on its first words alone is classified the same on all of them.
        fn same_as_reference(sql: &str, first_line: usize) -> Result<(), TestCaseError> {
            let a = analyse(sql, first_line);
            prop_assert_eq!(&a.shape, &super::reference_shape(sql, first_line), "{:?}", sql);
            prop_assert_eq!(&a.scoped, &super::reference_scoped(sql, first_line), "{:?}", sql);
            for st in sql::split_from(sql, first_line) {
                let c: Vec<&Token<'_>> = st.code().collect();
                let lead: Vec<Token<'_>> = st.code().take(sql::LEAD).copied().collect();
                if !needs_every_token(&lead) {
                    let lead: Vec<&Token<'_>> = lead.iter().collect();
                    prop_assert_eq!(classify(&lead), classify(&c), "{:?}", st.text);
                }
                if c.first().is_some_and(|t| t.is_word("DO")) {
                    prop_assert_eq!(do_body_commits(&c), super::reference_do_body_commits(&c), "{:?}", st.text);
                }
            }
            Ok(())
        }

        /// Statements of every kind [`classify`] and the settings scan know, and some they do not.
        fn statement() -> impl Strategy<Value = String> {
            let kinds = prop::sample::select(vec![
                "BEGIN",
                "begin work",
                "BEGIN ISOLATION LEVEL SERIALIZABLE",
                "START TRANSACTION",
                "start transaction read only",
                "COMMIT",
                "END",
                "commit and chain",
                "COMMIT AND NO CHAIN",
                "COMMIT PREPARED 'x'",
                "ROLLBACK",
                "ROLLBACK TO SAVEPOINT a",
                "ROLLBACK PREPARED 'x'",
                "ABORT",
                "SAVEPOINT a",
                "RELEASE a",
                "PREPARE TRANSACTION 'x'",
                "PREPARE q AS SELECT 1",
                "SET TRANSACTION ISOLATION LEVEL SERIALIZABLE",
                "SET LOCAL search_path = a",
                "SET search_path = b",
                "SET SESSION ROLE x",
                "SET LOCAL ROLE x",
                "set local time zone 'UTC'",
                "SET CONSTRAINTS ALL DEFERRED",
                "RESET ALL",
                "RESET search_path",
                "SET standard_conforming_strings = on",
                "SET standard_conforming_strings = off",
                "VACUUM",
                "VACUUM (ANALYZE) t",
                "DISCARD ALL",
                "DISCARD PLANS",
                "CLUSTER",
                "CLUSTER VERBOSE",
                "CLUSTER t USING i",
                "REINDEX (VERBOSE) TABLE CONCURRENTLY t",
                "REINDEX DATABASE d",
                "REINDEX TABLE t",
                "CREATE INDEX CONCURRENTLY i ON t (x)",
                "CREATE UNIQUE INDEX CONCURRENTLY i ON t (x)",
                "create unique index i on t (x)",
                "CREATE DATABASE d",
                "CREATE TABLESPACE s LOCATION '/x'",
                "CREATE SUBSCRIPTION s CONNECTION 'c' PUBLICATION p WITH (create_slot = false)",
                "CREATE SUBSCRIPTION s CONNECTION 'c' PUBLICATION p",
                "CREATE TABLE t (id int)",
                "CREATE OR REPLACE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; END",
                "DROP INDEX CONCURRENTLY i",
                "DROP DATABASE d",
                "DROP TABLESPACE s",
                "DROP SUBSCRIPTION s",
                "DROP TABLE t",
                "ALTER SYSTEM SET work_mem = '1MB'",
                "ALTER DATABASE d SET TABLESPACE s",
                "ALTER DATABASE d SET work_mem = 1",
                "ALTER TYPE e ADD VALUE 'x'",
                "ALTER TYPE e RENAME VALUE 'a' TO 'b'",
                "ALTER TABLE p DETACH PARTITION c CONCURRENTLY",
                "ALTER TABLE t ADD COLUMN x int",
                "ALTER SUBSCRIPTION s REFRESH PUBLICATION",
                "ALTER SUBSCRIPTION s SET PUBLICATION p WITH (refresh = false)",
                "DO $$ BEGIN COMMIT; END $$",
                "DO $x$ BEGIN IF a THEN ROLLBACK; END IF; END $x$",
                "DO $$ BEGIN PERFORM 1; END $$",
                "SELECT set_config('search_path', 'a', true)",
                "SELECT set_config('x.y', '1', false)",
                "SELECT set_config(n, v, true) FROM t",
                "SELECT set_config('standard_conforming_strings', 'off', false)",
                "UPDATE pg_settings SET setting = 'off' WHERE name = 'x'",
                "INSERT INTO t VALUES (1, 'BEGIN; COMMIT')",
                "SELECT 1",
                "-- only a comment",
                "",
            ]);
            (kinds, any::<bool>()).prop_map(|(k, lower)| if lower { k.to_ascii_lowercase() } else { k.to_string() })
        }

        fn check_wrapped(sql: &str) -> Result<(), TestCaseError> {
            if let TxShape::Wrapped { prefix, inner } = shape(sql, 1) {
                for r in prefix.iter().chain([&inner]) {
                    // The release side slices the text with them: in bounds, on char boundaries.
                    prop_assert!(r.start <= r.end && r.end <= sql.len());
                    prop_assert!(sql.is_char_boundary(r.start) && sql.is_char_boundary(r.end));
                    // What it runs instead of the file has no transaction control left.
                    let body = &sql[r.clone()];
                    prop_assert_eq!(shape(body, 1), TxShape::Plain, "{:?}", body);
                }
                if let Some(p) = prefix {
                    prop_assert!(p.start == 0 && p.end < inner.start && sql::has_code(&sql[p]));
                }
            }
            Ok(())
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(512)))]
            #[test]
            fn shape_never_panics_and_inner_is_a_plain_slice(s in any::<String>()) {
                check_wrapped(&s)?;
                same_as_reference(&s, 1)?;
            }

            #[test]
            fn one_pass_analysis_equals_every_token_at_once(
                stmts in proptest::collection::vec((statement(), r"(\n|  |\n-- c;\n|/\* x; \*/)"), 0..8),
                first_line in 1usize..40,
            ) {
                let sql: String = stmts.iter().map(|(s, gap)| format!("{s};{gap}")).collect();
                same_as_reference(&sql, first_line)?;
                // Without the last `;`, and one statement at a time.
                same_as_reference(sql.trim_end().trim_end_matches(';'), first_line)?;
                for (s, _) in &stmts {
                    same_as_reference(s, first_line)?;
                }
            }

            #[test]
            fn sqlish_wrappers(
                pre in r"(-- [a-zé ]{0,8}\n|/\* x \*/ |\n){0,2}",
                body in r"((SELECT 1|CREATE TABLE t \(id int\)|INSERT INTO t VALUES \('é;'\)|DO \$\$ BEGIN NULL; END \$\$);\n){0,4}",
                begin in "(BEGIN|begin transaction|START TRANSACTION|BEGIN ISOLATION LEVEL SERIALIZABLE)",
                end in "(COMMIT|END|commit work)",
                post in r"(\n-- done|\n|){0,1}",
            ) {
                let sql = format!("{pre}{begin};\n{body}{end};{post}");
                check_wrapped(&sql)?;
                prop_assert!(matches!(shape(&sql, 1), TxShape::Wrapped { prefix: None, .. }), "{:?}", sql);
            }

            #[test]
            fn sqlish_prefixed_wrappers(
                pre in r"((SELECT 1|CREATE EXTENSION IF NOT EXISTS x|SET search_path = 'a;b'|-- c\nSELECT 2);\n){1,3}",
                body in r"((SELECT 1|CREATE TABLE t \(id int\)|DO \$\$ BEGIN NULL; END \$\$);\n){0,3}",
                begin in "(BEGIN|begin work|START TRANSACTION)",
                end in "(COMMIT|END)",
                post in r"(\n-- done|\n|){0,1}",
            ) {
                let sql = format!("{pre}{begin};\n{body}{end};{post}");
                check_wrapped(&sql)?;
                prop_assert!(matches!(shape(&sql, 1), TxShape::Wrapped { prefix: Some(_), .. }), "{:?}", sql);
            }
        }
    }
}
