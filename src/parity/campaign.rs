//! The engine: invent inputs, run every check on the subject and on CPython, count, and shrink
//! each divergence to a minimal input.
//!
//! Case `i` of a campaign with seed `s` is drawn from [`cases`] with a proptest
//! [`TestRunner`] whose ChaCha RNG is seeded from `(s, i)` alone ([`case_tree`]), so a campaign
//! is reproducible whatever `--jobs` is, and any case can be regenerated later. Worker threads
//! (one [`Reference`] each: several subprocess workers really run in parallel, embedded CPython
//! threads share its GIL) take case indices from a shared counter until `cases` are done or
//! `duration` is over.
//!
//! After that, for each report row (function and field) that diverged, the shortest diverging
//! case (the first one among equals) is regenerated and shrunk with proptest's own [`ValueTree`]
//! `simplify`/`complicate` search (the loop proptest's `TestRunner` runs), keeping the smallest
//! input on which the same row and field still diverge in the same way ([`DivergenceKind`]: two
//! different values of the same types, different types, or an exception involved); a last pass deletes elements one at a time to a
//! fixpoint. Shrinking moves toward short lists of small values (see [`super::strategies`]).
//!
//! ```
//! use rstats::parity::campaign::{run, CampaignConfig};
//! use rstats::parity::reference::{embedded::EmbeddedPython, Reference};
//! use rstats::parity::subject::Core;
//! let config = CampaignConfig { cases: Some(20), ..CampaignConfig::default() };
//! let reference: Box<dyn Reference> = Box::new(EmbeddedPython::new().unwrap());
//! let report = run(&config, &Core::default(), vec![reference], &|_| {}).unwrap();
//! assert_eq!(report.cases, 20);
//! assert_eq!(report.tally.divergent(), 0);
//! ```

use super::call::Call;
use super::compare::{compare, divergence_kind, Comparison, DivergenceKind, Verdict};
use super::counterexample::Counterexample;
use super::outcome::Outcome;
use super::plan::{Check, Plan};
use super::reference::{Reference, ReferenceError, ReferenceInfo};
use super::strategies::{cases, Case, DataKind};
use super::subject::Subject;
use super::tally::Tally;
use crate::number::Number;
use crate::profile::Profile;
use proptest::strategy::{BoxedStrategy, Strategy, ValueTree};
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// How much effort one counterexample's shrinking may take.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ShrinkLimits {
    /// Steps (each one evaluation of the check on both sides).
    pub max_steps: u32,
    /// Wall time.
    pub max_time: Duration,
}

impl Default for ShrinkLimits {
    fn default() -> ShrinkLimits {
        ShrinkLimits {
            max_steps: 20_000,
            max_time: Duration::from_secs(60),
        }
    }
}

/// What a campaign runs.
#[derive(Debug, Clone, PartialEq)]
pub struct CampaignConfig {
    /// The seed of every case.
    pub seed: u64,
    /// Stop after this many cases (`None`: only the duration stops it).
    pub cases: Option<u64>,
    /// Stop after this long.
    pub duration: Option<Duration>,
    /// The profile the subject runs with.
    pub profile: Profile,
    /// The checks of every case.
    pub plan: Plan,
    /// Which data to draw.
    pub data: DataKind,
    /// Shrinking effort per counterexample.
    pub shrink: ShrinkLimits,
    /// At most this many counterexamples are shrunk (one per diverging row).
    pub max_counterexamples: usize,
}

impl Default for CampaignConfig {
    fn default() -> CampaignConfig {
        CampaignConfig {
            seed: 0,
            cases: Some(10_000),
            duration: None,
            profile: Profile::default(),
            plan: Plan::default(),
            data: DataKind::default(),
            shrink: ShrinkLimits::default(),
            max_counterexamples: 16,
        }
    }
}

