//! Equipment sharing and second-hand exchange between communities: each
//! community's equipment, lending and reservations, needs and offers and
//! the matches between them, and transfers and sales.
