//! Store benchmark: ingests synthetic coded events, then times the common queries.
//!
//! `DYAD_BENCH_EVENTS=10000000 cargo bench -p dyad-store --bench store` (default 1,000,000 events;
//! `DYAD_BENCH_DB` sets the database path, default a file in the temp directory, removed first;
//! `DYAD_BENCH_BATCH` the documents per transaction, default 2,000).
//! `scripts/bench-store.sh` runs it at 1 M and 10 M events.

use dyad_store::query::{Period, Side};
use dyad_store::synthetic::{self, Generator};
use dyad_store::{Filter, Store, Table};
use jiff::civil::date;
use std::time::{Duration, Instant};

/// The allocator of the `dyad` binary, so that the bench measures what `dyad ingest` runs.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Documents per ingest transaction, unless `DYAD_BENCH_BATCH` says otherwise.
const BATCH: usize = 2000;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let target: u64 = std::env::var("DYAD_BENCH_EVENTS")
        .ok()
        .and_then(|v| v.replace('_', "").parse().ok())
        .unwrap_or(1_000_000);
    let batch_size: usize = std::env::var("DYAD_BENCH_BATCH")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(BATCH);
    let path = std::env::var("DYAD_BENCH_DB")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|_| std::env::temp_dir().join("dyad-bench-store.db"));
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    let mut store = Store::open(&path)?;
    let mut generator = Generator::new(2026);
    let (mut mentions, mut documents) = (0u64, 0u64);
    let mut ingest_time = Duration::ZERO;
    let mut ingest_cpu = Duration::ZERO;
    let mut thread_cpu = Duration::ZERO;
    let mut ingest_queued = Duration::ZERO;
    let started = Instant::now();
    while mentions < target {
        let batch: Vec<_> = (0..batch_size).map(|_| generator.document()).collect();
        let coded = synthetic::coded(&batch);
        let (clock, cpu, thread, queued) = (
            Instant::now(),
            cpu_time("self"),
            cpu_time("thread-self"),
            queue_time(),
        );
        let stats = store.ingest(&coded)?;
        ingest_time += clock.elapsed();
        ingest_cpu += cpu_time("self").saturating_sub(cpu);
        thread_cpu += cpu_time("thread-self").saturating_sub(thread);
        ingest_queued += queue_time().saturating_sub(queued);
        mentions += stats.mentions;
        documents += stats.documents;
    }
    let [_, _, _, events] = store.counts()?;
    let size: u64 = ["", "-wal"]
        .iter()
        .filter_map(|s| std::fs::metadata(format!("{}{s}", path.display())).ok())
        .map(|m| m.len())
        .sum();
    println!(
        "ingest: {documents} documents, {mentions} mentions, {events} deduplicated events in {:.1} s \
         ({:.0} mentions/s; CPU {:.1} s, {:.0} mentions per CPU second; ingest thread {:.1} s, {:.0} \
         mentions per CPU second; {:.1} s waiting for a CPU; {:.1} s with generation); database {:.2} GB",
        ingest_time.as_secs_f64(),
        mentions as f64 / ingest_time.as_secs_f64(),
        ingest_cpu.as_secs_f64(),
        mentions as f64 / ingest_cpu.as_secs_f64(),
        thread_cpu.as_secs_f64(),
        mentions as f64 / thread_cpu.as_secs_f64(),
        ingest_queued.as_secs_f64(),
        started.elapsed().as_secs_f64(),
        size as f64 / 1e9,
    );

    // The busiest dyad and country: the worst cases of their queries.
    let top = store.top_dyads(&Filter::default(), 1)?;
    let (source, target_code) = (top.rows[0][0].to_string(), top.rows[0][1].to_string());
    let country = store.countries(
        &Filter {
            from: Some(date(2019, 3, 1)),
            to: Some(date(2019, 3, 31)),
            ..Filter::default()
        },
        1,
    )?;
    let country = country.rows[0][0].to_string();
    let year = Filter {
        from: Some(date(2019, 1, 1)),
        to: Some(date(2019, 12, 31)),
        ..Filter::default()
    };
    let dyad = Filter {
        source: Some(source.clone()),
        target: Some(target_code.clone()),
        ..Filter::default()
    };
    let month = Filter {
        from: Some(date(2019, 3, 1)),
        to: Some(date(2019, 3, 31)),
        country: Some(country.clone()),
        ..Filter::default()
    };
    let text = Filter {
        text: Some("\"material aid\"".to_string()),
        ..year.clone()
    };
    type Query<'a> = Box<dyn Fn(&Store) -> Result<Table, dyad_store::StoreError> + 'a>;
    let queries: Vec<(String, Query)> = vec![
        (
            format!("monthly series of the busiest dyad ({source} → {target_code}, all years)"),
            Box::new(|s: &Store| s.series(&dyad, Period::Month)),
        ),
        (
            "top 20 dyads of 2019".to_string(),
            Box::new(|s: &Store| s.top_dyads(&year, 20)),
        ),
        (
            format!("{country}'s events in March 2019 (first 100 of the list)"),
            Box::new(|s: &Store| s.events(&month, 100)),
        ),
        (
            format!("{country}'s events in March 2019 (count)"),
            Box::new(|s: &Store| {
                s.count(&month).map(|n| Table {
                    columns: vec!["events".into()],
                    rows: vec![vec![dyad_store::Value::Int(n as i64)]],
                })
            }),
        ),
        (
            "top 20 actors of 2019".to_string(),
            Box::new(|s: &Store| s.top_actors(&year, Side::Any, 20)),
        ),
        (
            "weekly series of the busiest dyad in 2019".to_string(),
            Box::new(|s: &Store| {
                s.series(
                    &Filter {
                        source: Some(source.clone()),
                        target: Some(target_code.clone()),
                        ..year.clone()
                    },
                    Period::Week,
                )
            }),
        ),
        (
            "full-text search \"material aid\" in 2019 (count)".to_string(),
            Box::new(|s: &Store| {
                s.count(&text).map(|n| Table {
                    columns: vec!["events".into()],
                    rows: vec![vec![dyad_store::Value::Int(n as i64)]],
                })
            }),
        ),
    ];
    drop(store);
    let store = Store::open_read_only(&path)?;
    println!("| query | rows | median ms | max ms |");
    println!("|---|---|---|---|");
    for (name, query) in &queries {
        let mut times = Vec::new();
        let mut rows = 0;
        for _ in 0..5 {
            let clock = Instant::now();
            let table = query(&store)?;
            times.push(clock.elapsed().as_secs_f64() * 1000.0);
            rows = table.rows.len();
            if table.columns == ["events"] {
                rows = table.rows[0][0].to_string().parse().unwrap_or(0);
            }
        }
        times.sort_by(f64::total_cmp);
        println!("| {name} | {rows} | {:.1} | {:.1} |", times[2], times[4]);
    }
    Ok(())
}

