//! The catalog fingerprint: what the schema looks like, read from PostgreSQL's
//! catalogs in one query, so a release can prove that an undo put the schema
//! back (not only the tools' version bookkeeping).
//!
//! It covers every schema, relation (tables, partitions, views and materialized
//! views with their definitions, sequences with their parameters, foreign
//! tables, composite types), column (type, nullability, default, identity,
//! generation, collation) and column order, index (definition and whether it is
//! valid), constraint, function, procedure and aggregate, type (enum labels,
//! domains, ranges), extension (and version), trigger, policy and rule outside
//! `pg_catalog`, `information_schema`, `pg_toast` and the temporary schemas.
//! Objects that belong to an extension are covered by the extension's version.
//! Grants, comments and owners are not compared.
//!
//! No table is ever read: the cost grows with the number of objects, never with
//! the data. Sequences contribute their definition, never their current value,
//! and the tools' version tables can be left out entirely (their contents are
//! compared through the version state).

use std::collections::BTreeMap;
use std::fmt;

#[derive(Debug, thiserror::Error)]
pub enum CatalogError {
    #[error("reading the schema from the catalogs failed: {0}")]
    Query(String),
}

/// The kind of a schema object, in the order differences are listed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    Schema,
    Extension,
    Type,
    Table,
    View,
    MaterializedView,
    ForeignTable,
    Sequence,
    Column,
    ColumnOrder,
    Index,
    Constraint,
    Function,
    Procedure,
    Aggregate,
    Trigger,
    Policy,
    Rule,
}

impl Kind {
    fn from_sql(s: &str) -> Option<Kind> {
        Some(match s {
            "schema" => Kind::Schema,
            "extension" => Kind::Extension,
            "type" => Kind::Type,
            "table" => Kind::Table,
            "view" => Kind::View,
            "materialized view" => Kind::MaterializedView,
            "foreign table" => Kind::ForeignTable,
            "sequence" => Kind::Sequence,
            "column" => Kind::Column,
            "column order" => Kind::ColumnOrder,
            "index" => Kind::Index,
            "constraint" => Kind::Constraint,
            "function" => Kind::Function,
            "procedure" => Kind::Procedure,
            "aggregate" => Kind::Aggregate,
            "trigger" => Kind::Trigger,
            "policy" => Kind::Policy,
            "rule" => Kind::Rule,
            _ => return None,
        })
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Kind::Schema => "schema",
            Kind::Extension => "extension",
            Kind::Type => "type",
            Kind::Table => "table",
            Kind::View => "view",
            Kind::MaterializedView => "materialized view",
            Kind::ForeignTable => "foreign table",
            Kind::Sequence => "sequence",
            Kind::Column => "column",
            Kind::ColumnOrder => "column order of",
            Kind::Index => "index",
            Kind::Constraint => "constraint",
            Kind::Function => "function",
            Kind::Procedure => "procedure",
            Kind::Aggregate => "aggregate",
            Kind::Trigger => "trigger",
            Kind::Policy => "policy",
            Kind::Rule => "rule",
        })
    }
}

/// One object as the catalogs describe it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Object {
    definition: String,
    /// An index PostgreSQL marked invalid (a failed `CREATE INDEX CONCURRENTLY`).
    invalid: bool,
}

/// The schema's objects and their definitions. Two fingerprints are equal
/// exactly when the catalogs describe the same schema.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Fingerprint {
    objects: BTreeMap<(Kind, String), Object>,
}

impl Fingerprint {
    /// How many objects it covers.
    pub fn len(&self) -> usize {
        self.objects.len()
    }

    pub fn is_empty(&self) -> bool {
        self.objects.is_empty()
    }
}

/// One way two fingerprints differ, worded the way a person reads a schema
/// (`index users_email_key (INVALID) exists now`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Difference {
    /// In the second fingerprint only.
    Added { kind: Kind, name: String, invalid: bool },
    /// In the first fingerprint only.
    Removed { kind: Kind, name: String },
    /// In both, with another definition (or validity).
    Changed { kind: Kind, name: String, before: String, after: String, invalid_before: bool, invalid_after: bool },
}

/// Longest definition quoted in a "changed" line; longer ones are only named.
const QUOTE_MAX: usize = 160;

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

