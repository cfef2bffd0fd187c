//! The harness proves it catches what it exists to catch: the same engine `rstats-parity run`
//! uses, with a known-wrong subject plugged in, must report a divergence and shrink it to a
//! small input.
//!
//! - a naive mean (`sum / n` in f64: `mean([0.1, 0.2, 0.3])` is `0.20000000000000004`, and
//!   `0.0` where CPython's mean of ints is the int `0`);
//! - the talk's statrs port (type-8 quartiles), both as rstats' `statrs` method and as an
//!   independent closure over the `statrs` crate: shrunk to 4 elements or fewer;
//! - the rstats core run with the wrong profile (3.10's `stdev` against a 3.11 interpreter).
//!
//! And the other way round: the core with the right profile shows no divergence, and a campaign
//! is reproducible from its seed whatever the number of jobs.

use rstats::parity::call::Call;
use rstats::parity::campaign::{run, CampaignConfig, CampaignReport};
use rstats::parity::compare::DivergenceKind;
use rstats::parity::outcome::{Outcome, Value};
use rstats::parity::plan::{FunctionName, Plan};
use rstats::parity::reference::embedded::EmbeddedPython;
use rstats::parity::reference::Reference;
use rstats::parity::strategies::DataKind;
use rstats::parity::subject::{Core, FnSubject, Subject};
use rstats::{Method, Number, Profile};
use statrs::statistics::{Data, OrderStatistics};

fn embedded() -> Box<dyn Reference> {
    Box::new(EmbeddedPython::new().expect("embedded CPython"))
}

fn matching_profile() -> Profile {
    embedded().profile().expect("supported CPython")
}

fn campaign(
    subject: &dyn Subject,
    plan: Plan,
    cases: u64,
    profile: Profile,
    data: DataKind,
) -> CampaignReport {
    let config = CampaignConfig {
        seed: 20261126,
        cases: Some(cases),
        profile,
        plan,
        data,
        ..CampaignConfig::default()
    };
    let report = run(&config, subject, vec![embedded()], &|_| {}).expect("campaign runs");
    println!("{}", rstats::parity::report::render(&report));
    report
}

fn floats(data: &[Number]) -> Option<Vec<f64>> {
    data.iter()
        .map(|n| rstats::internals::arith::to_float(n).ok())
        .collect()
}

#[test]
fn a_naive_mean_is_caught_and_shrunk() {
    let naive = FnSubject::new(
        "naive mean (sum / n in f64)",
        |call: &Call, data: &[Number], profile: Profile| match (call, floats(data)) {
            // Python's `sum(data) / len(data)`: the sum starts from 0 (so -0.0 becomes 0.0).
            (Call::Mean, Some(xs)) if !xs.is_empty() => Outcome::Ok(Value::Number(Number::Float(
                xs.iter().fold(0.0, |a, x| a + x) / xs.len() as f64,
            ))),
            _ => Core::default().eval(call, data, profile),
        },
    );
    let plan = Plan::new(vec![FunctionName::Mean], vec![]).unwrap();
    let report = campaign(&naive, plan, 300, matching_profile(), DataKind::Finite);
    assert!(
        report.tally.divergent() > 0,
        "the naive mean went unnoticed"
    );
    assert!(!report.counterexamples.is_empty());
    for cex in &report.counterexamples {
        assert!(
            cex.data.len() <= 4,
            "not shrunk: {} elements\n{}",
            cex.data.len(),
            cex.render()
        );
    }
    // A float divergence (rounding, cancellation or overflow of the float sum), not only the
    // int/float type, shrunk as well.
    let values = report
        .counterexamples
        .iter()
        .find(|c| c.kind() == DivergenceKind::Values)
        .expect("a float divergence of the naive mean");
    assert_ne!(values.subject, values.reference);
    // And the type: CPython's mean of ints is an int when it is integral.
    assert!(report
        .counterexamples
        .iter()
        .any(|c| c.kind() == DivergenceKind::Types && c.data.len() <= 2));
}