/// Why a campaign could not give a verdict.
#[derive(Debug, thiserror::Error)]
pub enum CampaignError {
    /// The reference failed.
    #[error(transparent)]
    Reference(#[from] ReferenceError),
    /// No reference to run against.
    #[error("no reference interpreter")]
    NoReference,
    /// Neither a case count nor a duration.
    #[error("a campaign needs a number of cases or a duration")]
    Unbounded,
    /// proptest could not draw a case (a strategy bug).
    #[error("cannot draw case {index}: {reason}")]
    Draw {
        /// The case.
        index: u64,
        /// proptest's reason.
        reason: String,
    },
}

/// What a campaign found.
#[derive(Debug, Clone, PartialEq)]
pub struct CampaignReport {
    /// The subject's name.
    pub subject: String,
    /// The reference interpreter.
    pub reference: ReferenceInfo,
    /// The subject's profile.
    pub profile: Profile,
    /// The seed.
    pub seed: u64,
    /// The data drawn.
    pub data: DataKind,
    /// Worker threads.
    pub jobs: usize,
    /// Cases run.
    pub cases: u64,
    /// Calls evaluated on each side.
    pub calls: u64,
    /// Time spent on the cases (without shrinking).
    pub elapsed: Duration,
    /// Time spent shrinking.
    pub shrink_time: Duration,
    /// Per row and field.
    pub tally: Tally,
    /// The minimized divergences.
    pub counterexamples: Vec<Counterexample>,
    /// Diverging rows left unshrunk because of `max_counterexamples`.
    pub unshrunk_rows: Vec<String>,
    /// True when the duration ended the campaign.
    pub stopped_by_duration: bool,
}

impl CampaignReport {
    /// Cases per second (without shrinking).
    pub fn throughput(&self) -> f64 {
        let secs = self.elapsed.as_secs_f64();
        if secs > 0.0 {
            self.cases as f64 / secs
        } else {
            0.0
        }
    }

