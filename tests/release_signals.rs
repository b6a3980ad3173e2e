//! SIGTERM at random points of a release (seeded, reproducible): afterwards the
//! database is either where the release found it or fully migrated, never
//! half-way and never silently dirty. At least one trial must land while the
//! tool is applying (a stop before it starts proves nothing about the undo).

mod common;

use common::*;
use std::time::Duration;
use testkit::pg::Postgres;

/// A small deterministic generator (xorshift), so a failing trial can be replayed from its seed.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

const TRIALS: u32 = 20;

fn trials(engine: Engine, seed: u64) {
    let pg = Postgres::start();
    let migs: Vec<Mig> = (1..=8)
        .map(|n| {
            mig(
                n,
                &format!("CREATE TABLE t{n} (id int);\nSELECT pg_sleep(0.05);\nINSERT INTO t{n} VALUES ({n});"),
                Some(&format!("DROP TABLE t{n};")),
            )
        })
        .collect();
    let app = RunnerApp::new(engine, &migs);
    let mut rng = Rng(seed);
    let (mut restored, mut interrupted, mut completed) = (0, 0, 0);
    for trial in 0..TRIALS {
        let db = seeded_db(&pg, &format!("sig_{trial}"));
        let before = pg.dump(&db);
        let delay = Duration::from_millis(rng.next() % 2000);
        let child = app.spawn(&pg.url(&db), &["release"], &[]);
        std::thread::sleep(delay);
        // The runner may have finished already: then there is nothing to signal.
        let _ = std::process::Command::new("kill").arg("-TERM").arg(child.id().to_string()).status();
        let (code, text) = finish(child);
        let ctx = format!("{engine:?} seed={seed} trial={trial} delay={delay:?} exit={code:?}\n{text}");
        let tables: Vec<String> = tables(&pg, &db).into_iter().filter(|t| t.starts_with('t')).collect();
        match code {
            0 => {
                assert_eq!(tables.len(), 8, "exit 0 must mean fully migrated: {ctx}");
                completed += 1;
            }
            1 => {
                assert_eq!(pg.dump(&db), before, "exit 1 must mean back at the start: {ctx}");
                restored += 1;
                // A stop before the tool started changed nothing and proves nothing about undo.
                if !text.contains("before any migration ran") {
                    assert!(text.contains("stopped by a signal"), "{ctx}");
                    interrupted += 1;
                }
            }
            // Killed before the handler was installed (no exit code, -1): nothing may have started yet.
            -1 => assert_eq!(pg.dump(&db), before, "{ctx}"),
            other => panic!("unexpected exit {other}: {ctx}"),
        }
        if engine == Engine::GolangMigrate {
            let dirty = pg.query(&db, "SELECT count(*) FROM pg_tables WHERE tablename = 'schema_migrations'");
            if dirty == vec!["1"] {
                assert_eq!(pg.query(&db, "SELECT count(*) FROM schema_migrations WHERE dirty"), vec!["0"], "silently dirty: {ctx}");
            }
        }
    }
    println!(
        "{engine:?}: {TRIALS} trials, {restored} restored to the start ({interrupted} of them stopped while migrating), {completed} completed"
    );
    assert!(interrupted > 0, "no trial stopped a release while it was migrating: the delays miss the apply phase");
}

#[test]
fn sigterm_at_random_points_golang_migrate() {
    trials(Engine::GolangMigrate, 0x5eed_0001);
}

#[test]
fn sigterm_at_random_points_dbmate() {
    trials(Engine::Dbmate, 0x5eed_0002);
}
