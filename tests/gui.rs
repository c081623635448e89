//! The whole app driven as a user would: open a copy of the sample collection, pick an article,
//! tag a passage, let it save, reopen and find the event again.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use dateline::core::store;
use dateline::core::suggest::Suggestion;
use dateline::ui::{AppOptions, DatelineApp};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

fn copy_sample() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/sample");
    for entry in std::fs::read_dir(sample).expect("sample folder") {
        let entry = entry.expect("entry");
        if !entry.path().is_file() {
            continue; // the cache a run of the app leaves in the sample
        }
        std::fs::copy(entry.path(), dir.path().join(entry.file_name())).expect("copy");
    }
    dir
}

fn open(path: &Path) -> Harness<'static, DatelineApp> {
    let options = AppOptions {
        collection: Some(path.to_path_buf()),
        screenshot: None,
        native_dialogs: false,
        data_dir: None,
    };
    let mut harness = Harness::builder()
        .with_size([1280.0, 820.0])
        .build_eframe(move |cc| DatelineApp::new(cc, options));
    settle(&mut harness);
    harness
}

/// Steps until loading and saving are done (in real time: the autosave waits 1.5 s).
fn settle(harness: &mut Harness<'static, DatelineApp>) {
    let deadline = Instant::now() + Duration::from_secs(20);
    // Idle for a few frames in a row: a frame may start work the one before made due (the
    // list's rows change in one frame, the suggestions for them start in the next).
    let mut quiet = 0;
    while quiet < 3 {
        harness.step();
        if harness.state().is_busy() {
            quiet = 0;
            assert!(Instant::now() < deadline, "the app stayed busy");
            std::thread::sleep(Duration::from_millis(20));
        } else {
            quiet += 1;
        }
    }
    step(harness);
}

/// A few frames: one to handle the input, then enough for its outcome to show (queries read the
/// last frame, and a new window takes a frame to size itself).
fn step(harness: &mut Harness<'static, DatelineApp>) {
    for _ in 0..4 {
        harness.step();
    }
}

fn selected_path(harness: &Harness<'static, DatelineApp>) -> Option<String> {
    harness.state().state.selected().map(|a| a.path.clone())
}

/// Selects `quote` in the reader, as dragging the mouse over it does.
fn select_quote(harness: &mut Harness<'static, DatelineApp>, quote: &str) {
    let app = harness.state_mut();
    let article = app
        .state
        .selected()
        .expect("an article is selected")
        .clone();
    let start = article.text.find(quote).expect("quote in the article");
    app.reader.select(&article, start..start + quote.len());
    step(harness);
}

const QUOTE: &str =
    "the Azerbaijani and Russian foreign ministers discussed Baku's call for monitoring";
const FIRST: &str = "000_53a47ea64c1c0eb4.txt";

#[test]
fn tag_an_event_save_reopen_and_find_it() {
    let dir = copy_sample();
    let mut harness = open(dir.path());
    assert_eq!(harness.state().state.articles.len(), 5);
    // The newest article is selected at start.
    assert_eq!(
        selected_path(&harness).as_deref(),
        Some("002_4c8b3ae003e75f68.txt")
    );

    // Click the first article in the list.
    harness
        .get_by_label_contains("On December 5, the Azerbaijani and Russian")
        .click();
    step(&mut harness);
    assert_eq!(selected_path(&harness).as_deref(), Some(FIRST));

    // Select a passage and tag it.
    select_quote(&mut harness, QUOTE);
    harness.get_by_label("Tag event").click();
    step(&mut harness);
    assert!(harness.state().editor.is_some(), "the editor opened");
    // The title is prefilled with the passage and selected: typing replaces it.
    assert_eq!(
        harness.get_by_label("Title").value().as_deref(),
        Some(QUOTE)
    );
    harness
        .get_by_label("Title")
        .type_text("Bayramov and Lavrov meet in Moscow");
    step(&mut harness);
    // The date proposed is the one the passage talks about ("On December 5"), not the
    // publication date (7 December), and the editor says where it came from.
    let date = harness.get_by_label("Date");
    assert_eq!(date.value().as_deref(), Some("2022-12-05"));
    assert!(
        harness
            .query_by_label_contains("Date proposed from “December 5”")
            .is_some()
    );
    harness.get_by_label("day").click();
    step(&mut harness);
    harness.get_by_label("Actors").focus();
    harness
        .get_by_label("Actors")
        .type_text("Jeyhun Bayramov, Sergei Lavrov");
    step(&mut harness);
    harness.get_by_label("Save").click();
    step(&mut harness);
    step(&mut harness);
    assert!(harness.state().editor.is_none(), "the editor closed");

    let events = harness.state().state.annotations.events.clone();
    assert_eq!(events.len(), 1);
    let event = &events[0];
    assert_eq!(event.title, "Bayramov and Lavrov meet in Moscow");
    assert_eq!(event.when.start.to_string(), "2022-12-05");
    assert_eq!(event.actors, ["Jeyhun Bayramov", "Sergei Lavrov"]);
    assert_eq!(event.evidence[0].exact, QUOTE);
    assert_eq!(event.evidence[0].path, FIRST);
    let day = chrono::NaiveDate::from_ymd_opt(2022, 12, 5).expect("date");
    assert!(
        harness.state().state.event_marks.contains_key(&day),
        "marked on the calendar"
    );

    // The autosave writes the file.
    settle(&mut harness);
    let path = store::default_path(dir.path());
    let saved = std::fs::read_to_string(&path).expect("annotations saved");
    assert!(saved.contains("in Moscow"), "{saved}");
    drop(harness);

    // Reopen: the event is there, highlighted in its article.
    let mut harness = open(dir.path());
    let events = &harness.state().state.annotations.events;
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].id, event.id);
    harness
        .get_by_label_contains("On December 5, the Azerbaijani")
        .click();
    step(&mut harness);
    harness
        .get_by_label_contains("in Moscow (2022-12-05)")
        .click();
    step(&mut harness);
    assert!(
        harness.state().editor.is_some(),
        "the event's button opens it"
    );
}

#[test]
fn clicking_a_calendar_day_filters_the_list() {
    let dir = copy_sample();
    let mut harness = open(dir.path());
    harness
        .get_by_label_contains("On December 5, the Azerbaijani")
        .click();
    step(&mut harness);
    harness.get_by_label("2022-12-09").click();
    step(&mut harness);
    let state = &harness.state().state;
    assert_eq!(
        state.selected_day,
        chrono::NaiveDate::from_ymd_opt(2022, 12, 9)
    );
    assert_eq!(
        selected_path(&harness).as_deref(),
        Some("001_733b5a0515859e55.txt")
    );
    assert_eq!(harness.state().articles.rows().len(), 1);
    harness.get_by_label("Show all days").click();
    step(&mut harness);
    assert_eq!(harness.state().state.selected_day, None);
    assert_eq!(harness.state().articles.rows().len(), 5);
}

#[test]
fn edit_delete_undo_redo() {
    let dir = copy_sample();
    let mut harness = open(dir.path());
    select_quote(
        &mut harness,
        "Bayramov and Lavrov held one-on-one meeting first",
    );
    harness.get_by_label("Annotate").click();
    step(&mut harness);
    harness.get_by_label("Tags").focus();
    harness.get_by_label("Tags").type_text("meeting, bilateral");
    step(&mut harness);
    harness.get_by_label("Save").click();
    step(&mut harness);
    let annotations = &harness.state().state.annotations.annotations;
    assert_eq!(annotations.len(), 1);
    assert_eq!(annotations[0].tags, ["meeting", "bilateral"]);

    // Edit it from its button in the reader, then delete it.
    harness.get_by_label_contains("meeting, bilateral").click();
    step(&mut harness);
    harness.get_by_label("Delete").click();
    step(&mut harness);
    assert!(harness.state().state.annotations.annotations.is_empty());

    // Ctrl+Z brings it back, Ctrl+Shift+Z deletes it again.
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    step(&mut harness);
    assert_eq!(harness.state().state.annotations.annotations.len(), 1);
    harness.key_press_modifiers(
        egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
        egui::Key::Z,
    );
    step(&mut harness);
    assert!(harness.state().state.annotations.annotations.is_empty());
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    step(&mut harness);
    settle(&mut harness);
    let saved = std::fs::read_to_string(store::default_path(dir.path())).expect("saved");
    assert!(saved.contains("bilateral"));
}

