//! `retort classify`: JSONL in on stdin, one verdict line out per item, in order.
//!
//! Input fields: `text` (or `content`), optional `subject` (prepended to the text), `author`,
//! `email`, `url`, `user_ip`, `user_agent`, `referrer`, `permalink`, `comment_type`, `lang`,
//! `honeypot`, `seconds_to_submit`, `article_title`; unknown fields are ignored. Output:
//! `{"spam_probability":…,"verdict":"ham|spam|discard","label":"ham|spam","reasons":[…]}`; `label`
//! is the binary form of the verdict (discard counts as spam). A malformed line yields
//! `{"error":"…"}` and the run goes on.
//!
//! Also holds the JSONL reading shared by `train` and `eval` ([`read_labelled`], [`Record`]).
//! Tested by the black-box tests in `crates/cli/tests/` and by `scripts/bench-classifier.sh`.

use std::io::{BufRead, BufWriter, Write};
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use retort_classifier::{Comment, Context, Model, Verdict};

/// Arguments of `retort classify`.
#[derive(Debug, clap::Args)]
pub struct ClassifyArgs {
    /// Model file; the built-in default model when omitted.
    #[arg(long)]
    pub model: Option<PathBuf>,
}

/// One JSONL record as read by `classify`, `train` and `eval`.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub(crate) struct Record {
    pub text: Option<String>,
    pub content: Option<String>,
    pub subject: Option<String>,
    pub author: String,
    pub email: String,
    pub url: String,
    pub user_ip: String,
    pub user_agent: String,
    pub referrer: String,
    pub permalink: String,
    pub comment_type: String,
    pub lang: String,
    pub honeypot: String,
    pub seconds_to_submit: Option<f64>,
    pub article_title: String,
    pub label: Option<String>,
    pub source: Option<String>,
}

impl Record {
    /// The classifier's view of the record.
    pub(crate) fn into_comment(self) -> Comment {
        let body = self.text.or(self.content).unwrap_or_default();
        let content = match self.subject {
            Some(s) if !s.trim().is_empty() && !body.starts_with(s.trim()) => {
                format!("{}\n\n{body}", s.trim())
            }
            _ => body,
        };
        Comment {
            content,
            author: self.author,
            email: self.email,
            url: self.url,
            user_ip: self.user_ip,
            user_agent: self.user_agent,
            referrer: self.referrer,
            permalink: self.permalink,
            comment_type: self.comment_type,
            lang: self.lang,
            honeypot: self.honeypot,
            seconds_to_submit: self.seconds_to_submit,
            context: Context {
                article_title: self.article_title,
                ..Context::default()
            },
        }
    }
}

/// Loads `--model PATH`, or the built-in model.
pub(crate) fn load_model(path: Option<&Path>) -> anyhow::Result<std::borrow::Cow<'static, Model>> {
    match path {
        None => Ok(std::borrow::Cow::Borrowed(Model::builtin())),
        Some(p) => {
            let bytes =
                std::fs::read(p).with_context(|| format!("reading model {}", p.display()))?;
            let m = Model::from_bytes(&bytes)
                .with_context(|| format!("loading model {}", p.display()))?;
            Ok(std::borrow::Cow::Owned(m))
        }
    }
}

/// A labelled example read from JSONL: the comment, its label, and its group (set directory and
/// `source` field).
pub(crate) struct Labelled {
    pub comment: Comment,
    pub spam: bool,
    pub set: String,
    pub source: String,
}

/// Files to read for `paths`: files as given; directories searched recursively for files whose
/// name satisfies `want`, sorted so runs are reproducible.
pub(crate) fn jsonl_files(
    paths: &[PathBuf],
    want: &dyn Fn(&str) -> bool,
) -> anyhow::Result<Vec<PathBuf>> {
    fn walk(dir: &Path, want: &dyn Fn(&str) -> bool, out: &mut Vec<PathBuf>) -> anyhow::Result<()> {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
            .with_context(|| format!("listing {}", dir.display()))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        entries.sort();
        for p in entries {
            if p.is_dir() {
                walk(&p, want, out)?;
            } else if p.file_name().and_then(|n| n.to_str()).is_some_and(want) {
                out.push(p);
            }
        }
        Ok(())
    }
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            walk(p, want, &mut out)?;
        } else {
            out.push(p.clone());
        }
    }
    Ok(out)
}

