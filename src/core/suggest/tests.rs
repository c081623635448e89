use chrono::NaiveDate;

use super::*;
use crate::core::collection::test_article;
use crate::core::search::Aliases;

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_default()
}

fn run(articles: &[Article], options: &Options) -> Result<Vec<Suggestion>, Empty> {
    let reports: Vec<ArticleReport> = articles.iter().map(report).collect();
    let scope = Input::all(articles, &reports);
    suggest(
        &scope,
        options,
        &TypeWords::builtin(),
        &Aliases::builtin(),
        &|_| true,
    )
}

fn oil_spill() -> Vec<Article> {
    vec![
        test_article(
            "a.txt",
            " date 2010-04-22\n\nThe Deepwater Horizon rig exploded on April 20, killing 11 workers, officials in Louisiana said.\n\nThe rig sank later.",
        ),
        test_article(
            "b.txt",
            " date 2010-04-23\n\nThe rig exploded on Tuesday off Louisiana and 11 workers died.\n\nBP said it would pay.",
        ),
        test_article(
            "c.txt",
            " date 2010-05-27\n\nBP began the top kill on Wednesday, pumping mud into the well.\n\nThe rig had exploded on April 20.",
        ),
        test_article(
            "d.txt",
            " date 2010-05-28\n\nThe top kill started on May 26 and mud was pumped into the well for hours.",
        ),
        test_article("e.txt", " date 2010-06-01\n\nA quiet day on the coast."),
    ]
}

#[test]
fn the_days_several_articles_report_are_suggested_with_their_evidence() {
    let got = run(&oil_spill(), &Options::default()).unwrap_or_default();
    let dates: Vec<String> = got.iter().map(Suggestion::key).collect();
    assert_eq!(dates, ["2010-04-20", "2010-05-26"], "{got:#?}");
    let explosion = &got[0];
    let mut paths: Vec<&str> = explosion.evidence.iter().map(|e| e.path.as_str()).collect();
    paths.sort_unstable();
    assert_eq!(paths, ["a.txt", "b.txt", "c.txt"], "{explosion:#?}");
    assert_eq!(explosion.articles, 3);
    assert!(
        explosion.summary.contains("exploded"),
        "{}",
        explosion.summary
    );
    assert_eq!(explosion.event_type, "explosions_remote_violence");
    assert_eq!(explosion.type_because, "exploded");
    assert_eq!(explosion.places, ["Louisiana"], "{explosion:#?}");
    // evidence offsets point at the sentence in the article's text
    let articles = oil_spill();
    for e in &explosion.evidence {
        let text = &articles[e.article].text;
        assert_eq!(&text[e.start..e.end], e.text);
    }
}

#[test]
fn a_number_of_dates_is_exactly_that_many_within_the_range() {
    let articles = oil_spill();
    let cases: &[(Options, &[&str])] = &[
        (
            Options {
                dates: Some(1),
                ..Options::default()
            },
            &["2010-04-20"],
        ),
        (
            Options {
                dates: Some(3),
                ..Options::default()
            },
            &["2010-04-20", "2010-04-22", "2010-05-26"],
        ),
        (
            Options {
                dates: Some(2),
                from: Some(day("2010-05-01")),
                to: Some(day("2010-06-30")),
            },
            &["2010-05-26", "2010-05-27"],
        ),
        (
            Options {
                dates: Some(50),
                ..Options::default()
            },
            // every day reported or published, and the day before each publication (the news
            // of the day before)
            &[
                "2010-04-20",
                "2010-04-21",
                "2010-04-22",
                "2010-04-23",
                "2010-05-26",
                "2010-05-27",
                "2010-05-28",
                "2010-05-31",
                "2010-06-01",
            ],
        ),
    ];
    for (options, expected) in cases {
        let got: Vec<String> = run(&articles, options)
            .unwrap_or_default()
            .iter()
            .map(Suggestion::key)
            .collect();
        assert_eq!(&got, expected, "{options:?}");
    }
}

#[test]
fn copies_count_once_and_own_datelines_are_not_evidence() {
    let text = " date 2010-04-22\n\nThe rig exploded on April 20 in the Gulf.";
    let copies = vec![
        test_article("a.txt", text),
        test_article("b.txt", text),
        test_article("c.txt", text),
    ];
    let got = run(&copies, &Options::default()).unwrap_or_default();
    // one report of April 20 and one publication on April 22: neither passes two articles
    assert!(
        got.iter()
            .all(|s| s.score <= WEIGHTS.named + WEIGHTS.published),
        "{got:#?}"
    );
    let dateline = test_article(
        "d.txt",
        " date 2010-04-22\n\nHOUSTON, April 22 (Reuters) - BP said on Thursday it would act.",
    );
    let r = report(&dateline);
    let said: Vec<&str> = r
        .items
        .iter()
        .map(|i| &dateline.text[i.sentence.clone()])
        .collect();
    // the sentence is reported without the dateline it begins with
    assert_eq!(said, ["BP said on Thursday it would act."]);
    assert_eq!(
        r.items.len(),
        1,
        "only 'on Thursday', not the dateline: {:?}",
        r.items
    );
}

