//! Which CPython's `statistics` to match: a profile is a CPython release (`3.13.15`), and what it
//! computes follows from the behaviours that release has.
//!
//! [`CHANGES`] is the one table of the module's known behaviour changes, each with its CPython
//! issue and the first release of every branch that has it (a backport to a maintenance branch
//! starts at a patch release: gh-140938 is in 3.13.10 and 3.14.1, not in 3.13.0 or 3.14.0).
//! `reference/BEHAVIOUR-CHANGES.md` is the same table for people (a test keeps them in step).
//! Everything else derives from it: [`Profile::has`], [`Profile::same_results`],
//! [`Profile::ALL`] (one release per distinct set of computed behaviours), and the profile the
//! extension picks from `sys.version_info`, micro version included.
//!
//! ```
//! use rstats::{Behaviour, Profile};
//! let p: Profile = "3.13.15".parse().unwrap();
//! assert!(p.has(Behaviour::NonFiniteStdevValueError));
//! assert!(!Profile::new(3, 13, 0).has(Behaviour::NonFiniteStdevValueError));
//! assert!(Profile::new(3, 12, 1).same_results(Profile::new(3, 11, 0)));
//! assert_eq!(Profile::from_release(3, 9, 18), Some(Profile::new(3, 9, 18)));
//! assert_eq!("py311".parse::<Profile>().unwrap(), Profile::Py311);
//! assert_eq!(Profile::default().to_string(), "3.11.0");
//! ```

use std::fmt;
use std::str::FromStr;

/// One behaviour of `statistics` that some CPython releases have and others do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Behaviour {
    /// `_ss` sums exact squared deviations from the exact mean (3.8–3.9 square float deviations
    /// from the rounded mean); non-finite data raise from `(total / count).as_integer_ratio()`.
    ExactSumOfSquares,
    /// `_ss` in one pass over the data: non-finite data give a float total instead of raising,
    /// and the length is checked after `_ss`, not before.
    SinglePassSumOfSquares,
    /// `stdev`/`pstdev` are the correctly rounded square root of the exact `ss / (n - 1)`
    /// instead of `math.sqrt(variance)`.
    CorrectlyRoundedStdev,
    /// `quantiles` of one data point returns `data * (n - 1)`.
    OnePointQuantiles,
    /// `stdev`/`pstdev` of data with inf or nan raise `ValueError('inf or nan encountered in
    /// data')` instead of `AttributeError`.
    NonFiniteStdevValueError,
    /// `geometric_mean` of data containing a zero returns zero (not computed by rstats).
    GeometricMeanOfZero,
    /// `NormalDist.cdf`, `overlap` and the kde normal kernel's cdf go through `erfc` (not
    /// computed by rstats).
    NormalDistCdfThroughErfc,
    /// kde's quartic and triweight inverse-CDF starting estimates (not computed by rstats).
    KdeInverseCdfEstimates,
    /// `NormalDist.pdf` rewritten (not computed by rstats).
    NormalDistPdfRewritten,
    /// `geometric_mean`'s negative-input message is `f'No negative inputs allowed: {x!r}'` (not
    /// computed by rstats).
    GeometricMeanNegativeRepr,
}

/// A row of [`CHANGES`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Change {
    /// The behaviour.
    pub behaviour: Behaviour,
    /// CPython's issue (`gh-140938`, `bpo-45876`) or, without one, the pull request (`PR 124637`);
    /// `-` when neither is known.
    pub issue: &'static str,
    /// The first release of each branch that has it, as `(minor, micro)` of `3.minor.micro`,
    /// oldest branch first; every later branch has it from its first release.
    pub first: &'static [(u32, u32)],
    /// rstats computes the functions this changes (false: listed for completeness).
    pub computed: bool,
}

