//! Dividend runs.
