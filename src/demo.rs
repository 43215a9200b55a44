//! Demo data for a first launch.