#[test]
fn an_unparsable_annotations_file_is_left_untouched() {
    let dir = copy_sample();
    let path = store::default_path(dir.path());
    std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    let broken = b"(\n    version: 1,\n    events: [ (id: \"ev-1\", title: \n";
    std::fs::write(&path, broken).expect("write");
    let mut harness = open(dir.path());
    let error = harness.state().state.last_error.clone().unwrap_or_default();
    assert!(error.contains("line 3, column 34"), "{error}");

    // Work goes on, and is saved beside it, never over it.
    select_quote(
        &mut harness,
        "Bayramov and Lavrov held one-on-one meeting first",
    );
    harness.get_by_label("Annotate").click();
    step(&mut harness);
    harness.get_by_label("Save").click();
    step(&mut harness);
    settle(&mut harness);
    harness.state_mut().save_before_exit();
    assert_eq!(std::fs::read(&path).expect("read"), broken);
    let recovered: PathBuf = path.with_extension("recovered.ron");
    let text = std::fs::read_to_string(&recovered).expect("recovery file");
    assert!(text.contains("one-on-one meeting"), "{text}");
}

#[test]
fn a_missing_folder_is_reported() {
    let dir = tempfile::tempdir().expect("temp dir");
    let harness = open(&dir.path().join("no-such-folder"));
    let error = harness.state().state.last_error.clone().unwrap_or_default();
    assert!(error.contains("no such folder"), "{error}");
}

#[test]
fn azerbaijani_russian_and_armenian_render() {
    // The harness panics on any glyph the bundled fonts lack.
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/scripts");
    let mut harness = open(&dir);
    assert_eq!(harness.state().state.articles.len(), 3);
    for title in [
        "Xankəndi yolunda görüş keçirilib",
        "Лавров и Байрамов обсудили ситуацию",
        "Հայաստանի արտաքին գործերի նախարարը հանդիպել է",
    ] {
        harness
            .get_by_role_and_label(egui::Role::Button, title)
            .click();
        step(&mut harness);
        let shown = harness
            .state()
            .state
            .selected()
            .map(|a| a.meta.title.clone());
        assert_eq!(shown.as_deref(), Some(title));
        assert!(
            harness.query_all_by_label_contains(title).count() >= 2,
            "in the list and the reader"
        );
    }
    let languages: Vec<_> = harness
        .state()
        .state
        .articles
        .iter()
        .map(|a| a.meta.language)
        .collect();
    assert_eq!(languages.len(), 3);
    assert!(languages.contains(&"az") && languages.contains(&"ru") && languages.contains(&"hy"));
}

/// Steps until `done` holds (files on disk are noticed after they settle).
fn wait_for(
    harness: &mut Harness<'static, DatelineApp>,
    what: &str,
    done: impl Fn(&DatelineApp) -> bool,
) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while !done(harness.state()) {
        assert!(Instant::now() < deadline, "timed out waiting for: {what}");
        harness.step();
        std::thread::sleep(Duration::from_millis(30));
    }
    step(harness);
}

#[test]
fn changes_on_disk_are_picked_up_and_passages_follow_the_text() {
    let dir = copy_sample();
    let mut harness = open(dir.path());
    harness
        .get_by_label_contains("On December 5, the Azerbaijani")
        .click();
    step(&mut harness);
    select_quote(&mut harness, QUOTE);
    harness.get_by_label("Tag event").click();
    step(&mut harness);
    harness.get_by_label("Save").click();
    step(&mut harness);
    assert_eq!(harness.state().state.annotations.events.len(), 1);

    // A new file appears in the list.
    std::fs::write(
        dir.path().join("005_new.txt"),
        "2022-12-20\n\nA new article arrived, Trend reports.\n",
    )
    .expect("write");
    wait_for(&mut harness, "the new article", |app| {
        app.state.by_path.contains_key("005_new.txt")
    });
    assert_eq!(harness.state().state.articles.len(), 6);

    // Text inserted before the passage: it is found again, moved.
    let path = dir.path().join(FIRST);
    let original = std::fs::read_to_string(&path).expect("read");
    let edited = original.replacen(
        "By Fatima Hasanova",
        "By Fatima Hasanova\n\nAn editor's note added later.",
        1,
    );
    std::fs::write(&path, &edited).expect("write");
    wait_for(&mut harness, "the edited article", |app| {
        app.state
            .by_path
            .get(FIRST)
            .is_some_and(|&i| app.state.articles[i].text.contains("editor's note"))
    });
    assert_eq!(
        harness.state().state.orphans,
        0,
        "the passage moved with the text"
    );
    assert_eq!(
        selected_path(&harness).as_deref(),
        Some(FIRST),
        "the selection stays"
    );

    // The quote removed: the event is kept, its passage orphaned.
    std::fs::write(&path, original.replace(QUOTE, "something else entirely")).expect("write");
    wait_for(&mut harness, "the orphan", |app| app.state.orphans == 1);
    assert_eq!(
        harness.state().state.annotations.events.len(),
        1,
        "never dropped"
    );
    assert!(
        harness
            .query_by_label_contains("(text not found)")
            .is_some()
    );

    // A removed file leaves the list.
    std::fs::remove_file(dir.path().join("005_new.txt")).expect("remove");
    wait_for(&mut harness, "the removal", |app| {
        !app.state.by_path.contains_key("005_new.txt")
    });
    assert_eq!(harness.state().state.articles.len(), 5);
}

#[test]
fn dates_in_the_text_are_marked_and_jump_the_calendar() {
    let dir = copy_sample();
    let mut harness = open(dir.path());
    // 004 says "since December 12, 2022" and "back in December 2022".
    harness
        .get_by_label_contains("Azerbaijani Foreign Minister Jeyhun Bayramov has met")
        .click();
    step(&mut harness);
    let state = &harness.state().state;
    let values: Vec<_> = state
        .selected_mentions
        .iter()
        .filter_map(|m| m.value.clone())
        .collect();
    assert!(values.contains(&"2022-12-12".to_string()), "{values:?}");
    assert!(values.contains(&"2022-12".to_string()), "{values:?}");
    let day = chrono::NaiveDate::from_ymd_opt(2022, 12, 12).expect("date");
    assert!(
        state.mentioned_days.contains_key(&day),
        "marked for the calendar"
    );

    // Clicking a date in the text shows its month in the calendar.
    harness
        .state_mut()
        .push(dateline::ui::commands::ViewCommand::JumpToDate(day).into());
    step(&mut harness);
    let state = &harness.state().state;
    assert_eq!((state.month.year, state.month.month), (2022, 12));
    assert_eq!(state.focused_day, Some(day));
}

/// The timeline strip's rectangle and where its plot starts (right of the lane labels).
fn timeline_rect(harness: &Harness<'static, DatelineApp>) -> egui::Rect {
    harness
        .get_by_role_and_label(egui::Role::Group, "Timeline")
        .rect()
}

const LANE_LABEL_W: f32 = 92.0;

