//! `rstats-parity`: rstats against CPython's `statistics`, bit for bit.
//!
//! Argument parsing and printing only; the work is done by `rstats::parity`.
//! Exit status: 0 parity, 1 divergence, 2 usage error (or a reference that cannot be used).

use clap::{Args, Parser, Subcommand};
use indicatif::{ProgressBar, ProgressStyle};
use rstats::parity::campaign::{self, CampaignConfig, CampaignReport};
use rstats::parity::check;
use rstats::parity::codec::{numbers_from_plain_json, numbers_to_plain_json};
use rstats::parity::compare::Tolerance;
use rstats::parity::corpus;
use rstats::parity::interpreters::{discover_matrix, MATRIX_MINORS};
use rstats::parity::plan::{FunctionName, Plan};
use rstats::parity::reference::embedded::EmbeddedPython;
use rstats::parity::reference::subprocess::SubprocessPython;
use rstats::parity::reference::{Reference, ReferenceError};
use rstats::parity::report::{self, MatrixRow};
use rstats::parity::strategies::DataKind;
use rstats::parity::subject::Core;
use rstats::{Method, Profile};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

const ABOUT: &str = "rstats against CPython's `statistics`, bit for bit.

Every input is evaluated by rstats and by a real CPython (the one embedded in this binary, or \
any python3 3.8+ given with --python), and the outcomes are compared exactly: same Python type, \
same float bits, same exception and message. Divergences are shrunk to the smallest input that \
shows them.

Exit status: 0 parity, 1 divergence, 2 usage error (or an interpreter that cannot be used).";

const AFTER_HELP: &str = "Examples:
  rstats-parity run --duration 2m              # a two-minute campaign against the embedded CPython
  rstats-parity run --cases 100000 --jobs 2 --report parity.json --junit parity.xml
  rstats-parity run --method statrs            # would the talk's statrs port pass? (no: exit 1)
  rstats-parity check '[1, 3, 5, 7, 9, 10, 13, 84, 528]'
  rstats-parity matrix                         # every reference CPython 3.8-3.15, one table";

#[derive(Parser)]
#[command(name = "rstats-parity", version, about = "rstats against CPython's `statistics`, bit for bit",
          long_about = ABOUT, after_help = AFTER_HELP)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// A randomized campaign: invented inputs, every function, rstats beside CPython.
    #[command(after_help = "Examples:
  rstats-parity run --duration 2m
  rstats-parity run --cases 100000 --seed 42 --jobs 2 --report parity.json --junit parity.xml
  rstats-parity run --python ~/.pyenv/versions/3.8.18/bin/python3          # profile 3.8.18 follows
  rstats-parity run --python ~/.pyenv/versions/3.12.1/bin/python3 --profile 3.10.13  # shows stdev divergences
  rstats-parity run --python /var/cache/rstats/forky/bin/python3.13 --profile 3.13.0 --data non-finite
  rstats-parity run --cases 5000 --seed 7 --method statrs      # the harness catching the statrs port
  rstats-parity run --method statrs --corpus tests/corpus      # add its counterexamples to the tests
  rstats-parity run --function stdev --function variance --data non-finite
  rstats-parity run --dry-run --cases 0                        # check the arguments only (exit 2)

Each divergence is shrunk and printed with a `check` command that replays it. When the profile
matches the reference interpreter it is also written, one JSON file per input, to the corpus
directory: --corpus DIR, by default target/rstats-parity/corpus of the source tree (ignored by
git). The tests' own corpus, tests/corpus (replayed by `cargo test`), is written only when named
with --corpus. An input already in the directory keeps its file untouched, so running the same
campaign again changes nothing.")]
    Run(RunArgs),
    /// One input, rstats beside CPython, field by field, with the verdict.
    #[command(
        after_help = "The input is a JSON list: integers are Python ints (any size), numbers \
with a fraction or an exponent are floats, true/false are bools, \"inf\", \"-inf\" and \"nan\" are \
the non-finite floats.

