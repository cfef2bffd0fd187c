//! The differential harness: rstats beside CPython on inputs nobody wrote down, compared bit for
//! bit, every divergence shrunk to its smallest input.
//!
//! Data flows one way:
//!
//! | step | module |
//! |---|---|
//! | invent inputs that shrink toward short lists of small values | [`strategies`] |
//! | decide what to compare on each input, against which CPython call, how | [`plan`] |
//! | compute the subject's side (the rstats core, or any closure) | [`subject`], [`call`] |
//! | compute CPython's side (embedded, or a worker process of any 3.8+) | [`reference`](mod@reference), [`interpreters`] |
//! | compare outcomes field by field (bit-exact; ULPs only without a CPython counterpart) | [`compare`], [`outcome`], [`codec`] |
//! | run many cases on several workers, count, shrink divergences | [`campaign`], [`tally`] |
//! | report (text, JSON, JUnit), keep minimized counterexamples | [`counterexample`], [`report`], [`corpus`] |
//! | one input, field by field | [`check`] |
//!
//! The `rstats-parity` binary only parses arguments and prints what these return.

pub mod call;
pub mod campaign;
pub mod check;
pub mod codec;
pub mod compare;
pub mod corpus;
pub mod counterexample;
pub mod interpreters;
pub mod outcome;
pub mod plan;
pub mod reference;
pub mod report;
pub mod strategies;
pub mod subject;
pub mod tally;
