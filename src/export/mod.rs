//! Excel export of the registers.