Examples:
  rstats-parity check '[1, 3, 5, 7, 9, 10, 13, 84, 528]'
  rstats-parity check '[1, 3, 5, 7, 9, 10, 13, 84, 528]' --method statrs
  rstats-parity check '[60.2, 4.79, 11.71]' --function stdev --profile 3.8.18
  rstats-parity check '[1e308, 1.7e308]' --n 2 --python ~/.pyenv/versions/3.13.0/bin/python3"
    )]
    Check(CheckArgs),
    /// Every reference CPython 3.8-3.15 as the reference, each with its matching profile.
    #[command(
        after_help = "CPython 3.8 to 3.13 are found as $(pyenv root)/versions/3.X.Y/bin/python3 \
(newest patch) or python3.X on PATH; CPython 3.13, 3.14 and 3.15 of Debian forky as the wrappers \
that ci/reference-pythons makes in $RSTATS_PYTHONS_CACHE (default /var/cache/rstats/forky)/bin. \
3.13 from both places is two entries (3.13.0 and 3.13.15 differ). An interpreter found nowhere is \
listed as MISSING with the command that makes it.

Examples:
  rstats-parity matrix
  rstats-parity matrix --cases 5000 --jobs 2 --junit matrix.xml
  rstats-parity matrix --versions 3.13,3.14,3.15 --data non-finite
  rstats-parity matrix --profile 3.10.0     # force one profile: the others diverge"
    )]
    Matrix(MatrixArgs),
}

#[derive(Args, Clone)]
struct Selection {
    /// Quantile method for quantiles/stats_py (repeatable; default: exclusive and inclusive).
    /// Methods without a CPython counterpart (statrs, numpy's names) are compared within a
    /// tolerance with the CPython method they would replace.
    #[arg(long = "method", value_name = "METHOD", value_parser = parse_method)]
    methods: Vec<Method>,
    /// Function to check (repeatable; default: all): mean, median, variance, stdev, pvariance,
    /// pstdev, quantiles, stats_py.
    #[arg(long = "function", value_name = "FUNCTION", value_parser = parse_function)]
    functions: Vec<FunctionName>,
    /// ULP tolerance for methods without a CPython counterpart.
    #[arg(long, value_name = "ULPS", default_value_t = Tolerance::default().max_ulps)]
    ulps: u32,
}

#[derive(Args)]
struct RunArgs {
    /// Number of cases (at least 1; default 10000, or unlimited when --duration is given).
    #[arg(long, value_name = "N", value_parser = parse_count, allow_negative_numbers = true)]
    cases: Option<u64>,
    /// Seed of the campaign (default: random, printed in the report).
    #[arg(long, value_name = "SEED")]
    seed: Option<u64>,
    /// Stop after this long: 90s, 2m, 1h, 500ms (or plain seconds).
    #[arg(long, value_name = "TIME", value_parser = parse_duration)]
    duration: Option<Duration>,
    #[command(flatten)]
    selection: Selection,
    /// Profile of rstats: a CPython release such as 3.13.15 (3.12 means 3.12.0; py38, py310,
    /// py311, py313 are 3.8.0 ... 3.13.0) (default: the reference interpreter's release).
    #[arg(long, value_name = "PROFILE", value_parser = parse_profile)]
    profile: Option<Profile>,
    /// Parallel workers. Each has its own interpreter process: of --python, or of the embedded
    /// CPython's own executable (the same build; in-process threads would queue on its GIL).
    #[arg(long, value_name = "N", default_value_t = 1, value_parser = parse_jobs, allow_negative_numbers = true)]
    jobs: u64,
    /// Use this interpreter as the reference (through a worker process) instead of the embedded one.
    #[arg(long, value_name = "PATH")]
    python: Option<PathBuf>,
    /// Which data: finite, non-finite, or mixed (one case in eight non-finite).
    #[arg(long, value_name = "KIND", default_value = "mixed", value_parser = parse_data)]
    data: DataKind,
    /// Write the JSON report here.
    #[arg(long, value_name = "FILE.json")]
    report: Option<PathBuf>,
    /// Write a JUnit XML report here.
    #[arg(long, value_name = "FILE.xml")]
    junit: Option<PathBuf>,
    /// Corpus directory for minimized counterexamples (default: target/rstats-parity/corpus of
    /// the source tree; `--corpus tests/corpus` adds them to the corpus `cargo test` replays).
    /// An input already there keeps its file untouched.
    #[arg(long, value_name = "DIR")]
    corpus: Option<PathBuf>,
    /// Do not write counterexamples anywhere (they are still printed).
    #[arg(long)]
    no_corpus: bool,
    /// Shrink at most this many counterexamples (one per diverging function, field and kind of
    /// divergence).
    #[arg(long, value_name = "N", default_value_t = 16)]
    max_counterexamples: usize,
    /// No progress bar.
    #[arg(long)]
    quiet: bool,
    /// Check the arguments, print the campaign they describe, and exit (0, or 2 on a usage
    /// error) without starting an interpreter.
    #[arg(long)]
    dry_run: bool,
}

