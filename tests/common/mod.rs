//! A fresh database for one test (or one benchmark run): a SQLite file in a
//! temporary folder, or a new database on the PostgreSQL server named by
//! `VIGIE_TEST_POSTGRES_URL`, dropped by `cleanup`.

#![allow(dead_code)] // Each test crate uses its own part of this module.

use sqlx::Connection;

pub enum TestDatabase {
    Sqlite(tempfile::TempDir),
    Postgres { admin_url: String, name: String },
}

impl TestDatabase {
    pub fn sqlite() -> TestDatabase {
        TestDatabase::Sqlite(tempfile::tempdir().expect("temp dir"))
    }

    /// `None` when `VIGIE_TEST_POSTGRES_URL` is not set. `prefix` names the
    /// database (`{prefix}_{random}`), so a leftover says who left it.
    pub async fn postgres(prefix: &str) -> Option<TestDatabase> {
        let admin_url = std::env::var("VIGIE_TEST_POSTGRES_URL").ok()?;
        let mut bytes = [0u8; 6];
        getrandom::fill(&mut bytes).expect("randomness");
        let name = format!("{prefix}_{}", bytes.iter().map(|b| format!("{b:02x}")).collect::<String>());
        let mut admin = sqlx::PgConnection::connect(&admin_url).await.expect("VIGIE_TEST_POSTGRES_URL reachable");
        sqlx::raw_sql(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
            .execute(&mut admin)
            .await
            .expect("the test database is created");
        Some(TestDatabase::Postgres { admin_url, name })
    }

    pub fn url(&self) -> String {
        match self {
            TestDatabase::Sqlite(dir) => format!("sqlite://{}", dir.path().join("vigie.db").display()),
            TestDatabase::Postgres { admin_url, name } => replace_database(admin_url, name),
        }
    }

    pub async fn cleanup(self) {
        if let TestDatabase::Postgres { admin_url, name } = self {
            let mut admin = sqlx::PgConnection::connect(&admin_url).await.expect("admin connection");
            let _ = sqlx::raw_sql(sqlx::AssertSqlSafe(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")))
                .execute(&mut admin)
                .await;
        }
    }
}

/// `url` with its database name replaced, query string kept.
fn replace_database(url: &str, name: &str) -> String {
    let (base, query) = url.split_once('?').map_or((url, None), |(b, q)| (b, Some(q)));
    let slash = base.rfind('/').expect("a database URL has a path");
    let mut out = format!("{}/{name}", &base[..slash]);
    if let Some(q) = query {
        out.push('?');
        out.push_str(q);
    }
    out
}

/// The sample directives copied into a folder of the caller's own (a test
/// that edits them must not touch `faq/`).
pub fn sample_faq() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for entry in std::fs::read_dir(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("faq")).expect("faq/") {
        let path = entry.expect("faq/ entry").path();
        std::fs::copy(&path, dir.path().join(path.file_name().expect("a file name"))).expect("copy");
    }
    dir
}