impl fmt::Display for Difference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Difference::Added { kind, name, invalid } => {
                write!(f, "{kind} {name}{} exists now", if *invalid { " (INVALID)" } else { "" })
            }
            Difference::Removed { kind, name } => write!(f, "{kind} {name} is gone"),
            Difference::Changed { kind, name, before, after, invalid_before, invalid_after } => {
                if invalid_before != invalid_after && before == after {
                    return write!(f, "{kind} {name} is {} now", if *invalid_after { "INVALID" } else { "valid" });
                }
                if *kind == Kind::ColumnOrder {
                    return write!(f, "{kind} {name} changed: {} moved", moved_columns(before, after).join(", "));
                }
                let (b, a) = (one_line(before), one_line(after));
                if b.chars().count() <= QUOTE_MAX && a.chars().count() <= QUOTE_MAX {
                    write!(f, "{kind} {name}{} changed: was `{b}`, now `{a}`", if *invalid_after { " (INVALID)" } else { "" })
                } else {
                    write!(f, "{kind} {name}{} has another definition now", if *invalid_after { " (INVALID)" } else { "" })
                }
            }
        }
    }
}

/// What changed from `before` to `after`, in kind then name order (empty: the same schema).
pub fn diff(before: &Fingerprint, after: &Fingerprint) -> Vec<Difference> {
    let mut out = Vec::new();
    for ((kind, name), b) in &before.objects {
        match after.objects.get(&(*kind, name.clone())) {
            // A relation that appeared or went is named as such; its column order adds nothing.
            None if *kind == Kind::ColumnOrder => {}
            None => out.push(Difference::Removed { kind: *kind, name: name.clone() }),
            // Columns added or dropped are named on their own; the order counts only for the columns in both.
            Some(a) if *kind == Kind::ColumnOrder && same_relative_order(&b.definition, &a.definition) => {}
            Some(a) if a != b => out.push(Difference::Changed {
                kind: *kind,
                name: name.clone(),
                before: b.definition.clone(),
                after: a.definition.clone(),
                invalid_before: b.invalid,
                invalid_after: a.invalid,
            }),
            Some(_) => {}
        }
    }
    for ((kind, name), a) in &after.objects {
        if *kind != Kind::ColumnOrder && !before.objects.contains_key(&(*kind, name.clone())) {
            out.push(Difference::Added { kind: *kind, name: name.clone(), invalid: a.invalid });
        }
    }
    out.sort_by(|x, y| key(x).cmp(&key(y)));
    out
}

/// The columns (named in both lists) that are not where they were: those outside the
/// longest run of columns that kept their relative order.
fn moved_columns(before: &str, after: &str) -> Vec<String> {
    let b: Vec<&str> = before.split(", ").collect();
    let a: Vec<&str> = after.split(", ").collect();
    let b: Vec<&str> = b.iter().copied().filter(|c| a.contains(c)).collect();
    let a: Vec<&str> = a.iter().copied().filter(|c| b.contains(c)).collect();
    // Longest common subsequence (tables have tens of columns, not thousands).
    let mut len = vec![vec![0usize; a.len() + 1]; b.len() + 1];
    for i in (0..b.len()).rev() {
        for j in (0..a.len()).rev() {
            len[i][j] = if b[i] == a[j] { len[i + 1][j + 1] + 1 } else { len[i + 1][j].max(len[i][j + 1]) };
        }
    }
    let (mut i, mut j, mut kept) = (0, 0, Vec::new());
    while i < b.len() && j < a.len() {
        if b[i] == a[j] {
            kept.push(b[i]);
            i += 1;
            j += 1;
        } else if len[i + 1][j] >= len[i][j + 1] {
            i += 1;
        } else {
            j += 1;
        }
    }
    a.iter().filter(|c| !kept.contains(c)).map(|c| c.to_string()).collect()
}

/// Whether the columns named in both comma-separated lists come in the same order.
fn same_relative_order(before: &str, after: &str) -> bool {
    let b: Vec<&str> = before.split(", ").collect();
    let a: Vec<&str> = after.split(", ").collect();
    let common_b: Vec<&str> = b.iter().copied().filter(|c| a.contains(c)).collect();
    let common_a: Vec<&str> = a.iter().copied().filter(|c| b.contains(c)).collect();
    common_b == common_a
}

fn key(d: &Difference) -> (Kind, &str) {
    match d {
        Difference::Added { kind, name, .. } | Difference::Removed { kind, name } | Difference::Changed { kind, name, .. } => {
            (*kind, name.as_str())
        }
    }
}

