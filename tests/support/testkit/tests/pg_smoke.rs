use testkit::pg::Postgres;

#[test]
fn throwaway_postgres_starts_and_answers() {
    let pg = Postgres::start();
    let db = pg.create_db("smoke");
    assert_eq!(pg.query(&db, "SELECT 1+1"), vec!["2".to_string()]);
    assert!(pg.dump(&db).contains("PostgreSQL database dump"));
}