#[derive(Args)]
struct CheckArgs {
    /// The input, a JSON list such as '[1, 2.5, true, "nan"]'.
    #[arg(value_name = "JSON")]
    input: String,
    #[command(flatten)]
    selection: Selection,
    /// The n of quantiles: -1000 ... 1000000 (n < 1 is CPython's StatisticsError; a larger n
    /// would make CPython build a list of that many results).
    #[arg(long, value_name = "N", default_value_t = 4, allow_negative_numbers = true,
          value_parser = parse_n)]
    n: i64,
    /// Profile of rstats (default: the one matching the reference interpreter).
    #[arg(long, value_name = "PROFILE", value_parser = parse_profile)]
    profile: Option<Profile>,
    /// Use this interpreter as the reference instead of the embedded one.
    #[arg(long, value_name = "PATH")]
    python: Option<PathBuf>,
}

#[derive(Args)]
struct MatrixArgs {
    /// Cases per version.
    #[arg(long, value_name = "N", default_value_t = 2000, value_parser = parse_count, allow_negative_numbers = true)]
    cases: u64,
    /// Seed (the same for every version; default: random, printed).
    #[arg(long, value_name = "SEED")]
    seed: Option<u64>,
    /// Force this profile for every version (default: each version's own).
    #[arg(long, value_name = "PROFILE", value_parser = parse_profile)]
    profile: Option<Profile>,
    /// Worker processes per version.
    #[arg(long, value_name = "N", default_value_t = 2, value_parser = parse_jobs, allow_negative_numbers = true)]
    jobs: u64,
    /// Only these minor versions, e.g. 3.8,3.13 (default: 3.8 through 3.15).
    #[arg(long, value_name = "LIST", value_delimiter = ',', value_parser = parse_minor)]
    versions: Vec<u32>,
    #[command(flatten)]
    selection: Selection,
    /// Which data: finite, non-finite, mixed.
    #[arg(long, value_name = "KIND", default_value = "mixed", value_parser = parse_data)]
    data: DataKind,
    /// Write the JSON report here.
    #[arg(long, value_name = "FILE.json")]
    report: Option<PathBuf>,
    /// Write a JUnit XML report here.
    #[arg(long, value_name = "FILE.xml")]
    junit: Option<PathBuf>,
    /// Corpus directory for minimized counterexamples (default: target/rstats-parity/corpus of
    /// the source tree). An input already there keeps its file untouched.
    #[arg(long, value_name = "DIR")]
    corpus: Option<PathBuf>,
    /// Do not write counterexamples anywhere (never written with a forced --profile).
    #[arg(long)]
    no_corpus: bool,
    /// No progress bar.
    #[arg(long)]
    quiet: bool,
}

fn parse_count(s: &str) -> Result<u64, String> {
    match s.trim().parse::<i128>() {
        Ok(n) if n >= 1 && n <= i128::from(u64::MAX) => Ok(n as u64),
        Ok(_) => Err("must be at least 1".to_string()),
        Err(_) => Err("not a whole number".to_string()),
    }
}

