//! The two backends and the database URLs that name them.

use std::{fmt, path::Path, str::FromStr};

use super::{Connection, Pool};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    /// The backend a pool was opened on.
    pub fn of(pool: &Pool) -> Backend {
        Backend::from_scheme(pool.connect_options().database_url.scheme())
    }

    /// The backend of one connection.
    pub fn of_connection(conn: &Connection) -> Backend {
        if conn.backend_name().eq_ignore_ascii_case("sqlite") {
            Backend::Sqlite
        } else {
            Backend::Postgres
        }
    }

    fn from_scheme(scheme: &str) -> Backend {
        if scheme == "sqlite" {
            Backend::Sqlite
        } else {
            Backend::Postgres
        }
    }

    /// How health reports it: `sqlite` or `postgres`.
    pub fn name(self) -> &'static str {
        match self {
            Backend::Sqlite => "sqlite",
            Backend::Postgres => "postgres",
        }
    }
}

impl fmt::Display for Backend {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Where the data lives, as `--db` gives it: a file path or `sqlite://…` for the embedded
/// default, `postgres://…` (or `postgresql://…`) for a shared server.
#[derive(Clone, PartialEq, Eq)]
pub struct DatabaseUrl {
    url: String,
    backend: Backend,
}

impl DatabaseUrl {
    /// The SQLite file at `path`, created when absent.
    pub fn sqlite_file(path: &Path) -> DatabaseUrl {
        // Percent-encoding keeps `?`, `#` and `%` in a file name from reading as URL syntax.
        let mut encoded = String::new();
        for byte in path.to_string_lossy().bytes() {
            match byte {
                b'?' | b'#' | b'%' | b' ' | 0x80.. => encoded.push_str(&format!("%{byte:02X}")),
                _ => encoded.push(byte as char),
            }
        }
        DatabaseUrl {
            url: format!("sqlite://{encoded}?mode=rwc"),
            backend: Backend::Sqlite,
        }
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    pub fn as_str(&self) -> &str {
        &self.url
    }

    /// The URL without its password, for logs and messages.
    pub fn redacted(&self) -> String {
        match url_password_span(&self.url) {
            Some((start, end)) => format!("{}***{}", &self.url[..start], &self.url[end..]),
            None => self.url.clone(),
        }
    }
}

/// The byte range of the password in `scheme://user:password@host…`, if there is one.
fn url_password_span(url: &str) -> Option<(usize, usize)> {
    let authority_start = url.find("://")? + 3;
    let authority_end = url[authority_start..]
        .find(['/', '?'])
        .map_or(url.len(), |i| authority_start + i);
    let at = url[authority_start..authority_end].rfind('@')? + authority_start;
    let colon = url[authority_start..at].find(':')? + authority_start;
    Some((colon + 1, at))
}

impl fmt::Debug for DatabaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.redacted())
    }
}

impl fmt::Display for DatabaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.redacted())
    }
}

impl FromStr for DatabaseUrl {
    type Err = String;

    fn from_str(given: &str) -> Result<Self, String> {
        let given = given.trim();
        if given.is_empty() {
            return Err(
                "the database is empty: give a file path, sqlite://… or postgres://…".into(),
            );
        }
        if given.starts_with("postgres://") || given.starts_with("postgresql://") {
            return Ok(DatabaseUrl {
                url: given.to_string(),
                backend: Backend::Postgres,
            });
        }
        if given.starts_with("sqlite:") {
            let mut url = given.to_string();
            if !url.contains("mode=") {
                url.push_str(if url.contains('?') {
                    "&mode=rwc"
                } else {
                    "?mode=rwc"
                });
            }
            return Ok(DatabaseUrl {
                url,
                backend: Backend::Sqlite,
            });
        }
        if let Some((scheme, _)) = given.split_once("://") {
            return Err(format!(
                "`{scheme}://` is not a database this server knows: use a file path, sqlite://… \
                 or postgres://…"
            ));
        }
        Ok(DatabaseUrl::sqlite_file(Path::new(given)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_is_an_sqlite_file_created_when_absent() {
        let url: DatabaseUrl = "data/llmops.db".parse().unwrap();
        assert_eq!(url.backend(), Backend::Sqlite);
        assert_eq!(url.as_str(), "sqlite://data/llmops.db?mode=rwc");
        let odd = DatabaseUrl::sqlite_file(Path::new("/tmp/a?b#c.db"));
        assert_eq!(odd.as_str(), "sqlite:///tmp/a%3Fb%23c.db?mode=rwc");
    }

    #[test]
    fn postgres_urls_keep_their_parameters_and_hide_their_password() {
        let url: DatabaseUrl = "postgres://app:s3cret@db.internal:5432/llmops?sslmode=require"
            .parse()
            .unwrap();
        assert_eq!(url.backend(), Backend::Postgres);
        assert_eq!(
            url.redacted(),
            "postgres://app:***@db.internal:5432/llmops?sslmode=require"
        );
        assert_eq!(format!("{url:?}"), url.redacted());
        let plain: DatabaseUrl = "postgresql://localhost/llmops".parse().unwrap();
        assert_eq!(plain.redacted(), "postgresql://localhost/llmops");
    }

    #[test]
    fn unknown_schemes_are_refused_by_name() {
        let error = "mysql://localhost/x".parse::<DatabaseUrl>().unwrap_err();
        assert!(error.contains("mysql://"), "{error}");
        assert!("  ".parse::<DatabaseUrl>().is_err());
    }
}
