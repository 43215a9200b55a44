//! TODO: stub