fn parse_n(s: &str) -> Result<i64, String> {
    match s.trim().parse::<i64>() {
        Ok(n) if (-1000..=1_000_000).contains(&n) => Ok(n),
        Ok(_) => Err("must be between -1000 and 1000000".to_string()),
        Err(_) => Err("not a whole number".to_string()),
    }
}

fn parse_jobs(s: &str) -> Result<u64, String> {
    match parse_count(s)? {
        n if n <= 256 => Ok(n),
        _ => Err("at most 256".to_string()),
    }
}

fn parse_method(s: &str) -> Result<Method, String> {
    s.parse::<Method>()
        .map_err(|e| format!("{e} (valid methods: {})", Method::NAMES.join(", ")))
}

fn parse_function(s: &str) -> Result<FunctionName, String> {
    s.parse::<FunctionName>().map_err(|e| e.to_string())
}

fn parse_profile(s: &str) -> Result<Profile, String> {
    s.parse::<Profile>().map_err(|e| e.to_string())
}

fn parse_data(s: &str) -> Result<DataKind, String> {
    s.parse::<DataKind>()
}

fn parse_minor(s: &str) -> Result<u32, String> {
    let minor = s.trim().strip_prefix("3.").unwrap_or(s.trim());
    match minor.parse::<u32>() {
        Ok(m) if MATRIX_MINORS.contains(&m) => Ok(m),
        _ => Err(format!("{s:?} is not one of 3.8 ... 3.15")),
    }
}

fn parse_duration(s: &str) -> Result<Duration, String> {
    let t = s.trim();
    let split = t
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(t.len());
    let (number, unit) = t.split_at(split);
    let value: f64 = number
        .parse()
        .map_err(|_| format!("{s:?} is not a duration (try 90s, 2m, 1h)"))?;
    let seconds = match unit {
        "" | "s" => value,
        "ms" => value / 1000.0,
        "m" | "min" => value * 60.0,
        "h" => value * 3600.0,
        _ => return Err(format!("{s:?}: unknown unit {unit:?} (use ms, s, m or h)")),
    };
    if !(seconds > 0.0 && seconds.is_finite()) {
        return Err(format!("{s:?}: the duration must be positive"));
    }
    Ok(Duration::from_secs_f64(seconds))
}

/// A usage error or an unusable reference: one line, exit 2.
struct Fail(String);

impl From<ReferenceError> for Fail {
    fn from(e: ReferenceError) -> Fail {
        Fail(e.to_string())
    }
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            use clap::error::ErrorKind;
            if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) {
                let _ = e.print();
                return ExitCode::SUCCESS;
            }
            if e.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand {
                let _ = e.print();
                return ExitCode::from(2);
            }
            // clap's message without its usage and tip lines, on one line.
            let text = e.render().to_string();
            let message: Vec<&str> = text
                .lines()
                .map(str::trim)
                .take_while(|l| !l.starts_with("Usage:") && !l.starts_with("For more information"))
                .filter(|l| !l.is_empty() && !l.starts_with("tip:"))
                .collect();
            let message = if message.is_empty() {
                "error: invalid arguments".to_string()
            } else {
                message.join(" ")
            };
            eprintln!("{message} (see rstats-parity --help)");
            return ExitCode::from(2);
        }
    };
    let result = match cli.command {
        Command::Run(args) => run(args),
        Command::Check(args) => check_cmd(args),
        Command::Matrix(args) => matrix(args),
    };
    match result {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(Fail(message)) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}

fn plan_of(selection: &Selection) -> Result<Plan, Fail> {
    let functions = if selection.functions.is_empty() {
        FunctionName::ALL.to_vec()
    } else {
        selection.functions.clone()
    };
    let methods = if selection.methods.is_empty() {
        vec![Method::Exclusive, Method::Inclusive]
    } else {
        selection.methods.clone()
    };
    let mut plan = Plan::new(functions, methods).map_err(|e| Fail(e.to_string()))?;
    plan.tolerance = Tolerance {
        max_ulps: selection.ulps,
    };
    Ok(plan)
}

