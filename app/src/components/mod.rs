//! Small pieces shared by many pages.

pub mod alerts;
pub mod diff_table;
pub mod page_header;
pub mod time;
