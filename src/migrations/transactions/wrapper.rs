//! The shape of a piece of SQL (plain, wrapped in one BEGIN … COMMIT, or not groupable) from its
//! statements one at a time: the shape half of [`super::analyse`].

use super::{NotGroupable, StatementTx, TxShape};
use crate::migrations::sql::{self, Token};

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
pub(super) struct WrapperScan {
    begin: Option<Seen>,
    /// The first BEGIN has no transaction modes (`BEGIN`, `BEGIN WORK`, `START TRANSACTION`, ...).
    begin_bare: bool,
    last: Option<Seen>,
    classified: Vec<Seen>,
}

impl WrapperScan {
    /// Notes whether the statement with code tokens `c`, classified `kind`, is a first BEGIN
    /// without transaction modes.
    pub(super) fn see_begin(&mut self, kind: Option<StatementTx>, c: &[&Token<'_>]) {
        if matches!(kind, Some(StatementTx::Begin(_))) && self.begin.is_none() {
            self.begin_bare = c.len() <= 2 && c.iter().skip(1).all(|t| t.is_word("WORK") || t.is_word("TRANSACTION"));
        }
    }

    /// The statement with code numbered `index`, classified `kind`.
    pub(super) fn statement(&mut self, index: usize, kind: Option<StatementTx>, span: &sql::Span<'_>) {
        let seen = Seen { index, kind, line: span.line, offset: span.offset, len: span.text.len() };
        if matches!(kind, Some(StatementTx::Begin(_))) && self.begin.is_none() {
            self.begin = Some(seen);
        }
        if kind.is_some_and(|k| k != StatementTx::EnumAddValue) && self.classified.len() < 2 {
            self.classified.push(seen);
        }
        self.last = Some(seen);
    }

    pub(super) fn shape(&self) -> TxShape {
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