#[test]
fn timeline_zooms_pans_selects_and_opens() {
    let dir = copy_sample();
    let mut harness = open(dir.path());
    harness
        .get_by_role_and_label(egui::Role::Button, "Timeline")
        .click();
    step(&mut harness);
    let rect = timeline_rect(&harness);
    let plot_left = rect.left() + LANE_LABEL_W;
    let view = harness.state().timeline.view.expect("a view");
    // Everything dated fits: Dec 2022 to Mar 2023.
    assert!(view.span() > 80.0 && view.span() < 200.0, "{}", view.span());

    // The wheel zooms in around the pointer.
    let pointer = egui::pos2(
        plot_left + (rect.width() - LANE_LABEL_W) / 2.0,
        rect.top() + 60.0,
    );
    harness.hover_at(pointer);
    harness.event(egui::Event::MouseWheel {
        unit: egui::MouseWheelUnit::Point,
        delta: egui::vec2(0.0, 200.0),
        phase: egui::TouchPhase::Move,
        modifiers: egui::Modifiers::NONE,
        source: egui::MouseWheelSource::Wheel,
    });
    for _ in 0..20 {
        harness.step();
    }
    let zoomed = harness.state().timeline.view.expect("a view");
    assert!(
        zoomed.span() < view.span() * 0.9,
        "zoomed in: {} → {}",
        view.span(),
        zoomed.span()
    );

    // Dragging in the lanes pans: the view moves the other way.
    harness.drag_at(pointer);
    harness.step();
    harness.hover_at(pointer + egui::vec2(100.0, 0.0));
    harness.step();
    harness.drop_at(pointer + egui::vec2(100.0, 0.0));
    step(&mut harness);
    let panned = harness.state().timeline.view.expect("a view");
    assert!(panned.start < zoomed.start, "panned to earlier dates");
    assert!((panned.span() - zoomed.span()).abs() < 1e-6, "same zoom");

    // Fit all, then drag on the axis over most of December 2022: the list shows its 3 articles.
    harness.get_by_label("Fit all").click();
    step(&mut harness);
    let view = harness.state().timeline.view.expect("a view");
    let rect = timeline_rect(&harness);
    let w = (rect.width() - LANE_LABEL_W) as f64;
    let x = |date: (i32, u32, u32)| {
        let day = dateline::core::timeline::day_of(
            chrono::NaiveDate::from_ymd_opt(date.0, date.1, date.2).expect("date"),
        );
        plot_left + view.x_of(day, w) as f32
    };
    let axis_y = rect.top() + 10.0;
    harness.hover_at(egui::pos2(x((2022, 12, 5)), axis_y));
    harness.step();
    harness.drag_at(egui::pos2(x((2022, 12, 5)), axis_y));
    harness.step();
    for k in 1..=10 {
        let x1 = x((2022, 12, 5)) + (x((2022, 12, 31)) - x((2022, 12, 5))) * k as f32 / 10.0;
        harness.hover_at(egui::pos2(x1, axis_y));
        harness.step();
    }
    harness.drop_at(egui::pos2(x((2022, 12, 31)), axis_y));
    step(&mut harness);
    let range = harness.state().state.selected_range.expect("a range");
    assert_eq!(range.0.format("%Y-%m").to_string(), "2022-12");
    assert_eq!(range.1.format("%Y-%m").to_string(), "2022-12");
    assert_eq!(
        harness.state().articles.rows().len(),
        3,
        "the 7, 9 and 12 December articles"
    );
    harness.get_by_label("Show all dates").click();
    step(&mut harness);
    assert_eq!(harness.state().articles.rows().len(), 5);

    // Clicking an article's tick in the Published lane opens it.
    let view = harness.state().timeline.view.expect("a view");
    let x = |date: (i32, u32, u32), hours: f64| {
        let day = dateline::core::timeline::day_of(
            chrono::NaiveDate::from_ymd_opt(date.0, date.1, date.2).expect("date"),
        ) + hours / 24.0;
        plot_left + view.x_of(day, w) as f32
    };
    let published_y = rect.top() + 24.0 + 23.0;
    let tick = egui::pos2(x((2022, 12, 9), 12.0 + 17.0 / 60.0), published_y);
    harness.hover_at(tick);
    harness.step();
    harness.event(egui::Event::PointerButton {
        pos: tick,
        button: egui::PointerButton::Primary,
        pressed: true,
        modifiers: egui::Modifiers::NONE,
    });
    harness.step();
    harness.event(egui::Event::PointerButton {
        pos: tick,
        button: egui::PointerButton::Primary,
        pressed: false,
        modifiers: egui::Modifiers::NONE,
    });
    step(&mut harness);
    assert_eq!(
        selected_path(&harness).as_deref(),
        Some("001_733b5a0515859e55.txt")
    );
}

/// Tags `quote` in the article whose title contains `title` as an event, keeping the proposed fields.
fn tag(harness: &mut Harness<'static, DatelineApp>, title: &str, quote: &str) {
    harness
        .get_by_role_and_label_contains(egui::Role::Button, title)
        .click();
    step(harness);
    select_quote(harness, quote);
    harness.get_by_label("Tag event").click();
    step(harness);
    harness.get_by_label("Save").click();
    step(harness);
}

trait ByRoleContains {
    fn get_by_role_and_label_contains<'a>(
        &'a self,
        role: egui::Role,
        label: &'a str,
    ) -> egui_kittest::Node<'a>;
}

impl ByRoleContains for Harness<'static, DatelineApp> {
    fn get_by_role_and_label_contains<'a>(
        &'a self,
        role: egui::Role,
        label: &'a str,
    ) -> egui_kittest::Node<'a> {
        // The first match, as a person reads the window from the top.
        let by = egui_kittest::kittest::By::new()
            .role(role)
            .label_contains(label);
        let mut all = self.query_all(by);
        match all.next() {
            Some(node) => node,
            None => panic!("no {role:?} labelled like {label:?}"),
        }
    }
}

#[test]
fn events_table_merge_add_passage_and_orphans() {
    let dir = copy_sample();
    let mut harness = open(dir.path());
    tag(&mut harness, "On December 5, the Azerbaijani", QUOTE);
    tag(
        &mut harness,
        "Baku stresses need",
        "prevent illegal exploitation of natural resources",
    );
    assert_eq!(harness.state().state.annotations.events.len(), 2);

    // The events table lists both; a click opens one (its article, its passage selected).
    harness
        .get_by_role_and_label_contains(egui::Role::Button, "Events (2)")
        .click();
    step(&mut harness);
    // The title cell of its row.
    harness
        .get_by_role_and_label(
            egui::Role::Label,
            "prevent illegal exploitation of natural resources",
        )
        .click();
    step(&mut harness);
    assert_eq!(
        selected_path(&harness).as_deref(),
        Some("003_75513eacda7d24c0.txt")
    );
    assert!(
        harness.state().state.selected_event.is_some(),
        "the event is selected"
    );
    assert!(
        harness.state().reader.selection().is_some(),
        "the passage is selected in the reader"
    );

    // Tick both and merge: one event with two passages; undo brings two back.
    let ids: Vec<String> = harness
        .state()
        .state
        .annotations
        .events
        .iter()
        .map(|e| e.id.clone())
        .collect();
    harness.state_mut().events.ticked.extend(ids);
    step(&mut harness);
    harness.get_by_label("Merge 2 ticked").click();
    step(&mut harness);
    let events = &harness.state().state.annotations.events;
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].evidence.len(), 2);
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    step(&mut harness);
    assert_eq!(harness.state().state.annotations.events.len(), 2);

    // Add a passage of another article to an event.
    harness
        .get_by_role_and_label_contains(egui::Role::Button, "A monitoring group")
        .click();
    step(&mut harness);
    select_quote(&mut harness, "once again visited Azerbaijani territories");
    harness.get_by_label("Add to event…").click();
    step(&mut harness);
    harness
        .get_by_role_and_label_contains(
            egui::Role::Button,
            "· the Azerbaijani and Russian foreign ministers",
        )
        .click();
    step(&mut harness);
    let evidence: usize = harness
        .state()
        .state
        .annotations
        .events
        .iter()
        .map(|e| e.evidence.len())
        .sum();
    assert_eq!(evidence, 3);

    // A quote edited away on disk is an orphan; re-attached to a new selection it is found again.
    let path = dir.path().join(FIRST);
    let text = std::fs::read_to_string(&path).expect("read");
    std::fs::write(
        &path,
        text.replace(
            QUOTE,
            "the two foreign ministers discussed Baku's call for monitoring",
        ),
    )
    .expect("write");
    wait_for(&mut harness, "the orphan", |app| app.state.orphans == 1);
    harness
        .get_by_role_and_label_contains(egui::Role::Button, "On December 5, the")
        .click();
    step(&mut harness);
    select_quote(
        &mut harness,
        "the two foreign ministers discussed Baku's call for monitoring",
    );
    harness
        .get_by_role_and_label_contains(egui::Role::Button, "Orphans (1)")
        .click();
    step(&mut harness);
    harness.get_by_label("Re-attach to selection").click();
    step(&mut harness);
    assert_eq!(harness.state().state.orphans, 0);
}

