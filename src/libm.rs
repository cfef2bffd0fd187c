//! The C library's `pow()`, called the way CPython's `float ** float` calls it.
//!
//! CPython 3.8–3.9 square float deviations with `(x - c) ** 2`, which is libm's `pow(x, 2.0)`,
//! not `x * x`: glibc's `pow` is not always correctly rounded, and the two differ in the last bit
//! for about one float in a thousand. The call goes through an opaque function pointer so the
//! compiler cannot replace it by a multiplication.

extern "C" {
    fn pow(x: f64, y: f64) -> f64;
}

/// `pow(x, y)` from the C library, with the `errno` it left (0 when none).
///
/// ```
/// let (r, errno) = rstats::internals::libm::pow_with_errno(3.0, 2.0);
/// assert_eq!((r, errno), (9.0, 0));
/// ```
pub fn pow_with_errno(x: f64, y: f64) -> (f64, i32) {
    let f: unsafe extern "C" fn(f64, f64) -> f64 = std::hint::black_box(pow);
    // SAFETY: errno is thread-local; `__errno_location` returns a valid pointer to it, and `pow`
    // is a pure C function taking and returning doubles.
    unsafe {
        *libc::__errno_location() = 0;
        let r = f(x, std::hint::black_box(y));
        (r, *libc::__errno_location())
    }
}
