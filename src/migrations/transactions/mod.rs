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

mod settings;
mod statement;
mod wrapper;

use std::ops::Range;

use self::settings::SettingsScan;
pub use self::statement::classify;
use self::wrapper::WrapperScan;
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
            wrap.see_begin(kind, &c);
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

#[cfg(test)]
mod tests;
