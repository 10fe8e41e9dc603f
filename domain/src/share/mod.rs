//! Share links: read-only pages of a run, a comparison or an experiment's results at an
//! unguessable URL, with an optional expiry, revocable at any time.

pub mod new_share;
pub mod record;

pub use new_share::{NewShare, ValidShare};
pub use record::{Share, ShareTarget};
