//! Small pieces shared by many pages.

pub mod alerts;
pub mod diff_table;
pub mod empty_state;
pub mod live;
pub mod page_header;
pub mod share_button;
pub mod time;
