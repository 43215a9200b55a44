//! Members and communities.
