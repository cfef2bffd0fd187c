//! A global allocator for tests of allocation failure: the system allocator, except that every
//! request of `limit` bytes or more fails (null, which the `GlobalAlloc` contract allows) and is
//! recorded. What the library asks for is then seen without the machine's memory deciding.
//!
//! ```ignore
//! mod refusing_allocator;
//! #[global_allocator]
//! static ALLOCATOR: RefusingAllocator = RefusingAllocator::new(1 << 30);
//! ```

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

/// Refuses requests of `limit` bytes or more; counts them and keeps the largest.
pub struct RefusingAllocator {
    limit: usize,
    /// How many requests were refused.
    pub refusals: AtomicUsize,
    /// The largest refused request, in bytes (0: none).
    pub largest_refused: AtomicUsize,
}

impl RefusingAllocator {
    /// Refuses every request of `limit` bytes or more.
    pub const fn new(limit: usize) -> RefusingAllocator {
        RefusingAllocator {
            limit,
            refusals: AtomicUsize::new(0),
            largest_refused: AtomicUsize::new(0),
        }
    }

    fn refuse(&self, size: usize) -> bool {
        if size < self.limit {
            return false;
        }
        self.refusals.fetch_add(1, Ordering::SeqCst);
        self.largest_refused.fetch_max(size, Ordering::SeqCst);
        true
    }
}

// SAFETY: every call is passed to `System` unchanged, or fails with null (allowed by the trait).
unsafe impl GlobalAlloc for RefusingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if self.refuse(layout.size()) {
            return std::ptr::null_mut();
        }
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        if self.refuse(layout.size()) {
            return std::ptr::null_mut();
        }
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if self.refuse(new_size) {
            return std::ptr::null_mut();
        }
        unsafe { System.realloc(ptr, layout, new_size) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
}