/// The known behaviour changes of `statistics` since 3.8, oldest first.
pub const CHANGES: &[Change] = &[
    Change {
        behaviour: Behaviour::ExactSumOfSquares,
        issue: "bpo-20499",
        first: &[(10, 0)],
        computed: true,
    },
    Change {
        behaviour: Behaviour::SinglePassSumOfSquares,
        issue: "bpo-46257",
        first: &[(11, 0)],
        computed: true,
    },
    Change {
        behaviour: Behaviour::CorrectlyRoundedStdev,
        issue: "bpo-45876",
        first: &[(11, 0)],
        computed: true,
    },
    Change {
        behaviour: Behaviour::OnePointQuantiles,
        issue: "gh-110150",
        first: &[(13, 0)],
        computed: true,
    },
    Change {
        behaviour: Behaviour::NonFiniteStdevValueError,
        issue: "gh-140938",
        first: &[(13, 10), (14, 1), (15, 0)],
        computed: true,
    },
    Change {
        behaviour: Behaviour::GeometricMeanOfZero,
        issue: "gh-112540",
        first: &[(13, 0)],
        computed: false,
    },
    Change {
        behaviour: Behaviour::NormalDistCdfThroughErfc,
        issue: "gh-132893",
        first: &[(14, 0)],
        computed: false,
    },
    Change {
        behaviour: Behaviour::KdeInverseCdfEstimates,
        issue: "PR 124637",
        first: &[(14, 0)],
        computed: false,
    },
    Change {
        behaviour: Behaviour::NormalDistPdfRewritten,
        issue: "-",
        first: &[(15, 0)],
        computed: false,
    },
    Change {
        behaviour: Behaviour::GeometricMeanNegativeRepr,
        issue: "-",
        first: &[(15, 0)],
        computed: false,
    },
];

/// The oldest minor version rstats reproduces (3.8).
pub const OLDEST_MINOR: u32 = 8;

/// A CPython 3 release whose `statistics` results rstats reproduces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Profile {
    minor: u32,
    micro: u32,
}

impl Default for Profile {
    /// 3.11.0: the project's reference interpreter is a 3.11.
    fn default() -> Profile {
        Profile::Py311
    }
}

#[allow(non_upper_case_globals)]
impl Profile {
    /// CPython 3.8.0 (`py38`: results of 3.8 and 3.9).
    pub const Py38: Profile = Profile::new(3, 8, 0);
    /// CPython 3.10.0 (`py310`).
    pub const Py310: Profile = Profile::new(3, 10, 0);
    /// CPython 3.11.0 (`py311`: results of 3.11 and 3.12).
    pub const Py311: Profile = Profile::new(3, 11, 0);
    /// CPython 3.13.0 (`py313`: results of 3.13.0 to 3.13.9 and 3.14.0).
    pub const Py313: Profile = Profile::new(3, 13, 0);

    /// One release per distinct set of computed behaviours, oldest first: the first release
    /// of each (checked against [`CHANGES`] by [`Profile::distinct`]'s test).
    pub const ALL: [Profile; 5] = [
        Profile::Py38,
        Profile::Py310,
        Profile::Py311,
        Profile::Py313,
        Profile::new(3, 13, 10),
    ];

    /// CPython `major.minor.micro`, unchecked (`major` must be 3; see [`Profile::from_release`]).
    pub const fn new(major: u32, minor: u32, micro: u32) -> Profile {
        let _ = major;
        Profile { minor, micro }
    }

    /// The profile of CPython `major.minor.micro`; `None` before 3.8 or for another major.
    pub fn from_release(major: u32, minor: u32, micro: u32) -> Option<Profile> {
        (major == 3 && minor >= OLDEST_MINOR).then_some(Profile { minor, micro })
    }

    /// `(major, minor, micro)`.
    pub fn release(self) -> (u32, u32, u32) {
        (3, self.minor, self.micro)
    }

    /// This release has `behaviour`: its branch has an entry in the change's `first` and the
    /// micro version reaches it, or its branch is newer than every entry.
    pub fn has(self, behaviour: Behaviour) -> bool {
        CHANGES
            .iter()
            .filter(|c| c.behaviour == behaviour)
            .any(|c| change_in(c, self))
    }

    /// The computed behaviours of this release, as a bit set (bit `i`: row `i` of [`CHANGES`]).
    pub fn computed_behaviours(self) -> u64 {
        CHANGES
            .iter()
            .enumerate()
            .filter(|(_, c)| c.computed && change_in(c, self))
            .fold(0, |bits, (i, _)| bits | (1u64 << i))
    }

    /// Both releases give the same results in every function rstats computes.
    pub fn same_results(self, other: Profile) -> bool {
        self.computed_behaviours() == other.computed_behaviours()
    }

    /// The first release of each distinct set of computed behaviours that [`CHANGES`] implies,
    /// oldest first (what [`Profile::ALL`] lists).
    pub fn distinct() -> Vec<Profile> {
        let mut starts: Vec<Profile> = vec![Profile::new(3, OLDEST_MINOR, 0)];
        for c in CHANGES.iter().filter(|c| c.computed) {
            starts.extend(
                c.first
                    .iter()
                    .map(|&(minor, micro)| Profile { minor, micro }),
            );
        }
        starts.sort();
        starts.dedup();
        let mut out: Vec<Profile> = Vec::new();
        for p in starts {
            if !out.iter().any(|q| q.same_results(p)) {
                out.push(p);
            }
        }
        out
    }

