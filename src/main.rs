//! `dateline`: the window, or a command-line tool when given a subcommand.

use std::process::ExitCode;

use dateline::cli::{self, Cli, Command, TeamCommand};
use dateline::core::sample;
use dateline::ui::{AppOptions, DatelineApp};

const APP_ID: &str = "Dateline";

/// Loading allocates many small strings on several threads, which mimalloc does faster than the
/// system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    // The PDF crates log once per glyph they cannot map and per damaged object (hundreds a
    // file); what matters of a PDF reaches people as the file's problem or warnings instead.
    // RUST_LOG still opts in.
    let filter = "warn,pdf_extract=off,lopdf=off";
    env_logger::Builder::from_env(env_logger::Env::default().default_filter_or(filter)).init();
    quiet_pdf_panics();
    let args = match Cli::try_parse_args(std::env::args_os()) {
        Ok(args) => args,
        // Usage errors exit 2 on stderr; --help and --version exit 0 on stdout.
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2));
        }
    };
    match args.command {
        None => run_gui(args.gui.path, args.gui.screenshot),
        Some(Command::Inspect { path, json }) => run_cli(|out| cli::inspect(&path, json, out)),
        Some(Command::Dates { path, json }) => run_cli(|out| cli::dates(&path, json, out)),
        Some(Command::Check {
            path,
            annotations,
            json,
        }) => run_cli(|out| cli::check(&path, annotations.as_deref(), json, out).map(|_| ())),
        Some(Command::Export {
            path,
            format,
            annotations,
            output,
            what,
            excel,
            from,
            to,
        }) => {
            let scope = cli::ExportScope {
                annotations: what == cli::ExportWhat::Annotations,
                excel,
                from,
                to,
            };
            run_cli(|out| {
                cli::export(
                    &path,
                    format,
                    annotations.as_deref(),
                    output.as_deref(),
                    &scope,
                    out,
                )
            })
        }
        Some(Command::Import { path, file }) => {
            run_cli(|out| cli::import(&path, &file, out).map(|_| ()))
        }
        Some(Command::Search { path, query, json }) => {
            run_cli(|out| cli::search(&path, &query, json, out).map(|_| ()))
        }
        Some(Command::Timeline {
            path,
            json,
            dates,
            from,
            to,
            query,
        }) => {
            let args = cli::TimelineArgs {
                json,
                dates,
                from,
                to,
                query,
            };
            run_cli(|out| cli::timeline(&path, &args, out))
        }
        Some(Command::Completions { shell }) => run_cli(|out| cli::completions(shell, out)),
        Some(Command::MergeAnnotations {
            base,
            ours,
            theirs,
            path,
        }) => {
            use dateline::core::team::{SharedFile, merge_driver};
            let kind = SharedFile::of(path.as_deref().unwrap_or(&ours));
            match merge_driver(kind, &base, &ours, &theirs) {
                Ok(0) => ExitCode::SUCCESS,
                Ok(n) => {
                    eprintln!(
                        "dateline: {n} entr{} changed differently on both sides: kept side by side in {} (settle them in the Conflicts window)",
                        if n == 1 { "y" } else { "ies" },
                        path.as_deref().unwrap_or(&ours).display()
                    );
                    ExitCode::FAILURE
                }
                Err(e) => {
                    eprintln!("dateline: {e}");
                    ExitCode::FAILURE
                }
            }
        }
        Some(Command::Team { command }) => match command {
            TeamCommand::Init { path } => run_cli(|out| cli::team_init(&path, out)),
            TeamCommand::Sync { path, name } => {
                run_cli(|out| cli::team_sync(&path, name.as_deref(), out))
            }
        },
    }
}

/// Runs a command-line command on buffered standard output: exit 0 when it worked (a closed pipe,
/// as with `| head`, is no failure), else 1 with a one-line error.
fn run_cli(command: impl FnOnce(&mut dyn std::io::Write) -> Result<(), cli::CliError>) -> ExitCode {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match command(&mut out) {
        Ok(()) => ExitCode::SUCCESS,
        Err(cli::CliError::Output(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => {
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("dateline: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run_gui(path: Option<std::path::PathBuf>, screenshot: Option<std::path::PathBuf>) -> ExitCode {
    let collection = match path {
        Some(p) => p,
        None => match sample::bundled_collection(eframe::storage_dir(APP_ID).as_deref()) {
            Ok(p) => p,
            Err(e) => {
                eprintln!("dateline: cannot find the bundled sample collection: {e}");
                return ExitCode::FAILURE;
            }
        },
    };
    let taking_screenshot = screenshot.is_some();
    let options = AppOptions {
        collection: Some(collection),
        screenshot,
        native_dialogs: true,
        data_dir: eframe::storage_dir(APP_ID),
    };
    let native_options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Dateline")
            .with_app_id("dateline")
            .with_inner_size([1280.0, 820.0])
            .with_min_inner_size([720.0, 480.0]),
        // A screenshot shows the default layout, not the user's remembered one.
        persist_window: !taking_screenshot,
        ..Default::default()
    };
    let result = std::sync::Arc::new(std::sync::Mutex::new(None));
    let app_result = std::sync::Arc::clone(&result);
    let run = eframe::run_native(
        APP_ID,
        native_options,
        Box::new(move |cc| {
            let app = DatelineApp::new(cc, options);
            if let Ok(mut r) = app_result.lock() {
                *r = Some(std::sync::Arc::clone(&app.screenshot_result));
            }
            Ok(Box::new(app))
        }),
    );
    if let Err(e) = run {
        eprintln!("dateline: cannot open the window: {e}");
        return ExitCode::FAILURE;
    }
    if taking_screenshot {
        let outcome = result
            .lock()
            .ok()
            .and_then(|r| r.clone())
            .and_then(|shared| shared.lock().ok().and_then(|o| o.clone()));
        return match outcome {
            Some(Ok(path)) => {
                println!("saved {}", path.display());
                ExitCode::SUCCESS
            }
            Some(Err(e)) => {
                eprintln!("dateline: {e}");
                ExitCode::FAILURE
            }
            None => {
                eprintln!("dateline: the window closed before the screenshot was taken");
                ExitCode::FAILURE
            }
        };
    }
    ExitCode::SUCCESS
}

/// A panic inside the PDF crates is caught by the PDF reader and becomes the file's problem; the
/// default hook would still print it (with a backtrace under `RUST_BACKTRACE`) for every
/// damaged PDF, so those are logged at debug level instead. Every other panic is printed as usual.
fn quiet_pdf_panics() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| match info.location() {
        Some(at) if dateline::core::formats::is_pdf_library_code(at.file()) => {
            log::debug!("PDF library panic (caught) at {at}");
        }
        _ => default(info),
    }));
}