#[test]
fn two_windows_never_overwrite_each_other() {
    let dir = copy_sample();
    let mut first = open(dir.path());
    let mut second = open(dir.path());
    tag(&mut first, "On December 5, the Azerbaijani", QUOTE);
    settle(&mut first);
    // The second window opened before that event existed; it tags another and saves.
    tag(
        &mut second,
        "Baku stresses need",
        "prevent illegal exploitation of natural resources",
    );
    settle(&mut second);
    let saved = store::load(&store::default_path(dir.path()))
        .expect("parses")
        .expect("exists");
    assert_eq!(
        saved.events.len(),
        2,
        "both windows' events are in the file"
    );
    assert_eq!(
        second.state().state.annotations.events.len(),
        2,
        "the second window took in the first's"
    );
    assert!(second.state().state.annotations.conflicts.is_empty());
}

#[test]
fn merge_import_and_export_from_the_file_menu() {
    let dir = copy_sample();
    let mut harness = open(dir.path());
    tag(&mut harness, "On December 5, the Azerbaijani", QUOTE);
    settle(&mut harness);
    let ours = harness.state().state.annotations.clone();

    // A colleague's copy: our event retitled, and one more event.
    let mut theirs = ours.clone();
    theirs.events[0].title = "Ministers meet (colleague's title)".into();
    let mut extra = theirs.events[0].clone();
    extra.id = "ev-colleague".into();
    extra.title = "Protest on the road".into();
    theirs.events.push(extra);
    let other = dir.path().join("colleague.ron");
    std::fs::write(&other, store::to_ron(&theirs)).expect("write");
    harness
        .state_mut()
        .push(dateline::ui::commands::InterchangeCommand::MergeAnnotationsFrom(other).into());
    settle(&mut harness);
    let state = &harness.state().state;
    assert_eq!(
        state.annotations.events.len(),
        2,
        "their new event is added"
    );
    assert_eq!(
        state.annotations.conflicts.len(),
        1,
        "the retitled one is a conflict"
    );
    assert_eq!(
        state
            .annotations
            .event(&ours.events[0].id)
            .map(|e| e.title.as_str()),
        Some(ours.events[0].title.as_str()),
        "ours kept"
    );
    harness.get_by_label("Take theirs").click();
    step(&mut harness);
    assert_eq!(
        harness
            .state()
            .state
            .annotations
            .event(&ours.events[0].id)
            .map(|e| e.title.clone())
            .as_deref(),
        Some("Ministers meet (colleague's title)")
    );
    assert!(harness.state().state.annotations.conflicts.is_empty());

    // Export, then import a Hypothesis-style page.
    let out = dir.path().join("out.jsonld");
    harness
        .state_mut()
        .push(dateline::ui::commands::InterchangeCommand::ExportJsonLd(out.clone()).into());
    settle(&mut harness);
    let doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out).expect("exported")).expect("json");
    assert_eq!(doc["total"], 2);
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/w3c/import.jsonld");
    harness
        .state_mut()
        .push(dateline::ui::commands::InterchangeCommand::ImportJsonLd(fixture).into());
    settle(&mut harness);
    assert_eq!(harness.state().state.annotations.annotations.len(), 2);
    let message = harness.state().state.message.clone().unwrap_or_default();
    assert!(message.contains("2 added"), "{message}");
}

#[test]
fn an_unwritable_collection_keeps_annotations_in_the_data_folder_and_says_so() {
    let dir = copy_sample();
    // `.dateline` is a file: the folder cannot be made there, as on a read-only medium.
    std::fs::write(dir.path().join(".dateline"), "not a folder").expect("write");
    let data = tempfile::tempdir().expect("temp dir");
    let options = AppOptions {
        collection: Some(dir.path().to_path_buf()),
        screenshot: None,
        native_dialogs: false,
        data_dir: Some(data.path().to_path_buf()),
    };
    let mut harness = Harness::builder()
        .with_size([1280.0, 820.0])
        .build_eframe(move |cc| DatelineApp::new(cc, options));
    settle(&mut harness);
    let note = harness
        .state()
        .state
        .annotations_elsewhere
        .clone()
        .unwrap_or_default();
    assert!(
        note.contains("cannot be written") && note.contains(&data.path().display().to_string()),
        "{note}"
    );
    assert!(
        harness
            .query_by_label("Kept outside the collection")
            .is_some()
    );
    tag(&mut harness, "On December 5, the Azerbaijani", QUOTE);
    settle(&mut harness);
    let saved: Vec<_> = walk_files(data.path())
        .into_iter()
        .filter(|p| p.ends_with("annotations.ron"))
        .collect();
    assert_eq!(saved.len(), 1, "{saved:?}");
    assert!(
        std::fs::read_to_string(&saved[0])
            .expect("read")
            .contains("foreign ministers")
    );
}

fn walk_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(walk_files(&path));
        } else {
            out.push(path);
        }
    }
    out
}

#[test]
fn author_suggestions_and_an_edited_taxonomy() {
    let dir = copy_sample();
    let mut harness = open(dir.path());
    harness.state_mut().author = "Fact-checker One".into();
    // A first event with an actor, then a second offers that actor while typing.
    harness
        .get_by_role_and_label_contains(egui::Role::Button, "On December 5, the Azerbaijani")
        .click();
    step(&mut harness);
    select_quote(&mut harness, QUOTE);
    harness.get_by_label("Tag event").click();
    step(&mut harness);
    harness.get_by_label("Actors").focus();
    harness.get_by_label("Actors").type_text("Sergei Lavrov");
    step(&mut harness);
    harness.get_by_label("Save").click();
    step(&mut harness);
    assert_eq!(
        harness.state().state.annotations.events[0].author,
        "Fact-checker One"
    );
    select_quote(
        &mut harness,
        "Azerbaijan welcomes the participation of Russian companies",
    );
    harness.get_by_label("Tag event").click();
    step(&mut harness);
    harness.get_by_label("Actors").focus();
    harness.get_by_label("Actors").type_text("lav");
    step(&mut harness);
    harness.get_by_label("Sergei Lavrov").click();
    step(&mut harness);
    assert_eq!(
        harness
            .state()
            .editor
            .as_ref()
            .map(|e| e.actors.clone())
            .as_deref(),
        Some("Sergei Lavrov, ")
    );
    harness.get_by_label("Save").click();
    step(&mut harness);

    // Rename a type in the editor: the new name is used at once and saved beside the annotations.
    harness.get_by_label("Settings").click();
    step(&mut harness);
    harness.get_by_label("Event types…").click();
    step(&mut harness);
    let editor = harness
        .state_mut()
        .taxonomy_editor
        .as_mut()
        .expect("editor open");
    let meeting = editor.draft.sets[1]
        .types
        .iter_mut()
        .find(|t| t.id == "diplomacy/meeting")
        .expect("meeting");
    meeting.label = "Bilateral meeting".into();
    step(&mut harness);
    harness.get_by_label("Save").click();
    step(&mut harness);
    settle(&mut harness);
    assert_eq!(
        harness.state().state.types.label("diplomacy/meeting"),
        "Bilateral meeting"
    );
    let saved =
        std::fs::read_to_string(dir.path().join(".dateline/taxonomy.ron")).expect("taxonomy saved");
    assert!(saved.contains("Bilateral meeting"));
    drop(harness);
    let harness = open(dir.path());
    assert_eq!(
        harness.state().state.types.label("diplomacy/meeting"),
        "Bilateral meeting",
        "reopened with it"
    );
}

/// Types `query` into the Search tab (opened with Ctrl+F) and waits for the search to finish.
fn search(harness: &mut Harness<'static, DatelineApp>, query: &str) {
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::F);
    step(harness);
    harness.state_mut().articles.search.query.clear();
    step(harness);
    let field = harness.get_by_label("Search the collection");
    field.focus();
    field.type_text(query);
    step(harness);
    wait_for(harness, "the search", |app| !app.state.search.running);
}

