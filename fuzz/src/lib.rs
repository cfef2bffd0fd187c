//! Fuzzing rstats: the input format ([`input`]) and the core's invariants ([`invariants`]). The
//! differential target's CPython is the harness's own reference (`rstats::parity::reference`).

pub mod input;
pub mod invariants;
