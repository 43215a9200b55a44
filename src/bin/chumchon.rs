//! The `chumchon` command-line interface.

fn main() {}