/// The results as file-name prefixes ("000", "002", …).
fn result_prefixes(harness: &Harness<'static, DatelineApp>) -> Vec<String> {
    let s = &harness.state().state;
    s.search
        .found
        .results
        .iter()
        .map(|(i, _)| s.articles[*i].path[..3].to_string())
        .collect()
}

/// The text selected in the reader.
fn reader_selection(harness: &Harness<'static, DatelineApp>) -> String {
    let app = harness.state();
    match (app.state.selected(), app.reader.selection()) {
        (Some(a), Some(sel)) => a.text[sel.range.clone()].to_string(),
        _ => String::new(),
    }
}

#[test]
fn search_finds_name_variants_steps_through_hits_and_filters() {
    let dir = copy_sample();
    let mut harness = open(dir.path());
    search(&mut harness, "xankəndi");
    // Xankandi (000), Khankandi (001), Khankendi (002, 004): newest first.
    assert_eq!(result_prefixes(&harness), ["002", "004", "001", "000"]);
    assert_eq!(harness.state().state.search.found.hits, 9);
    assert!(
        harness
            .query_by_label_contains("9 hits in 4 articles")
            .is_some()
    );

    // F3 walks the hits: both in the first article, then on to the next article.
    harness.key_press(egui::Key::F3);
    step(&mut harness);
    assert_eq!(
        selected_path(&harness).as_deref(),
        Some("002_4c8b3ae003e75f68.txt")
    );
    assert_eq!(reader_selection(&harness), "Khankendi");
    assert_eq!(harness.state().state.search.current, Some((0, 0)));
    harness.key_press(egui::Key::F3);
    harness.key_press(egui::Key::F3);
    step(&mut harness);
    assert_eq!(harness.state().state.search.current, Some((1, 0)));
    assert_eq!(
        selected_path(&harness).as_deref(),
        Some("004_48452417f1ed6d85.txt")
    );
    harness.key_press_modifiers(egui::Modifiers::SHIFT, egui::Key::F3);
    step(&mut harness);
    assert_eq!(harness.state().state.search.current, Some((0, 1)));
    // Clicking a result shows its first hit.
    harness
        .get_by_label_contains("On December 5, the Azerbaijani and Russian")
        .click();
    step(&mut harness);
    assert_eq!(selected_path(&harness).as_deref(), Some(FIRST));
    assert_eq!(reader_selection(&harness), "Xankandi");

    // A phrase keeps its words together; every word must be there.
    search(&mut harness, "\"peaceful protest\"");
    assert_eq!(result_prefixes(&harness), ["002", "004"]);
    search(&mut harness, "\"protest peaceful\"");
    assert!(result_prefixes(&harness).is_empty());
    assert!(
        harness
            .query_by_label_contains("No hits in 5 articles")
            .is_some()
    );

    // Filters: source, annotated or not, the day selected on the calendar.
    search(&mut harness, "gizilbulag");
    assert_eq!(result_prefixes(&harness), ["002", "004", "003", "001"]);
    harness
        .get_by_role_and_label(egui::accesskit::Role::ComboBox, "Source")
        .click();
    step(&mut harness);
    harness.get_by_label("Trend (1)").click();
    step(&mut harness);
    wait_for(&mut harness, "the search", |app| !app.state.search.running);
    assert_eq!(result_prefixes(&harness), ["002"]);
    harness
        .get_by_role_and_label(egui::accesskit::Role::ComboBox, "Source")
        .click();
    step(&mut harness);
    harness.get_by_label("Any").click();
    step(&mut harness);
    wait_for(&mut harness, "the search", |app| !app.state.search.running);
    assert_eq!(result_prefixes(&harness).len(), 4);

    tag(
        &mut harness,
        "Baku stresses need",
        "appealed to the command",
    );
    wait_for(&mut harness, "the search", |app| !app.state.search.running);
    let annotated_combo = |h: &Harness<'static, DatelineApp>, label: &str| {
        let all = h.get_all_by_role(egui::accesskit::Role::ComboBox);
        match all.into_iter().find(|n| format!("{n:?}").contains(label)) {
            Some(n) => n.click(),
            None => panic!("no combo box showing {label:?}"),
        }
    };
    annotated_combo(&harness, "Annotated or not");
    step(&mut harness);
    harness.get_by_label("Not annotated").click();
    step(&mut harness);
    wait_for(&mut harness, "the search", |app| !app.state.search.running);
    assert_eq!(result_prefixes(&harness), ["002", "004", "001"]);
    annotated_combo(&harness, "Not annotated");
    step(&mut harness);
    harness
        .get_by_role_and_label(egui::accesskit::Role::Button, "Annotated")
        .click();
    step(&mut harness);
    wait_for(&mut harness, "the search", |app| !app.state.search.running);
    assert_eq!(result_prefixes(&harness), ["003"]);
    annotated_combo(&harness, "Annotated");
    step(&mut harness);
    harness.get_by_label("Annotated or not").click();
    step(&mut harness);

    let day = chrono::NaiveDate::from_ymd_opt(2022, 12, 12);
    harness
        .state_mut()
        .push(dateline::ui::commands::ViewCommand::SelectDay(day).into());
    step(&mut harness);
    wait_for(&mut harness, "the search", |app| !app.state.search.running);
    assert_eq!(result_prefixes(&harness), ["003"]);
    harness.get_by_label("Only 12 Dec 2022").click();
    step(&mut harness);
    wait_for(&mut harness, "the search", |app| !app.state.search.running);
    assert_eq!(result_prefixes(&harness).len(), 4);
}

#[test]
fn recycled_passages_are_marked_and_open_the_other_article_there() {
    let dir = copy_sample();
    let mut harness = open(dir.path());
    wait_for(&mut harness, "recycled text", |app| {
        app.state.recycled_index().is_some()
    });
    assert!(
        harness
            .query_by_label_contains("4 with recycled text")
            .is_some()
    );
    harness
        .get_by_label_contains("Azerbaijani Foreign Minister Jeyhun Bayramov has met")
        .click();
    step(&mut harness);
    assert_eq!(
        selected_path(&harness).as_deref(),
        Some("004_48452417f1ed6d85.txt")
    );
    // Scroll down to the recycled paragraphs, as a reader would.
    let app = harness.state_mut();
    let article = app.state.selected().cloned().expect("selected");
    let at = article
        .text
        .find("Khankendi road against the illegal")
        .expect("in 004");
    app.reader.reveal(&article, at..at + 9);
    for _ in 0..60 {
        harness.step(); // the scroll animates
    }
    // Click the top of the mark, where it shows (it runs down the whole passage).
    let mark = harness.get_by_label("Also in 2 articles").rect();
    let at = egui::pos2(mark.center().x, mark.top() + 6.0);
    harness.event(egui::Event::PointerMoved(at));
    harness.step();
    for pressed in [true, false] {
        harness.event(egui::Event::PointerButton {
            pos: at,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: egui::Modifiers::NONE,
        });
    }
    step(&mut harness);

    harness
        .get_by_label_contains("2022-12-07 · Azernews")
        .click();
    step(&mut harness);
    assert_eq!(selected_path(&harness).as_deref(), Some(FIRST));
    let shown = reader_selection(&harness);
    assert!(
        shown.contains("Ecology and Natural Resources, the State Property Service"),
        "{shown:?}"
    );
    // The lone seed shares nothing.
    harness
        .get_by_label_contains("Baku stresses need for Russian peacekeeping")
        .click();
    step(&mut harness);
    assert!(harness.query_by_label_contains("Also in").is_none());
}