#[test]
fn the_statrs_method_is_caught_and_its_quartiles_shrunk_to_four_elements_or_fewer() {
    let plan = Plan::new(
        vec![FunctionName::Quantiles, FunctionName::StatsPy],
        vec![Method::Statrs],
    )
    .unwrap();
    assert!(plan.uses_tolerance(), "statrs has no CPython counterpart");
    let report = campaign(
        &Core::default(),
        plan,
        300,
        matching_profile(),
        DataKind::Finite,
    );
    let quartiles = report
        .counterexamples
        .iter()
        .find(|c| {
            c.row() == "stats_py[statrs]"
                && c.fields().contains(&"quartiles")
                && c.kind() == DivergenceKind::Values
        })
        .expect("a quartiles divergence of stats_py with statrs");
    assert!(quartiles.data.len() <= 4, "{}", quartiles.render());
    let cut_points = report
        .counterexamples
        .iter()
        .find(|c| c.row() == "quantiles[statrs]" && c.kind() == DivergenceKind::Values)
        .expect("a quantiles divergence with statrs");
    assert!(cut_points.data.len() <= 4, "{}", cut_points.render());
}

#[test]
fn the_talks_statrs_port_as_a_plugged_closure_is_caught() {
    // The port as the talk wrote it: statrs' quartiles in place of statistics.quantiles(n=4).
    let port = FnSubject::new(
        "statrs crate quartiles",
        |call: &Call, data: &[Number], profile: Profile| match (call, floats(data)) {
            (Call::Quantiles { n: 4, .. }, Some(xs)) if xs.len() >= 2 => {
                let mut d = Data::new(xs);
                let q = [d.lower_quartile(), d.median(), d.upper_quartile()];
                Outcome::Ok(Value::List(q.iter().map(|&x| Number::Float(x)).collect()))
            }
            _ => Core::default().eval(call, data, profile),
        },
    );
    let mut plan = Plan::new(vec![FunctionName::Quantiles], vec![Method::Exclusive]).unwrap();
    plan.tolerance.max_ulps = 4;
    let report = campaign(&port, plan, 300, matching_profile(), DataKind::Finite);
    let cex = report
        .counterexamples
        .iter()
        .find(|c| matches!(c.check.call, Call::Quantiles { n: 4, .. }))
        .expect("the port's quartiles diverge");
    assert!(cex.data.len() <= 4, "{}", cex.render());
}

#[test]
fn the_wrong_profile_shows_stdev_divergences() {
    let plan = Plan::new(vec![FunctionName::Stdev, FunctionName::Mean], vec![]).unwrap();
    assert!(matching_profile().same_results(Profile::Py311));
    let report = campaign(
        &Core::default(),
        plan,
        400,
        Profile::Py310,
        DataKind::Finite,
    );
    let stdev = report.tally.rows.iter().find(|r| r.row == "stdev").unwrap();
    let mean = report.tally.rows.iter().find(|r| r.row == "mean").unwrap();
    assert!(stdev.divergent > 0, "3.10's double rounding went unnoticed");
    assert_eq!(mean.divergent, 0, "mean is the same in every version");
    let cex = &report.counterexamples[0];
    assert!(cex.data.len() <= 4, "{}", cex.render());
    assert!(
        stdev.max_ulps.is_some(),
        "last-bit differences, measured in ULPs"
    );
}

#[test]
fn the_core_with_the_matching_profile_shows_no_divergence() {
    let report = campaign(
        &Core::default(),
        Plan::default(),
        300,
        matching_profile(),
        DataKind::Mixed,
    );
    assert_eq!(report.tally.divergent(), 0);
    assert!(
        report.tally.declined() > 0,
        "NaN cases are declined, and counted"
    );
    assert!(report.tally.rows.iter().all(|r| r.cases == 300));
}

#[test]
fn a_campaign_is_reproducible_whatever_the_jobs() {
    let config = CampaignConfig {
        seed: 99,
        cases: Some(120),
        profile: Profile::Py310,
        plan: Plan::new(vec![FunctionName::Stdev, FunctionName::Median], vec![]).unwrap(),
        ..CampaignConfig::default()
    };
    let one = run(&config, &Core::default(), vec![embedded()], &|_| {}).unwrap();
    let two = run(
        &config,
        &Core::default(),
        vec![embedded(), embedded()],
        &|_| {},
    )
    .unwrap();
    assert_eq!(one.tally, two.tally);
    assert_eq!(one.counterexamples.len(), two.counterexamples.len());
    for (a, b) in one.counterexamples.iter().zip(&two.counterexamples) {
        assert_eq!(a.data, b.data);
    }
}
