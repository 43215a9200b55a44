//! The share register.
