//! The community bank: members' savings, loans from the revolving fund with
//! their schedules, repayments and arrears, and the double-entry journal
//! that every register moving money posts to.

pub mod accounts;
pub mod arrears;
pub mod documents;
pub mod journal;
pub mod loans;
pub mod position;
pub mod products;
pub mod repayments;
pub mod reports;
pub mod savings;
pub mod schedule;
pub mod sync;
pub mod years;

#[cfg(test)]
mod testing;