/// CPU time (user and system) so far of the process (`who` = `self`, the checkpoint thread included) or of
/// the calling thread (`thread-self`), from `/proc/{who}/stat` (zero where there is none): on a shared
/// machine, CPU seconds say more than wall-clock ones.
fn cpu_time(who: &str) -> Duration {
    let ticks = std::fs::read_to_string(format!("/proc/{who}/stat"))
        .ok()
        .and_then(|stat| {
            let fields: Vec<u64> = stat
                .rsplit_once(')')?
                .1
                .split_whitespace()
                .skip(11)
                .take(2)
                .filter_map(|f| f.parse().ok())
                .collect();
            Some(fields.iter().sum::<u64>())
        })
        .unwrap_or(0);
    // The kernel counts in USER_HZ ticks, 100 a second on Linux.
    Duration::from_millis(ticks * 10)
}

/// Time the main thread has spent runnable but waiting for a CPU, from `/proc/self/schedstat` (zero where
/// there is none): wall-clock time less CPU time less this is time blocked (on I/O).
fn queue_time() -> Duration {
    let nanos = std::fs::read_to_string("/proc/self/schedstat")
        .ok()
        .and_then(|stat| stat.split_whitespace().nth(1)?.parse().ok())
        .unwrap_or(0);
    Duration::from_nanos(nanos)
}
