//! The differential harness: what a call returned on each side, encoded exactly, and compared.

pub mod call;
pub mod codec;
pub mod outcome;