/// Reads labelled JSONL (`label` = `spam`/`ham`); lines without a valid label are skipped with
/// a count on stderr.
pub(crate) fn read_labelled(path: &Path) -> anyhow::Result<Vec<Labelled>> {
    let file = std::fs::File::open(path).with_context(|| format!("opening {}", path.display()))?;
    let set = path
        .parent()
        .and_then(|p| p.file_name())
        .and_then(|n| n.to_str())
        .unwrap_or("data")
        .to_string();
    let mut out = Vec::new();
    let mut skipped = 0usize;
    for (n, line) in std::io::BufReader::new(file).lines().enumerate() {
        let line = line.with_context(|| format!("reading {} line {}", path.display(), n + 1))?;
        if line.trim().is_empty() {
            continue;
        }
        let Ok(r) = serde_json::from_str::<Record>(&line) else {
            skipped += 1;
            continue;
        };
        let spam = match r.label.as_deref() {
            Some("spam") => true,
            Some("ham") => false,
            _ => {
                skipped += 1;
                continue;
            }
        };
        let source = r.source.clone().unwrap_or_else(|| set.clone());
        out.push(Labelled {
            comment: r.into_comment(),
            spam,
            set: set.clone(),
            source,
        });
    }
    if skipped > 0 {
        eprintln!(
            "retort: {}: skipped {skipped} lines without a valid label",
            path.display()
        );
    }
    Ok(out)
}

#[derive(serde::Serialize)]
struct Output<'a> {
    spam_probability: f32,
    verdict: &'static str,
    label: &'static str,
    reasons: &'a [retort_classifier::Reason],
}

fn write_verdict(out: &mut impl Write, v: &Verdict) -> anyhow::Result<()> {
    let o = Output {
        spam_probability: v.spam_probability,
        verdict: v.label.as_str(),
        label: if v.label.is_spam() { "spam" } else { "ham" },
        reasons: &v.reasons,
    };
    serde_json::to_writer(&mut *out, &o)?;
    out.write_all(b"\n")?;
    Ok(())
}

fn classify_line(model: &Model, line: &str, out: &mut Vec<u8>) -> anyhow::Result<()> {
    match serde_json::from_str::<Record>(line) {
        Ok(r) => write_verdict(out, &model.classify(&r.into_comment())),
        Err(e) => {
            serde_json::to_writer(
                &mut *out,
                &serde_json::json!({ "error": format!("malformed input line: {e}") }),
            )?;
            out.write_all(b"\n")?;
            Ok(())
        }
    }
}

/// Runs the command: reads stdin in blocks of lines, classifies each block on all cores, and
/// writes the results in input order.
pub fn run(args: &ClassifyArgs) -> anyhow::Result<()> {
    let model = load_model(args.model.as_deref())?;
    let model: &Model = &model;
    let stdin = std::io::stdin();
    let mut input = stdin.lock();
    let stdout = std::io::stdout();
    let mut out = BufWriter::with_capacity(1 << 16, stdout.lock());
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, 8);
    const BLOCK: usize = 512;
    let mut lines: Vec<String> = Vec::with_capacity(BLOCK);
    loop {
        lines.clear();
        let mut eof = false;
        while lines.len() < BLOCK {
            let mut l = String::new();
            if input.read_line(&mut l).context("reading stdin")? == 0 {
                eof = true;
                break;
            }
            if !l.trim().is_empty() {
                lines.push(l);
            }
        }
        if !lines.is_empty() {
            let chunk = lines.len().div_ceil(threads);
            let results: Vec<anyhow::Result<Vec<u8>>> = std::thread::scope(|s| {
                let handles: Vec<_> = lines
                    .chunks(chunk)
                    .map(|part| {
                        s.spawn(move || {
                            let mut buf = Vec::with_capacity(part.len() * 128);
                            for l in part {
                                classify_line(model, l, &mut buf)?;
                            }
                            Ok(buf)
                        })
                    })
                    .collect();
                handles
                    .into_iter()
                    .map(|h| {
                        h.join()
                            .unwrap_or_else(|_| Err(anyhow::anyhow!("classifier thread panicked")))
                    })
                    .collect()
            });
            for r in results {
                out.write_all(&r?).context("writing stdout")?;
            }
        }
        if eof {
            break;
        }
    }
    out.flush().context("writing stdout")?;
    Ok(())
}
