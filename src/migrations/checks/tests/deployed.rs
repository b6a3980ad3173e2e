//! The comparison with the previous build: out-of-order versions and the renumbering advice.

use super::*;
use crate::migrations::checks::deployed;

#[test]
fn increments_and_suggested_versions() {
    assert_eq!(deployed::increment("0009"), "0010");
    assert_eq!(deployed::increment("99"), "100");
    assert_eq!(deployed::increment(""), "1");
    assert_eq!(next_version(ToolKind::GolangMigrate, "10", "0005_x.up.sql").as_deref(), Some("0011"));
    assert_eq!(next_version(ToolKind::Dbmate, "20240101000003", "20240101000002_x.sql").as_deref(), Some("20240101000004"));
    // String order: "10" < "9", so append instead.
    assert_eq!(next_version(ToolKind::Dbmate, "9", "5_x.sql").as_deref(), Some("91"));
    assert_eq!(deployed::rename("0005_late.up.sql", "0011"), "0011_late.up.sql");
}

#[test]
fn golang_migrate_suggestions_are_versions_golang_migrate_can_read() {
    // golang-migrate reads versions with strconv.ParseUint(…, 10, 64).
    let reads = |v: &str| v.parse::<u64>().is_ok();
    assert_eq!(next_version(ToolKind::GolangMigrate, "18446744073709551614", "1_x.up.sql").as_deref(), Some("18446744073709551615"));
    assert_eq!(next_version(ToolKind::GolangMigrate, "18446744073709551615", "1_x.up.sql"), None);
    assert_eq!(next_version(ToolKind::GolangMigrate, "99999999999999999999", "1_x.up.sql"), None);
    for max in ["0", "9", "20240101000000", "9999999999999999999", "18446744073709551614"] {
        for file in ["1_x.up.sql", "0000000000000000000000000001_x.up.sql", "20240101_x.up.sql"] {
            let v = next_version(ToolKind::GolangMigrate, max, file).expect("a higher version exists");
            assert!(reads(&v), "{max} / {file}: suggested {v}");
            assert!(v.parse::<u64>().unwrap() > max.parse::<u64>().unwrap(), "{max} / {file}: suggested {v}");
        }
    }
}

#[test]
fn out_of_order_at_the_largest_version_suggests_no_unreadable_rename() {
    let d = tempfile::tempdir().unwrap();
    for (f, body) in [("18446744073709551615_top.up.sql", "SELECT 1;"), ("5_late.up.sql", "SELECT 1;")] {
        std::fs::write(d.path().join(f), body).unwrap();
    }
    let set = MigrationSet::load(d.path(), ToolKind::GolangMigrate).unwrap();
    let opts = CheckOptions { previous_versions: Some(vec!["18446744073709551615".into()]), ..Default::default() };
    let r = run(&set, &opts);
    let f = r.errors().into_iter().find(|f| f.code == codes::OUT_OF_ORDER).expect("MG008");
    assert!(!f.fix.contains("18446744073709551616") && !f.fix.contains("rename `"), "{f}");
    assert!(f.fix.contains("18446744073709551615 is the highest version golang-migrate can read"), "{f}");
}

#[test]
fn out_of_order_message_names_the_rename() {
    let d = fixtures_root().join("gm-out-of-order/migrations");
    let set = MigrationSet::load(&d, ToolKind::GolangMigrate).unwrap();
    let opts = CheckOptions { previous_versions: Some(vec!["1".into(), "2".into(), "10".into()]), ..Default::default() };
    let r = run(&set, &opts);
    let f = r.errors().into_iter().find(|f| f.code == codes::OUT_OF_ORDER).unwrap();
    assert!(
        f.fix.contains("`0005_late_branch.up.sql` → `0012_late_branch.up.sql`")
            && f.fix.contains("`0005_late_branch.down.sql` → `0012_late_branch.down.sql`"),
        "{f}"
    );
    assert!(f.message.contains("silently skips"), "{f}");
    assert_eq!(
        r.baseline,
        Baseline::Compared { previous: 3, previous_newest: Some("10".into()), new_versions: vec!["5".into(), "11".into()] }
    );
    assert!(r.baseline.to_string().contains("2 new"));
    let first = run(&set, &CheckOptions::default());
    assert_eq!(first.baseline.to_string(), "first build: nothing to compare with");
    assert!(!first.has_errors());
    assert!(first.warnings().is_empty());
}
