//! Thai toolkit: Buddhist-era dates, baht in words, national IDs, Thai
//! digits and a Thai collation for SQLite.

pub mod baht_text;
pub mod collation;
pub mod date;
pub mod digits;
pub mod national_id;
