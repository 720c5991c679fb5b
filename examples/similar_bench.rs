//! Times the similar-case stage of the build alone (model + every case page's
//! list) over a knowledge base: several runs, each figure and the median.
//!
//! cargo run --release --example similar_bench -- DIR [RUNS]

use std::time::Instant;

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let root = std::path::PathBuf::from(args.next().expect("usage: similar_bench DIR [RUNS]"));
    let runs: usize = args.next().map_or(Ok(3), |r| r.parse())?;
    let t = Instant::now();
    let (lib, _) = regkb::library::load(&root).map_err(|r| anyhow::anyhow!("{r:?}"))?;
    let (docs, _) = regkb::site::search_docs::documents(&lib);
    let seg = regkb::segment::Segmenter::new(&regkb::site::search_docs::user_words(&lib));
    eprintln!(
        "loaded {} cases in {:.2} s",
        lib.cases.len(),
        t.elapsed().as_secs_f64()
    );
    let mut times = Vec::new();
    for run in 1..=runs {
        let t = Instant::now();
        let built = regkb::similar::site::for_build(
            &lib,
            &docs,
            &seg,
            &regkb::similar::site::compare_texts(&lib),
        );
        let s = t.elapsed().as_secs_f64();
        println!(
            "run {run}: {s:.2} s for {} case lists, model of {} terms",
            built.lists.len(),
            built.model.terms.len()
        );
        times.push(s);
    }
    times.sort_by(|a, b| a.total_cmp(b));
    println!(
        "similar cases, {} cases: median {:.2} s over {runs} runs",
        lib.cases.len(),
        times[runs / 2]
    );
    Ok(())
}