#[test]
fn near_duplicates_are_grouped_in_the_list() {
    let dir = tempfile::tempdir().expect("temp dir");
    let body = "The peaceful protest of Azerbaijani eco-activists on the Lachin-Khankendi road \
        against the illegal exploitation of mineral resources continues for the eighth day. \
        Representatives of the State Border Service visited Gizilbulag to assess mine clearance \
        and the talks in Shusha focused on the North-South transport corridor.";
    for (name, text) in [
        ("a.txt", format!("2022-12-01\n\nFirst report. {body}\n")),
        (
            "b.txt",
            "2022-12-03\n\nUnrelated talks in Baku about trade and energy, with no copied passage.\n"
                .to_string(),
        ),
        (
            "c.txt",
            format!("2022-12-05\n\nCopied report. {body} More.\n"),
        ),
    ] {
        std::fs::write(dir.path().join(name), text).expect("write");
    }
    let mut harness = open(dir.path());
    wait_for(&mut harness, "recycled text", |app| {
        app.state.recycled_index().is_some()
    });
    let paths = |h: &Harness<'static, DatelineApp>| -> Vec<String> {
        let app = h.state();
        app.articles
            .rows()
            .iter()
            .map(|&i| app.state.articles[i].path.clone())
            .collect()
    };
    assert_eq!(paths(&harness), ["c.txt", "b.txt", "a.txt"]);
    harness.get_by_label("Group near-duplicates").click();
    step(&mut harness);
    assert_eq!(paths(&harness), ["c.txt", "a.txt", "b.txt"]);
}

#[test]
fn name_variants_are_edited_saved_and_used() {
    let dir = copy_sample();
    let mut harness = open(dir.path());
    search(&mut harness, "qırmızı xaç");
    assert!(result_prefixes(&harness).is_empty());
    harness.get_by_label("Name variants…").click();
    step(&mut harness);
    harness.get_by_label("Add a group").click();
    step(&mut harness);
    let rows = harness.get_all_by_role(egui::accesskit::Role::TextInput);
    let last = rows.last().expect("a new row");
    last.focus();
    last.type_text("ICRC, Qırmızı Xaç");
    step(&mut harness);
    harness.get_by_label("Save").click();
    step(&mut harness);
    wait_for(&mut harness, "the save", |app| !app.is_busy());
    // The search runs again with the new variants.
    assert_eq!(result_prefixes(&harness), ["004"]);
    let saved = dir.path().join(".dateline/aliases.ron");
    let text = std::fs::read_to_string(&saved).expect("aliases saved");
    let aliases = dateline::core::search::Aliases::parse(&text, &saved).expect("parses");
    assert!(
        aliases
            .groups
            .iter()
            .any(|g| g.contains(&"ICRC".to_string()))
    );
    assert!(aliases.groups.len() > 10, "the presets are kept");
}

#[test]
fn an_unparsable_aliases_file_is_reported_and_left_untouched() {
    let dir = copy_sample();
    std::fs::create_dir_all(dir.path().join(".dateline")).expect("mkdir");
    let path = dir.path().join(".dateline/aliases.ron");
    std::fs::write(&path, "(version: 1, groups: [[\"Lachin\",").expect("write");
    let mut harness = open(dir.path());
    let error = harness.state().state.last_error.clone().unwrap_or_default();
    assert!(
        error.contains("aliases") && error.contains("line 1"),
        "{error}"
    );
    // The presets still work.
    search(&mut harness, "lachyn");
    assert!(!result_prefixes(&harness).is_empty());
    harness.get_by_label("Name variants…").click();
    step(&mut harness);
    harness.get_by_label("Save").click();
    step(&mut harness);
    assert_eq!(
        std::fs::read_to_string(&path).expect("still there"),
        "(version: 1, groups: [[\"Lachin\","
    );
}

/// A researcher's download folder: a Nexis export (one file, three articles) beside a corpus
/// dated only by its folders. Each export article is listed and opens with its fields; the
/// corpus article says its date came from the path.
#[test]
fn exports_and_dated_folders_show_every_article_dated() {
    let dir = tempfile::tempdir().expect("temp dir");
    let fixture =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/exports/nexis/nexis_three.txt");
    std::fs::copy(fixture, dir.path().join("nexis_three.txt")).expect("copy");
    let day = dir.path().join("InputDocs/2010-04-20");
    std::fs::create_dir_all(&day).expect("mkdir");
    std::fs::write(
        day.join("17.htm.txt"),
        "An explosion on the drilling rig in the Gulf of Mexico . \nEleven workers are missing .\n",
    )
    .expect("write");
    let mut harness = open(dir.path());
    let paths: Vec<String> = harness
        .state()
        .state
        .articles
        .iter()
        .map(|a| a.path.clone())
        .collect();
    assert_eq!(paths.len(), 4, "{paths:?}");
    for n in 1..=3 {
        assert!(paths.contains(&format!("nexis_three.txt#{n}")), "{paths:?}");
    }
    // The calendar counts each article on its day.
    let counts = &harness.state().state.published_counts;
    let d = |y, m, dd| chrono::NaiveDate::from_ymd_opt(y, m, dd).expect("date");
    assert_eq!(counts.get(d(2017, 2, 28)), 1);
    assert_eq!(counts.get(d(2017, 3, 1)), 1);
    assert_eq!(counts.get(d(2010, 4, 20)), 1);

    harness
        .get_by_role_and_label_contains(egui::Role::Button, "Ministers meet in Moscow")
        .click();
    step(&mut harness);
    assert_eq!(
        selected_path(&harness).as_deref(),
        Some("nexis_three.txt#2")
    );
    assert!(
        harness
            .query_by_label_contains("by Tom Harrow and Sabina Ahmadova")
            .is_some()
    );
    assert!(
        harness
            .query_by_label_contains("Length: 142 words")
            .is_some()
    );

    harness
        .get_by_role_and_label_contains(egui::Role::Button, "An explosion on the drilling rig")
        .click();
    step(&mut harness);
    assert!(
        harness
            .query_by_label_contains("Published 20 April 2010 (date from the file's path)")
            .is_some()
    );
}

/// A saved page read wrongly can be seen whole: the toggle shows the page with its menus, and
/// turning it off shows the article again.
#[test]
fn the_whole_page_can_be_shown_beside_the_article() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("harbour.html"),
        r#"<html><head><title>Harbour</title><meta property="article:published_time" content="2024-03-04T09:00:00Z"></head><body><nav><a href="/">Home</a> <a href="/world">World desk</a> <a href="/sport">Sport desk</a></nav><article><h1>Harbour reopens after the storm</h1><p>The harbour reopened on Monday after a week of repairs to the sea wall, the port authority said.</p><p>Ferries to the islands will run again from Wednesday, with extra crossings at the weekend.</p></article><footer>Contact the newsroom desk</footer></body></html>"#,
    )
    .expect("write");
    let mut harness = open(dir.path());
    let body = |h: &Harness<'static, DatelineApp>| {
        h.state()
            .state
            .selected()
            .map(|a| a.body().to_string())
            .unwrap_or_default()
    };
    assert!(body(&harness).contains("Ferries to the islands"));
    assert!(
        !body(&harness).contains("Sport desk"),
        "menus are not in the article"
    );
    assert!(harness.query_by_label_contains("Sport desk").is_none());

    harness.get_by_label("Whole page").click();
    settle(&mut harness);
    assert!(harness.state().reader.shows_whole_page());
    assert!(harness.query_by_label_contains("Sport desk").is_some());
    assert!(
        harness
            .query_by_label_contains("Contact the newsroom desk")
            .is_some()
    );

    harness.get_by_label("Whole page").click();
    settle(&mut harness);
    assert!(!harness.state().reader.shows_whole_page());
    assert!(harness.query_by_label_contains("Sport desk").is_none());

    // A page read after the user turned the view off again is not shown.
    harness.get_by_label("Whole page").click();
    harness.get_by_label("Whole page").click();
    settle(&mut harness);
    assert!(!harness.state().reader.shows_whole_page());
}