    /// True when nothing diverged.
    pub fn parity(&self) -> bool {
        self.tally.divergent() == 0
    }
}

/// The 32-byte ChaCha seed of case `index` of campaign `seed` (splitmix64).
pub fn case_seed(seed: u64, index: u64) -> [u8; 32] {
    let mut state = seed ^ index.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ 0x5DEE_CE66_D1CE_4E5B;
    let mut out = [0u8; 32];
    for chunk in out.chunks_exact_mut(8) {
        state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        chunk.copy_from_slice(&z.to_le_bytes());
    }
    out
}

/// The value tree of case `index` of campaign `seed`: the same every time.
pub fn case_tree(
    strategy: &BoxedStrategy<Case>,
    seed: u64,
    index: u64,
) -> Result<Box<dyn ValueTree<Value = Case>>, CampaignError> {
    let rng = TestRng::from_seed(RngAlgorithm::ChaCha, &case_seed(seed, index));
    let mut runner = TestRunner::new_with_rng(Config::default(), rng);
    strategy
        .new_tree(&mut runner)
        .map_err(|reason| CampaignError::Draw {
            index,
            reason: reason.to_string(),
        })
}

/// One check evaluated on one input.
#[derive(Debug, Clone, PartialEq)]
pub struct Evaluated {
    /// The subject's outcome.
    pub subject: Outcome,
    /// CPython's outcome.
    pub reference: Outcome,
    /// Field by field.
    pub comparison: Comparison,
}

/// Runs `checks` on `data`: the subject for each, CPython once per distinct reference call (sent
/// first, so a worker process computes while the subject does).
pub fn evaluate(
    data: &[Number],
    checks: &[Check],
    subject: &dyn Subject,
    reference: &mut dyn Reference,
    profile: Profile,
) -> Result<Vec<Evaluated>, ReferenceError> {
    let mut calls: Vec<Call> = Vec::new();
    let positions: Vec<usize> = checks
        .iter()
        .map(|c| match calls.iter().position(|x| *x == c.reference) {
            Some(p) => p,
            None => {
                calls.push(c.reference.clone());
                calls.len() - 1
            }
        })
        .collect();
    reference.submit(data, &calls)?;
    let subject_outcomes: Vec<Outcome> = checks
        .iter()
        .map(|check| subject.eval(&check.call, data, profile))
        .collect();
    let reference_outcomes = reference.collect()?;
    Ok(checks
        .iter()
        .zip(positions)
        .zip(subject_outcomes)
        .map(|((check, p), subject_outcome)| {
            let reference_outcome = reference_outcomes.get(p).cloned().unwrap_or(Outcome::Err {
                kind: "HarnessError".into(),
                message: "missing reference outcome".into(),
            });
            let comparison = compare(
                &check.call,
                &subject_outcome,
                &reference_outcome,
                check.mode,
            );
            Evaluated {
                subject: subject_outcome,
                reference: reference_outcome,
                comparison,
            }
        })
        .collect())
}

/// What one worker thread counted.
struct Partial {
    tally: Tally,
    /// Per row and kind: the shortest diverging case seen, as `(length, index)`.
    first_divergence: BTreeMap<(usize, DivergenceKind), (usize, u64)>,
    cases: u64,
    calls: u64,
}

/// Runs a campaign: `references` holds one interpreter per worker thread (at least one); the
/// first also serves the shrinking. `progress` is called with the number of cases done.
pub fn run(
    config: &CampaignConfig,
    subject: &dyn Subject,
    mut references: Vec<Box<dyn Reference>>,
    progress: &(dyn Fn(u64) + Sync),
) -> Result<CampaignReport, CampaignError> {
    if config.cases.is_none() && config.duration.is_none() {
        return Err(CampaignError::Unbounded);
    }
    let info = match references.first() {
        Some(r) => ReferenceInfo::of(r.as_ref()),
        None => return Err(CampaignError::NoReference),
    };
    let jobs = references.len();
    let next = AtomicU64::new(0);
    let done = AtomicU64::new(0);
    let stop = AtomicBool::new(false);
    let stopped_by_duration = AtomicBool::new(false);
    let failure: Mutex<Option<CampaignError>> = Mutex::new(None);
    let start = Instant::now();

    let partials: Vec<Partial> = std::thread::scope(|scope| {
        let handles: Vec<_> = references
            .iter_mut()
            .map(|reference| {
                let (next, done, stop, failure, stopped) =
                    (&next, &done, &stop, &failure, &stopped_by_duration);
                scope.spawn(move || {
                    let strategy = cases(config.data);
                    let mut partial = Partial {
                        tally: Tally::for_plan(&config.plan),
                        first_divergence: BTreeMap::new(),
                        cases: 0,
                        calls: 0,
                    };
                    loop {
                        if stop.load(Ordering::Relaxed) {
                            break;
                        }
                        if config.duration.is_some_and(|d| start.elapsed() >= d) {
                            stopped.store(true, Ordering::Relaxed);
                            break;
                        }
                        let index = next.fetch_add(1, Ordering::Relaxed);
                        if config.cases.is_some_and(|max| index >= max) {
                            break;
                        }
                        let step = case_tree(&strategy, config.seed, index).and_then(|tree| {
                            let case = tree.current();
                            let checks = config.plan.checks(case.n);
                            let results = evaluate(
                                &case.data,
                                &checks,
                                subject,
                                reference.as_mut(),
                                config.profile,
                            )?;
                            Ok((case, checks.len(), results))
                        });
                        let (case, calls, results) = match step {
                            Ok(r) => r,
                            Err(e) => {
                                if let Ok(mut f) = failure.lock() {
                                    f.get_or_insert(e);
                                }
                                stop.store(true, Ordering::Relaxed);
                                break;
                            }
                        };
                        for (k, r) in results.iter().enumerate() {
                            partial.tally.record(k, &r.comparison);
                            for (fi, f) in r.comparison.fields.iter().enumerate() {
                                if f.verdict != Verdict::Divergent {
                                    continue;
                                }
                                let kind = divergence_kind(&r.subject, &r.reference, f.field);
                                if let Some(row) = partial.tally.row_index(k, fi) {
                                    let here = (case.data.len(), index);
                                    let e =
                                        partial.first_divergence.entry((row, kind)).or_insert(here);
                                    *e = (*e).min(here);
                                }
                            }
                        }
                        partial.cases += 1;
                        partial.calls += calls as u64;
                        progress(done.fetch_add(1, Ordering::Relaxed) + 1);
                    }
                    partial
                })
            })
            .collect();
        handles.into_iter().filter_map(|h| h.join().ok()).collect()
    });
    let elapsed = start.elapsed();
    if let Some(e) = failure.lock().ok().and_then(|mut f| f.take()) {
        return Err(e);
    }

    let mut tally = Tally::for_plan(&config.plan);
    let mut first: BTreeMap<(usize, DivergenceKind), (usize, u64)> = BTreeMap::new();
    let (mut total_cases, mut total_calls) = (0, 0);
    for p in &partials {
        tally.merge(&p.tally);
        for (&key, &index) in &p.first_divergence {
            let e = first.entry(key).or_insert(index);
            *e = (*e).min(index);
        }
        total_cases += p.cases;
        total_calls += p.calls;
    }

    // Shrink one counterexample per diverging row and kind of divergence; a result identical to
    // an earlier one (same call, same input) is kept once.
    let shrink_start = Instant::now();
    let mut counterexamples: Vec<Counterexample> = Vec::new();
    let mut unshrunk_rows = Vec::new();
    let strategy = cases(config.data);
    if let Some(reference) = references.first_mut() {
        for (&(row, kind), &(_, index)) in &first {
            let (Some((check_index, field_index)), Some(stats)) =
                (tally.check_of_row(row), tally.rows.get(row))
            else {
                continue;
            };
            if counterexamples.len() >= config.max_counterexamples {
                unshrunk_rows.push(format!("{} · {}", stats.row, stats.field));
                continue;
            }
            let target = Target {
                index,
                check_index,
                field_index,
                kind,
            };
            let Some(cex) = shrink(
                config,
                &strategy,
                subject,
                reference.as_mut(),
                &info,
                target,
            )?
            else {
                continue;
            };
            let duplicate = counterexamples
                .iter()
                .any(|c| c.check.call == cex.check.call && c.data == cex.data);
            if !duplicate {
                counterexamples.push(cex);
            }
        }
    }

    Ok(CampaignReport {
        subject: subject.name(),
        reference: info,
        profile: config.profile,
        seed: config.seed,
        data: config.data,
        jobs,
        cases: total_cases,
        calls: total_calls,
        elapsed,
        shrink_time: shrink_start.elapsed(),
        tally,
        counterexamples,
        unshrunk_rows,
        stopped_by_duration: stopped_by_duration.load(Ordering::Relaxed),
    })
}

/// How big a case looks: elements first, then the length of its printed form.
fn size(case: &Case) -> (usize, usize) {
    (
        case.data.len(),
        super::codec::numbers_to_plain_json(&case.data).len(),
    )
}

/// What to shrink: case `index`, diverging on field `field_index` of check `check_index`.
#[derive(Debug, Clone, Copy)]
struct Target {
    index: u64,
    check_index: usize,
    field_index: usize,
    kind: DivergenceKind,
}

/// Regenerates the target's case and shrinks it while the same check still diverges on the same
/// field, with the same kind of divergence. `None` if the case no longer diverges (a
/// nondeterministic subject).
fn shrink(
    config: &CampaignConfig,
    strategy: &BoxedStrategy<Case>,
    subject: &dyn Subject,
    reference: &mut dyn Reference,
    info: &ReferenceInfo,
    target: Target,
) -> Result<Option<Counterexample>, CampaignError> {
    let mut tree = case_tree(strategy, config.seed, target.index)?;
    let original = tree.current();
    let mut diverges = |case: &Case| -> Result<Option<(Check, Evaluated)>, CampaignError> {
        let Some(check) = config
            .plan
            .checks(case.n)
            .into_iter()
            .nth(target.check_index)
        else {
            return Ok(None);
        };
        let mut results = evaluate(
            &case.data,
            std::slice::from_ref(&check),
            subject,
            reference,
            config.profile,
        )?;
        let Some(result) = results.pop() else {
            return Ok(None);
        };
        let divergent = result
            .comparison
            .fields
            .get(target.field_index)
            .is_some_and(|f| {
                f.verdict == Verdict::Divergent
                    && divergence_kind(&result.subject, &result.reference, f.field) == target.kind
            });
        Ok(divergent.then_some((check, result)))
    };
    let Some(mut best) = diverges(&original)?.map(|r| (original.clone(), r)) else {
        return Ok(None);
    };
    let start = Instant::now();
    let mut steps = 0u32;
    if tree.simplify() {
        loop {
            steps += 1;
            if steps >= config.shrink.max_steps || start.elapsed() >= config.shrink.max_time {
                break;
            }
            let current = tree.current();
            match diverges(&current)? {
                Some(r) => {
                    // proptest follows every failing simplification (a union moving to an
                    // earlier alternative may even produce a longer list); report the smallest.
                    if size(&current) <= size(&best.0) {
                        best = (current, r);
                    }
                    if !tree.simplify() {
                        break;
                    }
                }
                None => {
                    if !tree.complicate() {
                        break;
                    }
                }
            }
        }
    }
    // proptest's vector shrinking deletes each element once, in one forward pass, before it
    // shrinks the elements; finish with deletions to a fixpoint on the shrunk data itself.
    let mut deleted = true;
    while deleted && best.0.data.len() > 1 {
        deleted = false;
        for i in 0..best.0.data.len() {
            if steps >= config.shrink.max_steps || start.elapsed() >= config.shrink.max_time {
                break;
            }
            steps += 1;
            let mut smaller = best.0.clone();
            smaller.data.remove(i);
            if let Some(r) = diverges(&smaller)? {
                best = (smaller, r);
                deleted = true;
                break;
            }
        }
    }
    let (case, (check, result)) = best;
    Ok(Some(Counterexample {
        check,
        data: case.data,
        subject: result.subject,
        reference: result.reference,
        comparison: result.comparison,
        profile: config.profile,
        reference_info: info.clone(),
        subject_name: subject.name(),
        seed: config.seed,
        case_index: target.index,
        original_len: original.data.len(),
        shrink_steps: steps,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_seeds_differ_and_repeat() {
        assert_eq!(case_seed(1, 2), case_seed(1, 2));
        assert_ne!(case_seed(1, 2), case_seed(1, 3));
        assert_ne!(case_seed(1, 2), case_seed(2, 2));
    }

    #[test]
    fn case_trees_are_reproducible() {
        let strategy = cases(DataKind::Mixed);
        for i in 0..50 {
            let a = case_tree(&strategy, 7, i).map(|t| t.current()).ok();
            let b = case_tree(&strategy, 7, i).map(|t| t.current()).ok();
            assert_eq!(format!("{a:?}"), format!("{b:?}"));
        }
    }
}
