//! The one reporter for progress and warnings. Importers, analyses and outputs never print;
//! they call this. Progress bars show only on a terminal and never with `--quiet`; warnings
//! and errors always go to stderr.

use std::io::IsTerminal;
use std::sync::Mutex;

use indicatif::{MultiProgress, ProgressBar, ProgressDrawTarget, ProgressStyle};

/// Where progress and warnings go.
pub struct Reporter {
    quiet: bool,
    echo_warnings: bool,
    bars: Option<MultiProgress>,
    warnings: Mutex<Vec<String>>,
}

impl Reporter {
    /// A reporter for the command line: bars when stderr is a terminal and not `quiet`.
    pub fn new(quiet: bool) -> Reporter {
        let show_bars = !quiet && std::io::stderr().is_terminal();
        Reporter {
            quiet,
            echo_warnings: true,
            bars: show_bars.then(|| MultiProgress::with_draw_target(ProgressDrawTarget::stderr())),
            warnings: Mutex::new(Vec::new()),
        }
    }

    /// A reporter that prints nothing but still keeps warnings (for tests and benches).
    pub fn silent() -> Reporter {
        Reporter {
            quiet: true,
            echo_warnings: false,
            bars: None,
            warnings: Mutex::new(Vec::new()),
        }
    }

    /// Prints one warning line on stderr (always, even when quiet) and keeps it.
    pub fn warn(&self, line: &str) {
        let text = format!("rapport: warning: {}", crate::error::one_line(line));
        match &self.bars {
            Some(bars) => {
                let _ = bars.println(&text);
            }
            None if self.echo_warnings => eprintln!("{text}"),
            None => {}
        }
        if let Ok(mut kept) = self.warnings.lock() {
            kept.push(line.to_string());
        }
    }

    /// Prints a line for people on stderr, unless quiet.
    pub fn info(&self, line: &str) {
        if self.quiet {
            return;
        }
        match &self.bars {
            Some(bars) => {
                let _ = bars.println(line);
            }
            None => eprintln!("{line}"),
        }
    }

    /// A progress bar over `total` steps, hidden unless bars are shown.
    pub fn bar(&self, label: &str, total: u64) -> Progress {
        let Some(bars) = &self.bars else {
            return Progress(None);
        };
        let bar = bars.add(ProgressBar::new(total));
        let style = ProgressStyle::with_template("{prefix:>12} [{bar:30}] {pos}/{len} {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> ");
        bar.set_style(style);
        bar.set_prefix(label.to_string());
        Progress(Some(bar))
    }

    /// The warnings printed so far.
    pub fn warnings(&self) -> Vec<String> {
        self.warnings.lock().map(|w| w.clone()).unwrap_or_default()
    }
}

/// One progress bar (or nothing, when bars are hidden).
pub struct Progress(Option<ProgressBar>);

impl Progress {
    /// A bar that shows nothing.
    pub fn hidden() -> Progress {
        Progress(None)
    }

    /// One step done, with what is being worked on.
    pub fn step(&self, what: &str) {
        if let Some(bar) = &self.0 {
            bar.set_message(what.to_string());
            bar.inc(1);
        }
    }

    /// Sets the number of steps, once known.
    pub fn set_length(&self, total: u64) {
        if let Some(bar) = &self.0 {
            bar.set_length(total);
        }
    }

    /// All done: the bar is removed.
    pub fn finish(&self) {
        if let Some(bar) = &self.0 {
            bar.finish_and_clear();
        }
    }
}