/// A page in a web archive shows where its fields came from and can be seen whole too.
#[test]
fn a_page_in_an_archive_says_where_its_fields_came_from_and_shows_whole() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/exports/archives/news.warc"),
        dir.path().join("news.warc"),
    )
    .expect("copy the archive");
    let mut harness = open(dir.path());
    // The newest article first: the library page (its date is the capture's).
    assert_eq!(
        selected_path(&harness).as_deref(),
        Some("news.warc#https://news.example.org/news/2")
    );
    assert!(
        harness
            .query_by_label_contains("url ← the archive's record of the capture")
            .is_some()
    );
    assert!(
        harness
            .query_by_label_contains("title ← the headline, <h1>")
            .is_some()
    );
    assert!(harness.query_by_label_contains("Home | Town").is_none());
    harness.get_by_label("Whole page").click();
    settle(&mut harness);
    assert!(harness.state().reader.shows_whole_page());
    assert!(harness.query_by_label_contains("Home | Town").is_some());
}

#[test]
fn durations_and_sets_are_marked_but_never_on_the_calendar() {
    let dir = copy_sample();
    std::fs::write(
        dir.path().join("010_strike.md"),
        "---\ntitle: Dock strike ends\ndate: 2023-03-10\n---\n\nThe strike lasted three weeks; \
         talks met every Monday and ended on March 3.\n",
    )
    .expect("write");
    let mut harness = open(dir.path());
    // The newest article: listed first and shown in the reader, both by its title.
    if let Some(row) = harness
        .query_all_by_label_contains("Dock strike ends")
        .next()
    {
        row.click();
    }
    step(&mut harness);
    let state = &harness.state().state;
    let kinds: Vec<(&str, Option<&str>, &str)> = state
        .selected_mentions
        .iter()
        .map(|m| (m.text.as_str(), m.value.as_deref(), m.kind.as_str()))
        .collect();
    assert_eq!(
        kinds,
        [
            ("three weeks", Some("P3W"), "duration"),
            ("every Monday", Some("XXXX-WXX-1"), "set"),
            ("March 3", Some("2023-03-03"), "relative"),
        ]
    );
    let days: Vec<_> = state.mentioned_days.keys().copied().collect();
    assert_eq!(
        days,
        [chrono::NaiveDate::from_ymd_opt(2023, 3, 3).expect("date")],
        "only the day goes on the calendar"
    );
}

/// The suggested dates of the sample, as the Suggestions tab lists them.
fn suggested_keys(harness: &Harness<'static, DatelineApp>) -> Vec<String> {
    let s = &harness.state().state.suggestions;
    s.shown().iter().map(|&i| s.list[i].key()).collect()
}

/// The suggestion of the day `key` ("2022-12-12").
fn listed<'a>(harness: &'a Harness<'static, DatelineApp>, key: &str) -> &'a Suggestion {
    let list = &harness.state().state.suggestions.list;
    list.iter().find(|x| x.key() == key).expect("listed")
}

#[test]
fn suggestions_are_shown_accepted_undone_and_dismissed_for_good() {
    let dir = copy_sample();
    let mut harness = open(dir.path());
    settle(&mut harness);
    // The days several of the sample's articles report: the trilateral statement of
    // November 10, 2020 (002, 003), the talks since December 3, 2022 (002 and its copy 004, 003)
    // and the protest going on since December 12, 2022 (002, 003, 004).
    let keys = suggested_keys(&harness);
    for day in ["2020-11-10", "2022-12-03", "2022-12-12"] {
        assert!(keys.contains(&day.to_string()), "{day} in {keys:?}");
        let s = &harness.state().state.suggestions;
        let sug = s.list.iter().find(|x| x.key() == day).expect("listed");
        let articles: std::collections::BTreeSet<&str> =
            sug.evidence.iter().map(|e| e.path.as_str()).collect();
        assert!(articles.len() > 1, "{day}: evidence from {articles:?}");
    }
    let protest = listed(&harness, "2022-12-12");
    assert!(protest.ongoing, "'going on since December 12'");
    assert_eq!(protest.event_type, "protests");

    harness.get_by_label_contains("Suggestions (").click();
    step(&mut harness);
    // Select the protest: the reader opens its first passage, selected, the calendar goes there.
    harness.get_by_label("2022-12-12 –").click();
    step(&mut harness);
    let first = reader_selection(&harness);
    assert!(first.contains("December 12"), "{first}");
    assert_eq!(harness.state().state.month.month, 12);
    harness.get_by_label("Next passage").click();
    step(&mut harness);
    let second = reader_selection(&harness);
    // the summary's second sentence, from another article that day
    let evidence = &listed(&harness, "2022-12-12").evidence;
    assert_eq!(second, evidence[1].text);
    assert_ne!(evidence[0].path, evidence[1].path);
    assert_ne!(
        selected_path(&harness),
        None,
        "stepping keeps an article open"
    );

    // Accept makes one event with every passage; Ctrl+Z takes it back in one step.
    let accept = harness.get_all_by_label("Accept").count();
    assert_eq!(accept, keys.len());
    harness
        .get_all_by_label("Accept")
        .nth(keys.iter().position(|k| k == "2022-12-12").expect("row"))
        .expect("button")
        .click();
    step(&mut harness);
    let events = &harness.state().state.annotations.events;
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].event_type, "protests");
    assert!(events[0].when.ongoing);
    assert_eq!(events[0].when.start.to_string(), "2022-12-12");
    assert!(events[0].evidence.len() > 1, "{:?}", events[0].evidence);
    // the row now shows the event instead of Accept
    harness.get_by_label_contains("Event: ");
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    step(&mut harness);
    assert!(harness.state().state.annotations.events.is_empty());

    // Dismiss hides it and remembers it in .dateline/, also after reopening.
    let before = suggested_keys(&harness).len();
    harness
        .get_all_by_label("Dismiss")
        .next()
        .expect("a Dismiss button")
        .click();
    step(&mut harness);
    settle(&mut harness);
    let after = suggested_keys(&harness);
    assert_eq!(after.len(), before - 1);
    assert!(!after.contains(&"2020-11-10".to_string()), "{after:?}");
    let file = dir.path().join(".dateline/dismissed.ron");
    let saved = std::fs::read_to_string(&file).expect("dismissed.ron written");
    assert!(saved.contains("2020-11-10"), "{saved}");
    drop(harness);
    let mut harness = open(dir.path());
    settle(&mut harness);
    assert!(!suggested_keys(&harness).contains(&"2020-11-10".to_string()));
    harness.state_mut().state.suggestions.show_dismissed = true;
    assert!(suggested_keys(&harness).contains(&"2020-11-10".to_string()));
}

#[test]
fn suggestions_say_why_there_are_none() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("a.txt"),
        "No date is named in this text at all.",
    )
    .expect("write");
    let mut harness = open(dir.path());
    settle(&mut harness);
    harness.get_by_label_contains("Suggestions (").click();
    step(&mut harness);
    harness.get_by_label(
        "No suggestions: no dates: none of the 1 articles in scope names a day or has a publication date.",
    );
    // a filter that leaves nothing
    harness.get_by_label("Only the listed articles").click();
    harness.state_mut().articles.filter = "nothing matches this".into();
    settle(&mut harness);
    step(&mut harness);
    harness.get_by_label("No suggestions: no articles to suggest from.");
}

