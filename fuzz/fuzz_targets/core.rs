//! The core on arbitrary input: never a panic, and the invariants of
//! `rstats_fuzz::invariants` (fast paths agree, documented exceptions only, value bounds,
//! consistency between functions, orders and profiles).
#![no_main]

use libfuzzer_sys::fuzz_target;
use rstats_fuzz::input::decode;
use rstats_fuzz::invariants::check_core;

fuzz_target!(|bytes: &[u8]| {
    check_core(&decode(bytes));
});