/// One query over the catalogs. `$1`: relations to leave out with everything
/// that hangs off them (the tools' version tables), as quoted names.
/// Names are shown without `public.`; objects of other schemas carry their schema.
const QUERY: &str = r#"
WITH ns AS (
    SELECT oid, nspname, CASE WHEN nspname = 'public' THEN '' ELSE nspname || '.' END AS q
    FROM pg_namespace
    WHERE nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
      AND nspname !~ '^pg_(toast_)?temp_'
),
ext AS (
    SELECT classid, objid FROM pg_depend WHERE deptype = 'e'
),
skip AS (
    SELECT to_regclass(n)::oid AS oid FROM unnest($1::text[]) AS n WHERE to_regclass(n) IS NOT NULL
),
rel AS (
    SELECT c.oid, c.relname, c.relkind, c.relpersistence, c.relrowsecurity, c.relforcerowsecurity,
           c.reloptions, c.relispartition, c.relpartbound, c.relispopulated, ns.q
    FROM pg_class c JOIN ns ON ns.oid = c.relnamespace
    WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S', 'c')
      AND c.oid NOT IN (SELECT oid FROM skip)
      AND NOT EXISTS (SELECT 1 FROM ext WHERE ext.classid = 'pg_class'::regclass AND ext.objid = c.oid)
)
SELECT 'schema', nspname, '', false FROM ns
UNION ALL
SELECT 'extension', e.extname, e.extversion || ' in schema ' || n.nspname, false
FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
UNION ALL
SELECT CASE r.relkind WHEN 'r' THEN 'table' WHEN 'p' THEN 'table' WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized view'
                      WHEN 'f' THEN 'foreign table' WHEN 'S' THEN 'sequence' ELSE 'type' END,
       r.q || r.relname,
       concat_ws(' ',
           CASE r.relkind WHEN 'p' THEN 'partitioned' WHEN 'c' THEN 'composite' END,
           CASE r.relpersistence WHEN 'u' THEN 'unlogged' END,
           CASE WHEN r.relrowsecurity THEN 'row level security' END,
           CASE WHEN r.relforcerowsecurity THEN 'forced' END,
           'with (' || array_to_string(r.reloptions, ', ') || ')',
           CASE WHEN r.relispartition THEN
               'partition of ' || (SELECT pc.relname FROM pg_inherits i JOIN pg_class pc ON pc.oid = i.inhparent WHERE i.inhrelid = r.oid LIMIT 1)
               || ' ' || pg_get_expr(r.relpartbound, r.oid) END,
           CASE WHEN r.relkind IN ('v', 'm') THEN pg_get_viewdef(r.oid) END,
           -- A materialized view's data is part of what a down migration cannot undo (REFRESH).
           CASE WHEN r.relkind = 'm' THEN CASE WHEN r.relispopulated THEN 'populated' ELSE 'not populated' END END,
           CASE WHEN r.relkind = 'S' THEN (
               SELECT format('%s start %s increment %s min %s max %s cache %s%s', format_type(s.seqtypid, NULL), s.seqstart,
                             s.seqincrement, s.seqmin, s.seqmax, s.seqcache, CASE WHEN s.seqcycle THEN ' cycle' ELSE '' END)
               FROM pg_sequence s WHERE s.seqrelid = r.oid) END),
       false
FROM rel r
UNION ALL
SELECT 'column', r.q || r.relname || '.' || a.attname,
       concat_ws(' ',
           format_type(a.atttypid, a.atttypmod),
           CASE WHEN a.attnotnull THEN 'NOT NULL' END,
           CASE a.attidentity WHEN 'a' THEN 'GENERATED ALWAYS AS IDENTITY' WHEN 'd' THEN 'GENERATED BY DEFAULT AS IDENTITY' END,
           CASE WHEN a.attgenerated = 's' THEN 'GENERATED ALWAYS AS ' || pg_get_expr(d.adbin, d.adrelid) || ' STORED'
                WHEN d.adbin IS NOT NULL THEN 'DEFAULT ' || pg_get_expr(d.adbin, d.adrelid) END,
           CASE WHEN a.attcollation <> 0 AND a.attcollation <> t.typcollation
                THEN 'COLLATE ' || (SELECT collname FROM pg_collation WHERE oid = a.attcollation) END),
       false
