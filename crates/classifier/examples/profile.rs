//! Dev-only: classifies one typical comment in a loop, for `perf record`.
fn main() {
    let c = retort_classifier::Comment {
        content: "The council promised to fix the bus lanes two years ago and nothing happened. Here is their own report: https://www.example.gov.uk/transport/report-2023 - page 14 says it all.".into(),
        author: "Jane Reader".into(),
        ..Default::default()
    };
    let m = retort_classifier::Model::builtin();
    let mut s = 0.0;
    // Iterations: the first argument, 200,000 by default (a few thousand under valgrind).
    let n: u32 = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(200_000);
    for _ in 0..n {
        s += m.classify(&c).spam_probability;
    }
    println!("{s}");
}
