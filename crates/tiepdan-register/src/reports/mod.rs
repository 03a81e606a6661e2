//! What the periodic reports count, read from the register as identity-free facts
//! (`tiepdan_domain::reports::facts`): the decisions on complaints and their implementation
//! (`decisions`).

pub(crate) mod decisions;