FROM rel r
JOIN pg_attribute a ON a.attrelid = r.oid AND a.attnum > 0 AND NOT a.attisdropped
JOIN pg_type t ON t.oid = a.atttypid
LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
WHERE r.relkind IN ('r', 'p', 'v', 'm', 'f', 'c')
UNION ALL
SELECT 'column order', r.q || r.relname, string_agg(a.attname, ', ' ORDER BY a.attnum), false
FROM rel r JOIN pg_attribute a ON a.attrelid = r.oid AND a.attnum > 0 AND NOT a.attisdropped
WHERE r.relkind IN ('r', 'p', 'v', 'm', 'f', 'c')
GROUP BY r.oid, r.q, r.relname
UNION ALL
SELECT 'index', r.q || ic.relname, pg_get_indexdef(i.indexrelid), NOT i.indisvalid
FROM pg_index i JOIN rel r ON r.oid = i.indrelid JOIN pg_class ic ON ic.oid = i.indexrelid
UNION ALL
SELECT 'constraint', r.q || r.relname || '.' || c.conname, pg_get_constraintdef(c.oid), false
FROM pg_constraint c JOIN rel r ON r.oid = c.conrelid
UNION ALL
SELECT 'constraint', ns.q || t.typname || '.' || c.conname, pg_get_constraintdef(c.oid), false
FROM pg_constraint c JOIN pg_type t ON t.oid = c.contypid JOIN ns ON ns.oid = t.typnamespace
WHERE c.contypid <> 0
UNION ALL
SELECT CASE p.prokind WHEN 'p' THEN 'procedure' WHEN 'a' THEN 'aggregate' ELSE 'function' END,
       ns.q || p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')',
       CASE WHEN p.prokind = 'a' THEN
           (SELECT concat_ws(' ', 'returns', pg_get_function_result(p.oid), 'state', format_type(g.aggtranstype, NULL),
                             g.aggtransfn::text, g.aggfinalfn::text, 'initially', g.agginitval)
            FROM pg_aggregate g WHERE g.aggfnoid = p.oid)
       ELSE pg_get_functiondef(p.oid) END,
       false
FROM pg_proc p JOIN ns ON ns.oid = p.pronamespace
WHERE NOT EXISTS (SELECT 1 FROM ext WHERE ext.classid = 'pg_proc'::regclass AND ext.objid = p.oid)
UNION ALL
SELECT 'type', ns.q || t.typname,
       CASE t.typtype
           WHEN 'e' THEN 'enum (' || coalesce((SELECT string_agg(quote_literal(e.enumlabel), ', ' ORDER BY e.enumsortorder)
                                                FROM pg_enum e WHERE e.enumtypid = t.oid), '') || ')'
           WHEN 'd' THEN concat_ws(' ', 'domain over', format_type(t.typbasetype, t.typtypmod),
                                   CASE WHEN t.typnotnull THEN 'NOT NULL' END, 'DEFAULT ' || t.typdefault)
           WHEN 'r' THEN 'range over ' || (SELECT format_type(g.rngsubtype, NULL) FROM pg_range g WHERE g.rngtypid = t.oid)
           ELSE 'base type ' || t.typinput::text
       END,
       false
FROM pg_type t JOIN ns ON ns.oid = t.typnamespace
WHERE t.typtype IN ('e', 'd', 'r', 'b') AND NOT (t.typtype = 'b' AND t.typcategory = 'A')
  AND NOT EXISTS (SELECT 1 FROM ext WHERE ext.classid = 'pg_type'::regclass AND ext.objid = t.oid)
UNION ALL
SELECT 'trigger', r.q || r.relname || '.' || tg.tgname, pg_get_triggerdef(tg.oid) || ' (enabled: ' || tg.tgenabled::text || ')', false
FROM pg_trigger tg JOIN rel r ON r.oid = tg.tgrelid
WHERE NOT tg.tgisinternal
UNION ALL
SELECT 'policy', r.q || r.relname || '.' || pol.polname,
       concat_ws(' ', 'for', CASE pol.polcmd WHEN 'r' THEN 'SELECT' WHEN 'a' THEN 'INSERT' WHEN 'w' THEN 'UPDATE' WHEN 'd' THEN 'DELETE' ELSE 'ALL' END,
                 CASE WHEN pol.polpermissive THEN 'permissive' ELSE 'restrictive' END,
                 'to ' || (SELECT string_agg(CASE WHEN x = 0 THEN 'public' ELSE pg_get_userbyid(x)::text END, ', ' ORDER BY x)
                           FROM unnest(pol.polroles) AS x),
                 'using (' || pg_get_expr(pol.polqual, pol.polrelid) || ')',
                 'with check (' || pg_get_expr(pol.polwithcheck, pol.polrelid) || ')'),
       false