#[test]
fn the_chronology_is_exported_from_the_file_menu_as_on_the_command_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path().join("sample");
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::create_dir_all(root.join(".dateline")).expect("folder");
    for entry in std::fs::read_dir(manifest.join("assets/sample")).expect("sample") {
        let entry = entry.expect("entry");
        if !entry.path().is_file() {
            continue; // the cache a run of the app leaves in the sample
        }
        std::fs::copy(entry.path(), root.join(entry.file_name())).expect("copy");
    }
    for name in ["annotations.ron", "places.ron"] {
        std::fs::copy(
            manifest.join("tests/fixtures/chronology").join(name),
            root.join(".dateline").join(name),
        )
        .expect("fixture");
    }
    let mut harness = open(&root);
    settle(&mut harness);
    assert_eq!(harness.state().state.annotations.events.len(), 5);
    harness.get_by_label("File").click();
    step(&mut harness);
    harness.get_by_label("Export chronology…").click();
    step(&mut harness);
    // the typed path starts beside the collection, named after it
    let proposed = harness.state().export_dialog.path.clone();
    assert!(proposed.ends_with("sample-chronology.csv"), "{proposed}");
    for (format, golden) in [
        (dateline::core::export::Format::Ics, "sample.ics"),
        (dateline::core::export::Format::Acled, "sample.acled.csv"),
        (dateline::core::export::Format::Md, "sample.md"),
    ] {
        let out = dir.path().join(golden);
        {
            let dialog = &mut harness.state_mut().export_dialog;
            dialog.open = true;
            dialog.format = Some(format);
            dialog.path = out.display().to_string();
        }
        step(&mut harness);
        harness.get_by_label("Export").click();
        step(&mut harness);
        settle(&mut harness);
        let got = std::fs::read(&out).expect("exported");
        let want = std::fs::read(manifest.join("tests/golden").join(golden)).expect("golden");
        assert!(
            got == want,
            "{golden} from the window differs from the command line's"
        );
    }
    let message = harness.state().state.message.clone().unwrap_or_default();
    assert!(message.starts_with("Exported 5 events to"), "{message}");
    // a bad range is said in the window, nothing is written
    {
        let dialog = &mut harness.state_mut().export_dialog;
        dialog.open = true;
        dialog.scope = dateline::ui::export_dialog::ExportScope::Range;
        dialog.from = "2023-01-01".into();
        dialog.to = "2022-01-01".into();
        dialog.path = dir.path().join("never.md").display().to_string();
    }
    step(&mut harness);
    harness.get_by_label("Export").click();
    step(&mut harness);
    harness.get_by_label("From is after To: no day is in between.");
    assert!(!dir.path().join("never.md").exists());
    // the Events tab copies the chronology
    harness.state_mut().export_dialog.open = false;
    harness.get_by_label_contains("Events (").click();
    step(&mut harness);
    harness.get_by_label("Copy chronology").click();
    step(&mut harness);
    let message = harness.state().state.message.clone().unwrap_or_default();
    assert_eq!(
        message,
        "Copied the chronology of 5 events to the clipboard"
    );
}

#[test]
fn places_are_edited_in_settings_and_a_broken_table_is_left_alone() {
    let dir = copy_sample();
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::create_dir_all(dir.path().join(".dateline")).expect("folder");
    let file = dir.path().join(".dateline/places.ron");
    std::fs::copy(manifest.join("tests/fixtures/chronology/places.ron"), &file).expect("fixture");
    let before = dateline::core::export::Places::load(&file).expect("fixture parses");
    let mut harness = open(dir.path());
    harness.get_by_label("Settings").click();
    step(&mut harness);
    harness.get_by_label("Places…").click();
    settle(&mut harness);
    harness.get_by_label_contains("Saved in ");
    harness.get_by_label("Add a place").click();
    step(&mut harness);
    harness.get_by_label("Save").click();
    settle(&mut harness);
    // the empty new row is dropped; what was there is kept
    let after = dateline::core::export::Places::load(&file).expect("saved parses");
    assert_eq!(after.places, before.places);
    assert!(harness.state().places_editor.is_none());

    std::fs::write(&file, "(version: 1, places: {").expect("break it");
    harness.get_by_label("Settings").click();
    step(&mut harness);
    harness.get_by_label("Places…").click();
    settle(&mut harness);
    harness.get_by_label_contains("places do not parse at line");
    assert_eq!(
        std::fs::read_to_string(&file).expect("kept"),
        "(version: 1, places: {"
    );
}

/// Steps until the background tasks (git here) are done, and the ones their outcome started.
fn settle_tasks(harness: &mut Harness<'static, DatelineApp>) {
    let deadline = Instant::now() + Duration::from_secs(60);
    let mut quiet = 0;
    while quiet < 10 {
        harness.step();
        if harness.state().is_busy() || harness.state().state.syncing.is_some() {
            quiet = 0;
        } else {
            quiet += 1;
        }
        assert!(Instant::now() < deadline, "git stayed busy");
        std::thread::sleep(Duration::from_millis(20));
    }
    step(harness);
}

#[test]
fn who_did_what_and_team_sync_from_the_window() {
    let dir = copy_sample();
    let remote = tempfile::tempdir().expect("temp dir");
    let git = |args: &[&str], at: &Path| {
        let out = std::process::Command::new("git")
            .arg("-C")
            .arg(at)
            .args(args)
            .output()
            .expect("git runs (.ci/run installs it)");
        assert!(out.status.success(), "git {args:?}");
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    git(&["init", "--quiet", "--bare", "team.git"], remote.path());
    let mut harness = open(dir.path());

    // Aysel tags an event; Tom edits its title and tags one of his own.
    harness.state_mut().author = "Aysel".into();
    tag(&mut harness, "On December 5, the Azerbaijani", QUOTE);
    harness.state_mut().author = "Tom".into();
    harness
        .get_by_role_and_label_contains(egui::Role::Button, "• ")
        .click();
    step(&mut harness);
    harness.get_by_label("Title").focus();
    harness.get_by_label("Title").type_text(" (checked)");
    step(&mut harness);
    harness.get_by_label("Save").click();
    step(&mut harness);
    tag(
        &mut harness,
        "Baku stresses need",
        "prevent illegal exploitation of natural resources",
    );
    let events = &harness.state().state.annotations.events;
    let by: Vec<(&str, &str)> = events
        .iter()
        .map(|e| (e.author.as_str(), e.modified_by.as_str()))
        .collect();
    assert_eq!(by.len(), 2);
    assert!(by.contains(&("Aysel", "Tom")), "{by:?}");
    assert!(by.contains(&("Tom", "")), "{by:?}");

    // The Events table says who wrote and who last edited each; the filter keeps one person's.
    harness
        .get_by_role_and_label_contains(egui::Role::Button, "Events (2)")
        .click();
    step(&mut harness);
    harness.get_by_label("Aysel, edited by Tom");
    harness
        .get_by_role_and_label(egui::Role::ComboBox, "By")
        .click();
    step(&mut harness);
    harness
        .get_by_role_and_label(egui::Role::Button, "Aysel")
        .click();
    step(&mut harness);
    assert_eq!(harness.state().events.who.as_deref(), Some("Aysel"));
    assert!(
        harness
            .query_by_label("prevent illegal exploitation of natural resources")
            .is_none(),
        "Tom's own event is filtered out"
    );
    harness.get_by_label("Aysel, edited by Tom");

    // Settings › Team…: asks before making the folder a repository, then sets it up.
    harness.get_by_label("Settings").click();
    step(&mut harness);
    harness.get_by_label("Team…").click();
    settle_tasks(&mut harness);
    harness.get_by_label("Repository: none yet");
    harness.get_by_label("Set up for team work").click();
    step(&mut harness);
    assert!(
        harness
            .state()
            .team_window
            .as_ref()
            .is_some_and(|w| w.confirming),
        "asks first"
    );
    assert!(!dir.path().join(".git").exists(), "nothing before asking");
    harness.get_by_label("Make it a repository").click();
    settle_tasks(&mut harness);
    assert!(dir.path().join(".git").is_dir());
    let attributes = std::fs::read_to_string(dir.path().join(".gitattributes")).expect("written");
    assert!(attributes.contains("merge=dateline"), "{attributes}");
    harness.get_by_label("Merge driver: registered");

    // The team's repository, then Sync: committed with Tom's name and a summary, and pushed.
    let url = remote.path().join("team.git");
    harness.get_by_label("Address").focus();
    harness
        .get_by_label("Address")
        .type_text(url.to_str().expect("path"));
    step(&mut harness);
    harness.get_by_label("Set remote").click();
    settle_tasks(&mut harness);
    harness.get_by_label_contains("Remote: origin");
    harness
        .get_by_role_and_label(egui::Role::Button, "Sync")
        .click();
    settle_tasks(&mut harness);
    assert!(
        harness.state().state.last_error.is_none(),
        "{:?}",
        harness.state().state.last_error
    );
    let log = git(&["log", "--format=%an|%s", "-1"], &url);
    assert!(log.starts_with("Tom|"), "{log}");
    assert!(log.contains("2 events added"), "{log}");
    let pushed = git(&["show", "HEAD:.dateline/annotations.ron"], &url);
    assert!(pushed.contains("(checked)") && pushed.contains("modified_by"));
}
