//! Pages of lists: what a caller asks for (`limit`, `offset`), checked against the bounds of
//! the list it asks, so that every list of every door refuses the same requests the same way.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use serde::{Deserialize, Serialize};

use crate::problem::{ErrorCode, Problem};

/// A page as asked for; either part may be left out.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PageRequest {
    pub offset: Option<i64>,
    pub limit: Option<i64>,
}

/// A checked page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Page {
    pub offset: i64,
    pub limit: i64,
}

/// How long a list's pages are when the caller does not say, and at most.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageBounds {
    pub default_limit: i64,
    pub max_limit: i64,
}

impl PageBounds {
    pub const fn new(default_limit: i64, max_limit: i64) -> PageBounds {
        PageBounds {
            default_limit,
            max_limit,
        }
    }
}

impl PageRequest {
    pub fn new(offset: i64, limit: i64) -> PageRequest {
        PageRequest {
            offset: Some(offset),
            limit: Some(limit),
        }
    }

    /// The page, or a 400 naming `limit` or `offset`.
    pub fn within(self, bounds: PageBounds) -> Result<Page, Problem> {
        let limit = self.limit.unwrap_or(bounds.default_limit);
        if !(1..=bounds.max_limit).contains(&limit) {
            return Err(bad_parameter(
                "limit",
                format!("must be between 1 and {}", bounds.max_limit),
            ));
        }
        let offset = self.offset.unwrap_or(0);
        if offset < 0 {
            return Err(bad_parameter("offset", "must not be negative"));
        }
        Ok(Page { offset, limit })
    }

    /// The limit of a list read from its start only: an offset is refused rather than ignored.
    pub fn first_page(self, bounds: PageBounds) -> Result<i64, Problem> {
        if self.offset.is_some() {
            return Err(bad_parameter("offset", "is not accepted by this list"));
        }
        Ok(self.within(bounds)?.limit)
    }
}

/// A 400 naming the parameter, as for every malformed query parameter.
pub fn bad_parameter(field: &str, message: impl Into<String>) -> Problem {
    let message = message.into();
    Problem::new(ErrorCode::BadRequest, format!("{field} {message}")).with_field(field, message)
}

/// What a query value keeps as it is: RFC 3986's unreserved characters.
const QUERY_VALUE: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');
/// A path in a query value also keeps its slashes, so `?next=/prompts` stays readable.
const QUERY_PATH: &AsciiSet = &QUERY_VALUE.remove(b'/');

/// `value` percent-encoded for a query string (filters hold free text).
pub fn encode_query_value(value: &str) -> String {
    utf8_percent_encode(value, QUERY_VALUE).to_string()
}

/// A local path (with its own query) percent-encoded as one query value, slashes kept.
pub fn encode_query_path(path: &str) -> String {
    utf8_percent_encode(path, QUERY_PATH).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_values_are_percent_encoded_and_paths_keep_their_slashes() {
        assert_eq!(encode_query_value("a b&c=d/é"), "a%20b%26c%3Dd%2F%C3%A9");
        assert_eq!(
            encode_query_path("/datasets?tab=all"),
            "/datasets%3Ftab%3Dall"
        );
    }

    const BOUNDS: PageBounds = PageBounds::new(50, 1000);

    #[test]
    fn defaults_fill_what_is_left_out() {
        assert_eq!(
            PageRequest::default().within(BOUNDS).unwrap(),
            Page {
                offset: 0,
                limit: 50
            }
        );
    }

    #[test]
    fn out_of_bounds_parameters_are_named() {
        for (request, field) in [
            (PageRequest::new(0, 0), "limit"),
            (PageRequest::new(0, 1001), "limit"),
            (PageRequest::new(-1, 10), "offset"),
        ] {
            let problem = request.within(BOUNDS).unwrap_err();
            assert_eq!(problem.code, ErrorCode::BadRequest);
            assert!(problem.field(field).is_some(), "{request:?}");
        }
        assert_eq!(
            PageRequest::new(5, 1000).within(BOUNDS).unwrap().limit,
            1000
        );
    }

    #[test]
    fn a_list_without_offsets_refuses_one() {
        let problem = PageRequest::new(3, 10).first_page(BOUNDS).unwrap_err();
        assert!(problem.field("offset").is_some());
        let limit_only = PageRequest {
            offset: None,
            limit: Some(10),
        };
        assert_eq!(limit_only.first_page(BOUNDS).unwrap(), 10);
    }
}