fn reference(python: Option<&Path>) -> Result<Box<dyn Reference>, Fail> {
    Ok(match python {
        Some(path) => Box::new(SubprocessPython::spawn(path)?),
        None => Box::new(EmbeddedPython::new()?),
    })
}

fn matching_profile(r: &dyn Reference) -> Result<Profile, Fail> {
    let (major, minor, micro) = r.release();
    r.profile().ok_or_else(|| {
        Fail(format!(
            "no rstats profile for CPython {major}.{minor}.{micro}; pass --profile"
        ))
    })
}

fn random_seed() -> u64 {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos() as u64)
        .unwrap_or(0);
    (nanos ^ (u64::from(std::process::id()) << 32)) % 1_000_000_000
}

fn progress_bar(total: Option<u64>, quiet: bool) -> ProgressBar {
    if quiet || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    match total {
        Some(n) => ProgressBar::new(n).with_style(
            ProgressStyle::with_template(
                "{spinner} [{elapsed_precise}] {bar:40} {pos}/{len} cases ({per_sec}, eta {eta})",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
        ),
        None => ProgressBar::new_spinner().with_style(
            ProgressStyle::with_template("{spinner} [{elapsed_precise}] {pos} cases ({per_sec})")
                .unwrap_or_else(|_| ProgressStyle::default_spinner()),
        ),
    }
}

fn write_file(path: &Path, text: &str) -> Result<(), Fail> {
    std::fs::write(path, text).map_err(|e| Fail(format!("cannot write {}: {e}", path.display())))
}

fn run(args: RunArgs) -> Result<bool, Fail> {
    let plan = plan_of(&args.selection)?;
    if args.dry_run {
        println!("{}", describe_run(&args, &plan));
        return Ok(true);
    }
    let references = rstats::parity::reference::open(args.python.as_deref(), args.jobs as usize)?;
    let first = references
        .first()
        .ok_or_else(|| Fail("no reference".into()))?;
    let matching = matching_profile(first.as_ref())?;
    let profile = args.profile.unwrap_or(matching);
    let cases = match (args.cases, args.duration) {
        (None, None) => Some(10_000),
        (cases, _) => cases,
    };
    let config = CampaignConfig {
        seed: args.seed.unwrap_or_else(random_seed),
        cases,
        duration: args.duration,
        profile,
        plan,
        data: args.data,
        max_counterexamples: args.max_counterexamples,
        ..CampaignConfig::default()
    };
    eprintln!(
        "rstats-parity: {} case(s){} against CPython {} [{}], profile {}, seed {}",
        cases.map_or("unlimited".to_string(), |c| c.to_string()),
        args.duration
            .map_or(String::new(), |d| format!(" for at most {:.0?}", d)),
        first.describe(),
        first.location(),
        profile,
        config.seed
    );
    let bar = progress_bar(cases, args.quiet);
    let report = campaign::run(&config, &Core::default(), references, &|done| {
        bar.set_position(done)
    })
    .map_err(|e| Fail(e.to_string()))?;
    bar.finish_and_clear();
    let corpus_note = write_corpus(&report, matching, args.no_corpus, args.corpus.as_deref())?;
    print!("{}", report::render(&report));
    for note in corpus_note {
        println!("{note}");
    }
    if let Some(path) = &args.report {
        let text = serde_json::to_string_pretty(&report::to_json(&report))
            .map_err(|e| Fail(e.to_string()))?;
        write_file(path, &text)?;
    }
    if let Some(path) = &args.junit {
        write_file(path, &report::to_junit(&report))?;
    }
    Ok(report.parity())
}

/// What `run --dry-run` prints: the campaign the arguments describe, one line.
fn describe_run(args: &RunArgs, plan: &Plan) -> String {
    let cases = match (args.cases, args.duration) {
        (None, None) => "10000 cases".to_string(),
        (Some(c), None) => format!("{c} cases"),
        (None, Some(d)) => format!("unlimited cases for at most {d:.0?}"),
        (Some(c), Some(d)) => format!("{c} cases for at most {d:.0?}"),
    };
    let reference = args
        .python
        .as_ref()
        .map_or("the embedded CPython".to_string(), |p| {
            format!("CPython at {}", p.display())
        });
    let profile = args
        .profile
        .map_or("the reference's own".to_string(), |p| p.name().to_string());
    let seed = args.seed.map_or("random".to_string(), |s| s.to_string());
    let corpus = if args.no_corpus {
        "not written".to_string()
    } else {
        args.corpus
            .clone()
            .unwrap_or_else(corpus::campaign_dir)
            .display()
            .to_string()
    };
    format!(
        "rstats-parity run (dry run, arguments valid): {cases}, {} check(s) per case, against {reference}, {} job(s), profile {profile}, seed {seed}, data {:?}, corpus {corpus}",
        plan.checks(4).len(),
        args.jobs,
        args.data,
    )
}

/// Writes the counterexamples to the corpus when the profile matches the interpreter (a forced
/// mismatched profile diverges on purpose; those are not core bugs).
fn write_corpus(
    report: &CampaignReport,
    matching: Profile,
    disabled: bool,
    dir: Option<&Path>,
) -> Result<Vec<String>, Fail> {
    if report.counterexamples.is_empty() {
        return Ok(Vec::new());
    }
    if disabled {
        return Ok(vec!["corpus: not written (--no-corpus)".into()]);
    }
    if !report.profile.same_results(matching) {
        return Ok(vec![format!(
            "corpus: not written (profile {} does not match CPython {matching}: these divergences are expected)",
            report.profile.name(),
        )]);
    }
    let dir = dir
        .map(Path::to_path_buf)
        .unwrap_or_else(corpus::campaign_dir);
    let mut notes = Vec::new();
    for cex in &report.counterexamples {
        let note = match corpus::write(&dir, cex).map_err(|e| Fail(e.to_string()))? {
            corpus::Written::New(path) => format!("corpus: wrote {}", path.display()),
            corpus::Written::Kept(path) => {
                format!("corpus: already there, kept {}", path.display())
            }
        };
        notes.push(note);
    }
    Ok(notes)
}

fn check_cmd(args: CheckArgs) -> Result<bool, Fail> {
    let data =
        numbers_from_plain_json(&args.input).map_err(|e| Fail(format!("malformed input: {e}")))?;
    let plan = plan_of(&args.selection)?;
    let mut python = reference(args.python.as_deref())?;
    let profile = match args.profile {
        Some(p) => p,
        None => matching_profile(python.as_ref())?,
    };
    let rows = check::check_input(
        &data,
        args.n,
        &plan,
        &Core::default(),
        python.as_mut(),
        profile,
    )?;
    println!(
        "reference: CPython {} [{}]",
        python.describe(),
        python.location()
    );
    println!("subject:   rstats core with profile {profile}");
    println!(
        "input:     {} ({} element{})",
        numbers_to_plain_json(&data),
        data.len(),
        if data.len() == 1 { "" } else { "s" }
    );
    println!();
    print!("{}", check::render(&rows));
    let divergent: Vec<String> = rows
        .iter()
        .filter(|r| r.comparison.is_divergent())
        .map(|r| r.check.call.label())
        .collect();
    let declined = rows.iter().filter(|r| r.subject.is_unsupported()).count();
    println!();
    if divergent.is_empty() {
        println!(
            "PARITY: {} calls{}",
            rows.len(),
            if declined > 0 {
                format!(", {declined} declined by the core (delegated to CPython)")
            } else {
                String::new()
            }
        );
        Ok(true)
    } else {
        println!("DIVERGENCE: {}", divergent.join(", "));
        Ok(false)
    }
}

fn matrix(args: MatrixArgs) -> Result<bool, Fail> {
    let plan = plan_of(&args.selection)?;
    let minors = if args.versions.is_empty() {
        MATRIX_MINORS.to_vec()
    } else {
        args.versions.clone()
    };
    let seed = args.seed.unwrap_or_else(random_seed);
    eprintln!(
        "rstats-parity matrix: {} cases per version, seed {seed}, profile {}",
        args.cases,
        args.profile
            .map_or("matching each version".to_string(), |p| p.to_string())
    );
    let mut rows = Vec::new();
    let mut notes = Vec::new();
    for found in discover_matrix(&minors) {
        let mut version = format!("3.{}", found.minor);
        let Some(path) = found.path.clone() else {
            let why = match &found.make {
                Some(command) => {
                    version = format!("3.{} forky", found.minor);
                    format!("not made: run `{command}`")
                }
                None => "not installed (pyenv or PATH)".to_string(),
            };
            rows.push(MatrixRow {
                version,
                source: found.source,
                result: Err(why),
            });
            continue;
        };
        let result = (|| -> Result<CampaignReport, String> {
            let mut references: Vec<Box<dyn Reference>> = Vec::new();
            for _ in 0..args.jobs {
                references.push(Box::new(
                    SubprocessPython::spawn(&path).map_err(|e| e.to_string())?,
                ));
            }
            let first = references.first().ok_or("no reference")?;
            let matching = first
                .profile()
                .ok_or_else(|| format!("no profile for {}", first.describe()))?;
            version = matching.name();
            let config = CampaignConfig {
                seed,
                cases: Some(args.cases),
                profile: args.profile.unwrap_or(matching),
                plan: plan.clone(),
                data: args.data,
                ..CampaignConfig::default()
            };
            let bar = progress_bar(Some(args.cases), args.quiet);
            bar.set_message(version.clone());
            let report = campaign::run(&config, &Core::default(), references, &|d| {
                bar.set_position(d)
            })
            .map_err(|e| e.to_string())?;
            bar.finish_and_clear();
            let written = write_corpus(&report, matching, args.no_corpus, args.corpus.as_deref())
                .map_err(|Fail(m)| m)?;
            notes.extend(written.into_iter().map(|n| format!("{version}: {n}")));
            Ok(report)
        })();
        if let Ok(r) = &result {
            eprintln!(
                "  {version}: {} cases, {} divergent field comparisons",
                r.cases,
                r.tally.divergent()
            );
        }
        rows.push(MatrixRow {
            version,
            source: found.source,
            result,
        });
    }
    println!(
        "rstats-parity matrix (seed {seed}, {} cases per version)",
        args.cases
    );
    println!();
    print!("{}", report::matrix_table(&rows));
    for row in &rows {
        if let Ok(r) = &row.result {
            println!(
                "  {}: CPython {} [{}]",
                row.version, r.reference.sys_version, r.reference.location
            );
        }
    }
    for row in &rows {
        if let Ok(r) = &row.result {
            for cex in &r.counterexamples {
                println!("\n[{}] {}", row.version, cex.render());
            }
        }
    }
    for note in &notes {
        println!("{note}");
    }
    if let Some(path) = &args.report {
        let text = serde_json::to_string_pretty(&report::matrix_json(&rows))
            .map_err(|e| Fail(e.to_string()))?;
        write_file(path, &text)?;
    }
    if let Some(path) = &args.junit {
        write_file(path, &report::matrix_junit(&rows))?;
    }
    let ran = rows.iter().filter(|r| r.result.is_ok()).count();
    let missing = rows.iter().filter(|r| r.source == "missing").count();
    let errors: Vec<String> = rows
        .iter()
        .filter(|r| r.source != "missing")
        .filter_map(|r| {
            r.result
                .as_ref()
                .err()
                .map(|e| format!("{}: {e}", r.version))
        })
        .collect();
    let divergent = rows
        .iter()
        .filter(|r| r.result.as_ref().is_ok_and(|c| !c.parity()))
        .count();
    println!();
    println!(
        "{}: {ran} version(s) run, {divergent} with divergences, {missing} missing{}",
        if divergent == 0 && errors.is_empty() {
            "PARITY"
        } else {
            "DIVERGENCE"
        },
        if errors.is_empty() {
            String::new()
        } else {
            format!(", errors: {}", errors.join("; "))
        }
    );
    if !errors.is_empty() && ran == 0 {
        return Err(Fail(errors.join("; ")));
    }
    Ok(divergent == 0 && errors.is_empty())
}
