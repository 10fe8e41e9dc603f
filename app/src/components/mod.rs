//! Small pieces shared by many pages.

pub mod alerts;
pub mod can;
pub mod diff_table;
pub mod empty_state;
pub mod field;
pub mod json_field;
pub mod live;
pub mod page_header;
pub mod resource_list;
pub mod share_button;
pub mod time;
