//! Which of the server's environment variables an endpoint may name as its API key, and for
//! which origin. The operator binds each at start-up (`--key-env OPENAI_API_KEY=https://api.openai.com`);
//! an endpoint may name only a bound variable, and the key is sent only to the origin it is
//! bound to. So no caller can have the server send one of its secrets to a host of their
//! choosing. The refusal reads the same whether the variable exists or not.

use std::collections::HashMap;

/// Bound variables by name, each with the one origin (`scheme://host[:port]`) it may go to.
#[derive(Debug, Clone, Default)]
pub struct KeyBindings {
    origins: HashMap<String, String>,
}

impl KeyBindings {
    /// From `NAME=ORIGIN` pairs as the operator writes them.
    pub fn parse(specs: &[String]) -> Result<KeyBindings, String> {
        let mut origins = HashMap::new();
        for spec in specs {
            let (name, url) = spec
                .split_once('=')
                .ok_or_else(|| format!("--key-env {spec:?} must be NAME=https://host"))?;
            let name = name.trim();
            if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
                return Err(format!(
                    "--key-env {spec:?}: {name:?} is not a variable name"
                ));
            }
            let origin = origin_of(url.trim())
                .ok_or_else(|| format!("--key-env {spec:?}: {url:?} is not an http(s) origin"))?;
            origins.insert(name.to_owned(), origin);
        }
        Ok(KeyBindings { origins })
    }

    /// Ok when `var` is bound to the origin of `base_url`.
    pub fn check(&self, var: &str, base_url: &str) -> Result<(), String> {
        let origin = origin_of(base_url);
        match (self.origins.get(var), origin) {
            (Some(bound), Some(origin)) if *bound == origin => Ok(()),
            (_, origin) => Err(format!(
                "{var} is not a key the operator bound to {origin}: the server must be started with --key-env {var}={origin}",
                origin = origin.unwrap_or_else(|| base_url.to_owned()),
            )),
        }
    }

    /// The key for an endpoint that names `var` and calls `base_url`.
    pub(crate) fn key(&self, var: &str, base_url: &str) -> Result<String, String> {
        self.check(var, base_url)?;
        std::env::var(var).map_err(|_| {
            format!(
                "the variable {var} bound with --key-env is not set in the server's environment"
            )
        })
    }
}

/// `scheme://host[:port]` in lower case, without a default port; None for anything but an
/// http(s) URL.
fn origin_of(url: &str) -> Option<String> {
    let (scheme, rest) = url.split_once("://")?;
    let scheme = scheme.to_ascii_lowercase();
    if scheme != "http" && scheme != "https" {
        return None;
    }
    let authority = rest.split(['/', '?', '#']).next()?.to_ascii_lowercase();
    if authority.is_empty() || authority.contains('@') {
        return None;
    }
    let default_port = if scheme == "https" { ":443" } else { ":80" };
    let authority = authority.strip_suffix(default_port).unwrap_or(&authority);
    Some(format!("{scheme}://{authority}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bindings() -> KeyBindings {
        KeyBindings::parse(&["OPENAI_API_KEY=https://api.openai.com/".into()]).unwrap()
    }

    #[test]
    fn a_key_goes_only_to_its_origin() {
        let keys = bindings();
        assert!(
            keys.check("OPENAI_API_KEY", "https://api.openai.com/v1")
                .is_ok()
        );
        assert!(
            keys.check("OPENAI_API_KEY", "https://API.openai.com:443/v1")
                .is_ok()
        );
        for base_url in [
            "http://api.openai.com/v1",
            "https://api.openai.com.evil.example/v1",
            "https://evil.example/v1",
            "https://api.openai.com@evil.example/v1",
        ] {
            assert!(
                keys.check("OPENAI_API_KEY", base_url).is_err(),
                "{base_url}"
            );
        }
    }

    #[test]
    fn an_unbound_and_a_missing_variable_read_alike() {
        let keys = bindings();
        let unbound = keys.check("HOME", "https://evil.example/v1").unwrap_err();
        let missing = keys
            .check("NO_SUCH_VARIABLE_ANYWHERE", "https://evil.example/v1")
            .unwrap_err();
        assert_eq!(
            unbound.replace("HOME", "X"),
            missing.replace("NO_SUCH_VARIABLE_ANYWHERE", "X")
        );
    }

    #[test]
    fn bad_specs_are_refused() {
        for spec in [
            "OPENAI_API_KEY",
            "=https://x",
            "A B=https://x",
            "KEY=ftp://x",
            "KEY=https://",
        ] {
            assert!(KeyBindings::parse(&[spec.to_owned()]).is_err(), "{spec}");
        }
    }
}