#[test]
fn an_agency_dateline_is_found_past_a_photo_credit() {
    let body = "Credit: Reuters/Amateur Video via Reuters TV AMMAN | Fri Apr 22, 2011 7:12pm EDT \
                AMMAN (Reuters) - Syrian forces killed almost 90 protesters on Friday.";
    let at = dateline_end(body);
    assert!(body[at..].starts_with("Syrian forces"), "{}", &body[at..]);
    // a dash later in a first sentence that has no agency is not a dateline
    let plain = "The spill - the worst in the nation's history - grew on Friday, officials said, \
                 as crews worked through the night to contain it.";
    assert_eq!(dateline_end(plain), 0);
}

#[test]
fn the_summary_is_the_two_sentences_most_like_the_days_sentences() {
    let articles = vec![
        test_article(
            "a.txt",
            " date 2010-04-21\n\nHOUSTON (Reuters) - The Deepwater Horizon rig exploded in the Gulf of Mexico, killing 11 workers.\n\nThe Coast Guard searched for the missing workers.",
        ),
        test_article(
            "b.txt",
            " date 2010-04-21\n\nAn oil rig exploded off Louisiana and 11 workers are missing.\n\nBP shares fell in London trading.",
        ),
        test_article(
            "c.txt",
            " date 2010-04-22\n\nThe rig exploded on April 20, and the Coast Guard searched for 11 missing workers.",
        ),
        test_article(
            "d.txt",
            " date 2010-04-25\n\nOn April 20 the rig exploded and the Coast Guard began searching for the workers.",
        ),
        test_article(
            "e.txt",
            " date 2010-04-26\n\nA reader wrote to us on April 20 about gardening in May.",
        ),
    ];
    let options = Options {
        dates: Some(1),
        ..Options::default()
    };
    let got = run(&articles, &options).unwrap_or_default();
    assert_eq!(got.len(), 1, "{got:#?}");
    let s = &got[0];
    assert_eq!(s.key(), "2010-04-20");
    assert_eq!(s.summary_sentences.len(), 2, "{s:#?}");
    assert_eq!(s.summary, s.summary_sentences.join(" "));
    for sentence in &s.summary_sentences {
        assert!(sentence.contains("exploded"), "{sentence}");
        assert!(
            !sentence.contains("(Reuters)"),
            "the dateline is left out: {sentence}"
        );
    }
    assert!(!s.summary.contains("gardening"), "{}", s.summary);
    // the evidence opens with the summary's sentences, each one where it is in its article
    assert_eq!(s.evidence[0].text, s.summary_sentences[0]);
    for e in &s.evidence {
        assert_eq!(&articles[e.article].text[e.start..e.end], e.text);
    }
}

#[test]
fn ranges_and_ongoing_are_said_as_the_text_says_them() {
    let articles = vec![
        test_article(
            "a.txt",
            " date 2010-06-10\n\nThe talks ran from June 3 to June 7 in Geneva.",
        ),
        test_article(
            "b.txt",
            " date 2010-06-11\n\nDelegates met from June 3 to June 7 in Geneva.",
        ),
    ];
    let got = run(
        &articles,
        &Options {
            dates: Some(1),
            ..Options::default()
        },
    )
    .unwrap_or_default();
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].key(), "2010-06-03");
    assert_eq!(got[0].end, Some(day("2010-06-07")), "{got:#?}");
    assert_eq!(got[0].event_type, "diplomacy/meeting");
}

#[test]
fn nothing_to_suggest_says_why() {
    let none: Vec<Article> = Vec::new();
    assert_eq!(run(&none, &Options::default()), Err(Empty::NoArticles));
    let undated = vec![test_article("a.txt", "No date here at all.")];
    assert_eq!(run(&undated, &Options::default()), Err(Empty::NoDates(1)));
    let range = Options {
        from: Some(day("2030-01-01")),
        ..Options::default()
    };
    assert_eq!(run(&oil_spill(), &range), Err(Empty::NoneInRange));
}

#[test]
fn hostile_text_does_not_panic() {
    let texts = [
        "",
        "\n\n\n",
        " date 2010-04-22\n\n....!!!???",
        " date 2010-04-22\n\nOn April 20. On April 20. On April 20.",
        " date 2010-04-22\n\nə ş ğ Ходжалы 20 апреля. Ստեփանակերտ",
        " date 2010-04-22\n\n\"\"\" ''' ((( April 20",
    ];
    let articles: Vec<Article> = texts
        .iter()
        .enumerate()
        .map(|(i, t)| test_article(&format!("{i}.txt"), t))
        .collect();
    let _ = run(&articles, &Options::default());
    let _ = run(
        &articles,
        &Options {
            dates: Some(0),
            ..Options::default()
        },
    );
}
