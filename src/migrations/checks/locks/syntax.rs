//! Reading squawk's syntax tree: names, the tables a statement concerns, `LOCK TABLE`'s mode.

use squawk_syntax::ast::{self, AstNode};

use super::{Ctx, Mode};

/// Where the code of `node` starts (after leading whitespace and comments).
pub(super) fn start(node: &squawk_syntax::SyntaxNode) -> usize {
    let first = node.children_with_tokens().find(|x| !x.kind().is_trivia()).map(|x| x.text_range().start());
    u32::from(first.unwrap_or_else(|| node.text_range().start())) as usize
}

/// `name` in backquotes, or "the table".
pub(super) fn quoted(name: Option<String>) -> String {
    name.map(|n| format!("`{n}`")).unwrap_or_else(|| "the table".into())
}

pub(super) fn path(p: Option<ast::PathRef>) -> Option<String> {
    Some(p?.segment()?.text())
}

pub(super) fn table_ref(t: Option<ast::TableNameRef>) -> Option<String> {
    path(t?.path_ref())
}

pub(super) fn relation(t: Option<ast::TableRelationName>) -> Option<String> {
    table_ref(t?.table_name_ref())
}

/// Tables a foreign key or `REFERENCES` in `node` points to.
pub(super) fn referenced(node: &squawk_syntax::SyntaxNode) -> Vec<String> {
    node.descendants()
        .filter_map(|n| match ast::Constraint::cast(n)? {
            ast::Constraint::ForeignKeyConstraint(fk) => table_ref(fk.table_name_ref()),
            ast::Constraint::ReferencesConstraint(r) => table_ref(r.table()),
            _ => None,
        })
        .collect()
}

/// The tables a statement's lock rules are about (empty: unknown, never "new").
pub(super) fn targets(stmt: &ast::Stmt, ctx: &Ctx<'_>) -> Vec<String> {
    let index = |r: Option<ast::IndexRef>| path(r?.path_ref()).and_then(|i| ctx.index_table(&i).map(str::to_string));
    match stmt {
        ast::Stmt::AlterTable(a) => relation(a.table_relation_name()).into_iter().collect(),
        ast::Stmt::DropIndex(d) => {
            let t: Vec<Option<String>> = d.index_refs().map(|r| index(Some(r))).collect();
            if t.iter().all(Option::is_some) { t.into_iter().flatten().collect() } else { Vec::new() }
        }
        ast::Stmt::Reindex(r) => match r.reindex_target() {
            Some(ast::ReindexTarget::ReindexTargetTable(t)) => table_ref(t.table_name_ref()).into_iter().collect(),
            Some(ast::ReindexTarget::ReindexTargetIndex(i)) => index(i.index_ref()).into_iter().collect(),
            _ => Vec::new(),
        },
        ast::Stmt::Vacuum(v) => v
            .table_and_columns_list()
            .map(|l| l.table_and_columnss().filter_map(|t| relation(t.table_relation_name())).collect())
            .unwrap_or_default(),
        ast::Stmt::Cluster(c) => cluster_table(c).into_iter().collect(),
        ast::Stmt::Lock(l) => lock_tables(l),
        _ => Vec::new(),
    }
}

pub(super) fn cluster_table(c: &ast::Cluster) -> Option<String> {
    table_ref(c.table_name_ref()).or_else(|| table_ref(c.cluster_legacy()?.on_path()?.table_name_ref()))
}

pub(super) fn lock_tables(l: &ast::Lock) -> Vec<String> {
    l.relation_list().map(|r| r.relation_names().filter_map(|n| path(n.relation_name_ref()?.path_ref())).collect()).unwrap_or_default()
}

pub(super) fn lock_mode(l: &ast::Lock) -> Option<Mode> {
    match l.lock_mode_clause() {
        None => Some(Mode::AccessExclusive),
        Some(c) => Mode::of(&c.lock_mode()?),
    }
}
