//! Which CPython's `statistics` to match: the results that differ between versions.
//!
//! | profile | versions | `stdev` | non-finite input | one-point `quantiles` |
//! |---|---|---|---|---|
//! | [`Profile::Py38`] | 3.8, 3.9 | `sqrt(variance)`, squares of float deviations from the rounded mean | `nan` | error |
//! | [`Profile::Py310`] | 3.10 | `sqrt(variance)`, exact sum of squares | `OverflowError`/`ValueError` | error |
//! | [`Profile::Py311`] | 3.11, 3.12 | correctly rounded `sqrt(ss / (n-1))` | `variance` inf/nan, `stdev` `AttributeError` | error |
//! | [`Profile::Py313`] | 3.13 and later | as 3.11 | as 3.11 | `data * (n - 1)` |
//!
//! ```
//! use rstats::Profile;
//! assert_eq!(Profile::from_version(3, 9), Some(Profile::Py38));
//! assert_eq!(Profile::from_version(3, 12), Some(Profile::Py311));
//! assert_eq!("3.13".parse::<Profile>().unwrap(), Profile::Py313);
//! assert_eq!(Profile::default(), Profile::Py311);
//! ```

use std::fmt;
use std::str::FromStr;

/// A family of CPython versions whose `statistics` results are identical for ints and floats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, PartialOrd, Ord)]
pub enum Profile {
    /// CPython 3.8 and 3.9.
    Py38,
    /// CPython 3.10.
    Py310,
    /// CPython 3.11 and 3.12 (the default: the project's reference interpreter is 3.11).
    #[default]
    Py311,
    /// CPython 3.13 and later.
    Py313,
}

impl Profile {
    /// Every profile, oldest first.
    pub const ALL: [Profile; 4] = [
        Profile::Py38,
        Profile::Py310,
        Profile::Py311,
        Profile::Py313,
    ];

    /// The profile of CPython `major.minor`; `None` before 3.8 (not supported).
    pub fn from_version(major: u32, minor: u32) -> Option<Profile> {
        match (major, minor) {
            (3, 8) | (3, 9) => Some(Profile::Py38),
            (3, 10) => Some(Profile::Py310),
            (3, 11) | (3, 12) => Some(Profile::Py311),
            (3, m) if m >= 13 => Some(Profile::Py313),
            (m, _) if m > 3 => Some(Profile::Py313),
            _ => None,
        }
    }

    /// The versions this profile stands for, as text.
    pub fn versions(self) -> &'static str {
        match self {
            Profile::Py38 => "3.8-3.9",
            Profile::Py310 => "3.10",
            Profile::Py311 => "3.11-3.12",
            Profile::Py313 => "3.13+",
        }
    }

    /// The short name used on command lines (`py38`, `py310`, `py311`, `py313`).
    pub fn name(self) -> &'static str {
        match self {
            Profile::Py38 => "py38",
            Profile::Py310 => "py310",
            Profile::Py311 => "py311",
            Profile::Py313 => "py313",
        }
    }
}

impl fmt::Display for Profile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} (CPython {})", self.name(), self.versions())
    }
}

/// Error for a profile name that is not one of ours.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown profile {0:?}: use py38, py310, py311, py313 or a version such as 3.12")]
pub struct UnknownProfile(pub String);

impl FromStr for Profile {
    type Err = UnknownProfile;

    /// Accepts `py38`/`py39`/`py310`/`py311`/`py312`/`py313` and versions `3.8` … `3.40` (a 3.x
    /// after 3.13 reads as `py313`; anything past 3.40 is taken for a typo such as `3.111`).
    fn from_str(s: &str) -> Result<Profile, UnknownProfile> {
        let t = s.trim().to_ascii_lowercase();
        let version = t.strip_prefix("py").map(|v| {
            if let Some(rest) = v.strip_prefix('3') {
                format!("3.{}", rest.trim_start_matches('.'))
            } else {
                v.to_string()
            }
        });
        let version = version.unwrap_or(t);
        let mut parts = version.split('.');
        let major = parts.next().and_then(|p| p.parse::<u32>().ok());
        let minor = parts.next().and_then(|p| p.parse::<u32>().ok());
        match (major, minor) {
            (Some(3), Some(minor)) if (8..=40).contains(&minor) => {
                Profile::from_version(3, minor).ok_or_else(|| UnknownProfile(s.to_string()))
            }
            _ => Err(UnknownProfile(s.to_string())),
        }
    }
}