FROM pg_policy pol JOIN rel r ON r.oid = pol.polrelid
UNION ALL
SELECT 'rule', r.q || r.relname || '.' || rw.rulename, pg_get_ruledef(rw.oid), false
FROM pg_rewrite rw JOIN rel r ON r.oid = rw.ev_class
WHERE rw.rulename <> '_RETURN'
"#;

/// Read the fingerprint of the connected database. `leave_out`: relations (as
/// quoted, optionally schema-qualified names) whose structure is compared
/// elsewhere, left out with their columns, indexes, constraints and triggers.
pub fn fingerprint(client: &mut postgres::Client, leave_out: &[String]) -> Result<Fingerprint, CatalogError> {
    fingerprint_in(client, leave_out).map_err(|e| CatalogError::Query(crate::db::describe_pg_error(&e)))?
}

/// [`fingerprint`] on any client or open transaction, the database's error returned as it is: an
/// `all` release reads the schema as the first statement of its transaction, under its lock timeout.
pub fn fingerprint_in(
    client: &mut impl postgres::GenericClient,
    leave_out: &[String],
) -> Result<Result<Fingerprint, CatalogError>, postgres::Error> {
    let rows = client.query(QUERY, &[&leave_out])?;
    Ok(from_rows(rows))
}

fn from_rows(rows: Vec<postgres::Row>) -> Result<Fingerprint, CatalogError> {
    let mut objects = BTreeMap::new();
    for row in rows {
        let kind: &str = row.get(0);
        let Some(kind) = Kind::from_sql(kind) else {
            return Err(CatalogError::Query(format!("unexpected object kind `{kind}`")));
        };
        let name: String = row.get(1);
        let definition: Option<String> = row.get(2);
        let invalid: bool = row.get(3);
        objects.insert((kind, name), Object { definition: definition.unwrap_or_default(), invalid });
    }
    Ok(Fingerprint { objects })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fp(items: &[(Kind, &str, &str, bool)]) -> Fingerprint {
        Fingerprint {
            objects: items.iter().map(|(k, n, d, i)| ((*k, n.to_string()), Object { definition: d.to_string(), invalid: *i })).collect(),
        }
    }

    #[test]
    fn differences_are_worded_as_a_person_reads_a_schema() {
        let before = fp(&[
            (Kind::Table, "orders", "", false),
            (Kind::Column, "orders.total", "integer", false),
            (Kind::ColumnOrder, "orders", "id, total", false),
            (Kind::ColumnOrder, "users", "id, name, email", false),
            (Kind::Index, "orders_total_idx", "CREATE INDEX orders_total_idx ON public.orders USING btree (total)", false),
            (Kind::Function, "f()", &"x".repeat(200), false),
        ]);
        let after = fp(&[
            (Kind::Table, "orders", "", false),
            (Kind::Column, "orders.total", "bigint", false),
            (Kind::Column, "orders.note", "text", false),
            (Kind::ColumnOrder, "orders", "id, note, total", false),
            (Kind::ColumnOrder, "users", "id, email, name", false),
            (Kind::Index, "users_email_key", "CREATE UNIQUE INDEX users_email_key ON public.users USING btree (email)", true),
            (Kind::Function, "f()", &"y".repeat(200), false),
        ]);
        let lines: Vec<String> = diff(&before, &after).iter().map(ToString::to_string).collect();
        assert_eq!(
            lines,
            vec![
                "column orders.note exists now",
                "column orders.total changed: was `integer`, now `bigint`",
                "column order of users changed: name moved",
                "index orders_total_idx is gone",
                "index users_email_key (INVALID) exists now",
                "function f() has another definition now",
            ]
        );
        assert!(diff(&after, &after).is_empty());
    }

    #[test]
    fn an_index_turning_invalid_is_named_as_such() {
        let def = "CREATE UNIQUE INDEX k ON public.t USING btree (a)";
        let lines: Vec<String> =
            diff(&fp(&[(Kind::Index, "k", def, false)]), &fp(&[(Kind::Index, "k", def, true)])).iter().map(ToString::to_string).collect();
        assert_eq!(lines, vec!["index k is INVALID now"]);
    }
}