    /// The first release that gives the same results as this one (one of [`Profile::distinct`]):
    /// the name of its family of releases, `3.11.0` for 3.11.0 to 3.12.x.
    ///
    /// ```
    /// use rstats::Profile;
    /// let p: Profile = "3.12.1".parse().unwrap();
    /// assert_eq!(p.canonical().name(), "3.11.0");
    /// ```
    pub fn canonical(self) -> Profile {
        Profile::distinct()
            .into_iter()
            .find(|p| p.same_results(self))
            .unwrap_or(self)
    }

    /// The name used on command lines and in reports: the release, `3.13.15`.
    pub fn name(self) -> String {
        self.to_string()
    }
}

/// Whether release `p` has change `c`.
fn change_in(c: &Change, p: Profile) -> bool {
    match c.first.iter().find(|&&(minor, _)| minor == p.minor) {
        Some(&(_, micro)) => p.micro >= micro,
        None => c.first.iter().all(|&(minor, _)| minor < p.minor),
    }
}

impl fmt::Display for Profile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "3.{}.{}", self.minor, self.micro)
    }
}

/// Error for a profile name that is not one of ours.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown profile {0:?}: use a CPython release from 3.8.0 such as 3.13.15 (or 3.12, py311)")]
pub struct UnknownProfile(pub String);

/// The highest minor and micro numbers a profile name may carry (anything larger is taken for a
/// typo such as `3.111`).
const MAX_MINOR: u32 = 40;
const MAX_MICRO: u32 = 999;

impl FromStr for Profile {
    type Err = UnknownProfile;

    /// Accepts a release `3.X.Y` (3.8.0 to 3.40.999); a minor version `3.X` for the first
    /// release of that branch (`3.13` is 3.13.0); and the old family names `py38`, `py39`,
    /// `py310`, `py311`, `py312`, `py313` as their first releases.
    fn from_str(s: &str) -> Result<Profile, UnknownProfile> {
        let unknown = || UnknownProfile(s.to_string());
        let t = s.trim().to_ascii_lowercase();
        if let Some(family) = t.strip_prefix("py") {
            let minor = match family {
                "38" => 8,
                "39" => 9,
                "310" => 10,
                "311" => 11,
                "312" => 12,
                "313" => 13,
                _ => return Err(unknown()),
            };
            return Ok(Profile { minor, micro: 0 });
        }
        let parts: Vec<&str> = t.split('.').collect();
        let number = |p: &str| -> Option<u32> {
            (!p.is_empty() && p.len() <= 3 && p.bytes().all(|b| b.is_ascii_digit()))
                .then(|| p.parse().ok())
                .flatten()
        };
        let (minor, micro) = match parts.as_slice() {
            ["3", minor] => (number(minor).ok_or_else(unknown)?, 0),
            ["3", minor, micro] => (
                number(minor).ok_or_else(unknown)?,
                number(micro).ok_or_else(unknown)?,
            ),
            _ => return Err(unknown()),
        };
        if !(OLDEST_MINOR..=MAX_MINOR).contains(&minor) || micro > MAX_MICRO {
            return Err(unknown());
        }
        Ok(Profile { minor, micro })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_is_what_the_table_implies() {
        assert_eq!(Profile::distinct(), Profile::ALL.to_vec());
    }

    #[test]
    fn backport_starts_at_its_patch_release_in_each_branch() {
        let b = Behaviour::NonFiniteStdevValueError;
        for (release, has) in [
            ((12, 99), false),
            ((13, 0), false),
            ((13, 9), false),
            ((13, 10), true),
            ((13, 15), true),
            ((14, 0), false),
            ((14, 1), true),
            ((14, 8), true),
            ((15, 0), true),
            ((16, 0), true),
        ] {
            let p = Profile::new(3, release.0, release.1);
            assert_eq!(p.has(b), has, "{p}");
        }
    }

    #[test]
    fn the_reference_table_lists_every_change() {
        let doc = include_str!("../reference/BEHAVIOUR-CHANGES.md");
        for c in CHANGES {
            let first: Vec<String> = c
                .first
                .iter()
                .map(|(minor, micro)| format!("3.{minor}.{micro}"))
                .collect();
            let row = format!("| {} | {} |", c.issue, first.join(", "));
            assert!(
                doc.lines().any(|l| l.starts_with(&row)),
                "reference/BEHAVIOUR-CHANGES.md has no row starting {row:?}"
            );
        }
    }
}
