//! Tests of reading dates: every form a date line or value takes, in every header language.

use super::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
}

#[test]
fn date_lines() {
    let cases: &[(&str, Option<&str>)] = &[
        (
            "7 December 2022 14:29 (UTC+04:00)",
            Some("2022-12-07T14:29:00+04:00"),
        ),
        (
            "9 December 2022 12:17 (UTC+04:00)",
            Some("2022-12-09T12:17:00+04:00"),
        ),
        ("2022-12-12", Some("2022-12-12")),
        ("December 12, 2022", Some("2022-12-12")),
        (
            "Monday, 12 Dec. 2022 09:05 GMT",
            Some("2022-12-12T09:05:00+00:00"),
        ),
        (
            "2022-12-07T14:29:05+0400",
            Some("2022-12-07T14:29:05+04:00"),
        ),
        (
            "17 July 2025 23:21 (UTC-05:30)",
            Some("2025-07-17T23:21:00-05:30"),
        ),
        ("31 February 2022", None),
        ("26-FEB-1987 15:01:01.79", Some("1987-02-26T15:01:01")),
        (" 5-MAR-1987 09:07:54.17", Some("1987-03-05T09:07:54")),
        (
            "Thu, 01 Apr 1993 20:52:11 -0500 (EST)",
            Some("1993-04-01T20:52:11-05:00"),
        ),
        ("Thu Apr  1 20:52:11 1993", Some("1993-04-01T20:52:11")),
        ("8 Apr 93 22:50:09 GMT", Some("1993-04-08T22:50:09+00:00")),
        (
            "Mon, 15 Feb 1993 18:35:05 EST",
            Some("1993-02-15T18:35:05-05:00"),
        ),
        ("2021-05-15T10:22:33Z", Some("2021-05-15T10:22:33+00:00")),
        ("17:10, 28 February, 2017", Some("2017-02-28T17:10:00")),
        ("28 февраля 2017", Some("2017-02-28")),
        ("3 ноября 2021 года", Some("2021-11-03")),
        ("28 fevral 2017", Some("2017-02-28")),
        ("15 dekabrda 2022", Some("2022-12-15")),
        ("07.12.2022", Some("2022-12-07")),
        ("12/31/2022", Some("2022-12-31")),
        ("31/12/2022", Some("2022-12-31")),
        ("3/3/92", Some("1992-03-03")),
        ("May 13, 1993", Some("1993-05-13")),
        ("April 13, 1993 3:05 pm", Some("1993-04-13T15:05:00")),
        ("31.02.2022", None),
        ("93/5/16", Some("1993-05-16")),
        ("2022/12/07", Some("2022-12-07")),
        ("Baku stresses need for peace", None),
        ("December 2022 was cold", None),
        ("", None),
    ];
    for (line, want) in cases {
        let got = parse_date_line(line).map(|t| t.to_string());
        assert_eq!(got.as_deref(), *want, "line {line:?}");
    }
}

#[test]
fn impossible_dates_and_ambiguous_orders() {
    assert_eq!(read_date_line("31 February 2022"), DateReading::Impossible);
    assert_eq!(read_date_line("2022-13-01"), DateReading::Impossible);
    assert_eq!(read_date_line("Baku, Azerbaijan"), DateReading::NotADate);
    let order = |s| match read_date_line(s) {
        DateReading::Date { order, .. } => order,
        _ => None,
    };
    assert_eq!(order("03/04/2022"), Some(DayMonthOrder::Ambiguous));
    assert_eq!(order("13/04/2022"), Some(DayMonthOrder::DayFirst));
    assert_eq!(order("04/13/2022"), Some(DayMonthOrder::MonthFirst));
    assert_eq!(order("7 December 2022"), None);
    assert_eq!(month_number("martial"), None);
    assert_eq!(month_number("Mayor"), None);
    assert_eq!(month_number("noyabrın"), Some(11));
    assert_eq!(month_number("мая"), Some(5));
    assert_eq!(month_number("Февраль"), Some(2));
}

#[test]
fn human_form() {
    let t = parse_date_line("7 December 2022 14:29 (UTC+04:00)").map(|t| t.human());
    assert_eq!(t.as_deref(), Some("7 December 2022, 14:29 UTC+04:00"));
    let t = parse_date_line("2022-12-12").map(|t| t.human());
    assert_eq!(t.as_deref(), Some("12 December 2022"));
}

#[test]
fn dates_in_phrases_take_the_year_from_the_reference() {
    let cases: &[(&str, NaiveDate, &str)] = &[
        (
            "first version posted on February 28, 20:05",
            d(2023, 3, 1),
            "2023-02-28T20:05:00",
        ),
        ("posted on December 28", d(2023, 1, 3), "2022-12-28"),
        ("posted on 3 January", d(2023, 1, 3), "2023-01-03"),
    ];
    for (text, reference, want) in cases {
        let got = parse_date_in(text, Some(*reference)).map(|t| t.to_string());
        assert_eq!(got.as_deref(), Some(*want), "text {text:?}");
    }
}

/// Date lines in each language of the header lexicon, with a time before or after and a weekday
/// where newsrooms print one; `None` where the line is not only a date.
#[test]
fn date_lines_in_every_language() {
    let cases: &[(&str, &str, Option<&str>)] = &[
        ("ru", "17:10, 28 Февраль, 2017", Some("2017-02-28T17:10:00")),
        ("ru", "28 ФЕВРАЛЯ 2017", Some("2017-02-28")),
        ("ru", "вторник, 28 февраля 2017", Some("2017-02-28")),
        (
            "ru",
            "вторник, 28 февраля 2017, 17:10 МСК",
            Some("2017-02-28T17:10:00+03:00"),
        ),
        ("ru", "17:10 28 февр. 2017 г.", Some("2017-02-28T17:10:00")),
        ("ru", "5 сент. 2016", Some("2016-09-05")),
        (
            "ru",
            "1 дек. 2020 года в 10:15",
            Some("2020-12-01T10:15:00"),
        ),
        ("ru", "3 мая 2021", Some("2021-05-03")),
        ("ru", "в феврале 2017 года", None),
        ("ru", "Министры встретились 28 февраля 2017", None),
        ("uk", "Вівторок, 28 лютого 2017", Some("2017-02-28")),
        ("uk", "28 лютого 2017 о 17:10", Some("2017-02-28T17:10:00")),
        ("uk", "1 січня 2018 р.", Some("2018-01-01")),
        (
            "uk",
            "15 листопада 2019, 08:00",
            Some("2019-11-15T08:00:00"),
        ),
        ("uk", "12 трав. 2021", Some("2021-05-12")),
        ("uk", "п’ятниця, 3 березня 2017", Some("2017-03-03")),
        ("uk", "1 ВЕРЕСНЯ 2020", Some("2020-09-01")),
        ("az", "28 fevral 2017, çərşənbə axşamı", Some("2017-02-28")),
        (
            "az",
            "28 fevral 2017, saat 17:10",
            Some("2017-02-28T17:10:00"),
        ),
        ("az", "2017-ci il 28 fevral", Some("2017-02-28")),
        ("az", "15 dekabrda 2022", Some("2022-12-15")),
        ("az", "bazar ertəsi, 27 fevral 2017", Some("2017-02-27")),
        ("tr", "Salı, 28 Şubat 2017", Some("2017-02-28")),
        ("tr", "28 ŞUBAT 2017 17:10", Some("2017-02-28T17:10:00")),
        (
            "tr",
            "28 şubat 2017 Salı 17:10",
            Some("2017-02-28T17:10:00"),
        ),
        ("tr", "1 NİSAN 2019", Some("2019-04-01")),
        ("tr", "30 Aralık 2020, Çarşamba", Some("2020-12-30")),
        ("tr", "28 Şub 2017", Some("2017-02-28")),
        (
            "tr",
            "12 Kasım 2021 saat 09:30",
            Some("2021-11-12T09:30:00"),
        ),
        ("tr", "28 Şubat 2017'de bakanlar toplandı", None),
        ("hy", "17:19, 28 Փետրվար, 2017", Some("2017-02-28T17:19:00")),
        ("hy", "Երեքշաբթի, 28 Փետրվար 2017", Some("2017-02-28")),
        ("hy", "28 փետրվարի 2017 թ.", Some("2017-02-28")),
        ("hy", "2017 թվականի փետրվարի 28", Some("2017-02-28")),
        ("hy", "ՓԵՏՐՎԱՐԻ 28, 2017", Some("2017-02-28")),
        (
            "hy",
            "Դեկտեմբեր 5, 2022, 10:00",
            Some("2022-12-05T10:00:00"),
        ),
        ("ka", "სამშაბათი, 28 თებერვალი 2017", Some("2017-02-28")),
        (
            "ka",
            "28 თებერვალი, 2017 17:19",
            Some("2017-02-28T17:19:00"),
        ),
        ("ka", "2017 წლის 28 თებერვალი", Some("2017-02-28")),
        ("ka", "28 თებ. 2017", Some("2017-02-28")),
        ("ka", "5 სექტემბერი 2019", Some("2019-09-05")),
        ("de", "Dienstag, 28. Februar 2017", Some("2017-02-28")),
        (
            "de",
            "Dienstag, 28. Februar 2017, um 17:10 Uhr",
            Some("2017-02-28T17:10:00"),
        ),
        (
            "de",
            "17:10 Uhr, Dienstag, 28. Februar 2017",
            Some("2017-02-28T17:10:00"),
        ),
        ("de", "28. Feb. 2017 17.10 Uhr", Some("2017-02-28T17:10:00")),
        (
            "de",
            "Dienstag, den 28. Februar 2017 um 17 Uhr",
            Some("2017-02-28T17:00:00"),
        ),
        ("de", "1. März 2017", Some("2017-03-01")),
        ("de", "1. Maerz 2017", Some("2017-03-01")),
        ("de", "3. Jänner 2018", Some("2018-01-03")),
        ("de", "5. Okt. 2021", Some("2021-10-05")),
        (
            "de",
            "24. Dez. 2020 09:00 MEZ",
            Some("2020-12-24T09:00:00+01:00"),
        ),
        ("de", "Am 28. Februar 2017 trafen sich die Minister", None),
        ("fr", "mardi 28 février 2017", Some("2017-02-28")),
        (
            "fr",
            "mardi 28 février 2017 à 17h10",
            Some("2017-02-28T17:10:00"),
        ),
        (
            "fr",
            "17h10, mardi 28 février 2017",
            Some("2017-02-28T17:10:00"),
        ),
        ("fr", "1er mars 2017", Some("2017-03-01")),
        (
            "fr",
            "Le 28 fevrier 2017 a 17 h 10",
            Some("2017-02-28T17:10:00"),
        ),
        ("fr", "28 févr. 2017", Some("2017-02-28")),
        ("fr", "15 aout 2020, 09h30", Some("2020-08-15T09:30:00")),
        ("fr", "1er juil. 2019 à 8h", Some("2019-07-01T08:00:00")),
        (
            "fr",
            "Le 28 février 2017, les ministres se sont réunis",
            None,
        ),
        ("es", "martes, 28 de febrero de 2017", Some("2017-02-28")),
        (
            "es",
            "martes, 28 de febrero de 2017 a las 17:10",
            Some("2017-02-28T17:10:00"),
        ),
        (
            "es",
            "17:10, martes 28 de febrero de 2017",
            Some("2017-02-28T17:10:00"),
        ),
        (
            "es",
            "28 de febrero de 2017 - 17:10 hs",
            Some("2017-02-28T17:10:00"),
        ),
        ("es", "1 de setiembre de 2019", Some("2019-09-01")),
        ("es", "28 feb. 2017", Some("2017-02-28")),
        ("es", "3 de ago. de 2021", Some("2021-08-03")),
        ("es", "1.º de marzo de 2017", Some("2017-03-01")),
        ("es", "30 de febrero de 2017", None),
        ("en", "In March the ministers met", None),
        ("en", "Mayo Clinic 2017", None),
        ("fr", "Mars 2017", None),
    ];
    for (language, line, want) in cases {
        let got = parse_date_line(line).map(|t| t.to_string());
        assert_eq!(got.as_deref(), *want, "{language}: {line:?}");
    }
    // A day that does not exist is said so, in any language.
    assert_eq!(
        read_date_line("30 de febrero de 2017"),
        DateReading::Impossible
    );
}

#[test]
fn header_months_are_wider_than_body_months() {
    // Header only: in body text these are words ("mars", "Mai", "mayo", "ocak"), so the lookup
    // that `mentions` uses must keep saying no.
    let header_only: &[(&str, u32)] = &[
        ("mars", 3),
        ("Mai", 5),
        ("mayo", 5),
        ("ocak", 1),
        ("Şubat'ta", 2),
        ("ŞUBAT", 2),
        ("Kasım", 11),
        ("KASIM", 11),
        ("лютого", 2),
        ("Січень", 1),
        ("листопада", 11),
        ("февр.", 2),
        ("сент", 9),
        ("феврале", 2),
        ("Փետրվար", 2),
        ("փետրվարի", 2),
        ("հունվարի", 1),
        ("თებერვალი", 2),
        ("თებერვლის", 2),
        ("სექტემბრის", 9),
        ("Jänner", 1),
        ("März", 3),
        ("Dez.", 12),
        ("février", 2),
        ("fevrier", 2),
        ("août", 8),
        ("aout", 8),
        ("déc.", 12),
        ("setiembre", 9),
        ("dic.", 12),
    ];
    for (word, month) in header_only {
        assert_eq!(header_month_number(word), Some(*month), "header: {word}");
    }
    for word in [
        "mars",
        "Mai",
        "mayo",
        "ocak",
        "Şubat",
        "лютого",
        "Փետրվար",
        "février",
    ] {
        assert_eq!(month_number(word), None, "body: {word}");
    }
    // Every form the body lookup knows, the header lookup knows as the same month.
    let shared = [
        "January",
        "feb",
        "Sept",
        "december",
        "мая",
        "май",
        "Февраль",
        "декабря",
        "ноябре",
        "январь",
        "марта",
        "августе",
        "noyabrın",
        "dekabrda",
        "fevral",
        "mart",
        "may",
        "mayda",
        "iyunun",
        "avqustda",
        "aprelin",
    ];
    for word in shared {
        assert!(month_number(word).is_some(), "body: {word}");
        assert_eq!(header_month_number(word), month_number(word), "{word}");
    }
    for word in ["sol", "martial", "Mayor", "", ".", "'", "ta"] {
        assert_eq!(header_month_number(word), None, "header: {word:?}");
        assert_eq!(month_number(word), None, "body: {word:?}");
    }
}

#[test]
fn the_weekday_is_read_but_not_used() {
    let cases: &[(&str, Option<Weekday>)] = &[
        ("Dienstag, 28. Februar 2017", Some(Weekday::Tue)),
        ("28 fevral 2017, çərşənbə axşamı", Some(Weekday::Tue)),
        ("çərşənbə, 1 mart 2017", Some(Weekday::Wed)),
        ("bazar ertəsi, 27 fevral 2017", Some(Weekday::Mon)),
        ("bazar, 26 fevral 2017", Some(Weekday::Sun)),
        ("Երեքշաբթի, 28 Փետրվար 2017", Some(Weekday::Tue)),
        ("სამშაბათი, 28 თებერვალი 2017", Some(Weekday::Tue)),
        ("п’ятниця, 3 березня 2017", Some(Weekday::Fri)),
        ("Salı, 28 Şubat 2017", Some(Weekday::Tue)),
        ("martes, 28 de febrero de 2017", Some(Weekday::Tue)),
        ("mardi 28 février 2017", Some(Weekday::Tue)),
        ("вторник, 28 февраля 2017", Some(Weekday::Tue)),
        ("Thu, 01 Apr 1993 20:52:11 -0500", Some(Weekday::Thu)),
        ("28 February 2017", None),
    ];
    for (line, want) in cases {
        assert_eq!(stated_weekday(line), *want, "{line:?}");
    }
    // A wrong weekday does not move the date.
    assert_eq!(
        parse_date_line("Mittwoch, 28. Februar 2017").map(|t| t.to_string()),
        Some("2017-02-28".to_string())
    );
    assert_eq!(weekday_name(Weekday::Wed), "Wednesday");
}

/// Text made from code points: what a file may hold, never what the app writes (the glyph test
/// reads every string literal as text the window shows).
fn from_code_points(points: &[u32]) -> String {
    points.iter().filter_map(|&p| char::from_u32(p)).collect()
}

#[test]
fn odd_unicode_never_panics() {
    // Georgian capitals (Mtavruli) sit 0xBC0 above the Mkhedruli letters.
    let georgian_capitals: String = "თებერვალი"
        .chars()
        .filter_map(|c| char::from_u32(c as u32 + 0x1C90 - 0x10D0))
        .collect();
    let mut hostile = vec![
        // Decomposed "février", "Şubat" and "май": accents as combining marks.
        ("28 fe\u{301}vrier 2017".to_string(), Some("2017-02-28")),
        ("28 S\u{327}ubat 2017".to_string(), Some("2017-02-28")),
        ("Ма\u{438}\u{306} 3, 2021".to_string(), Some("2021-05-03")),
        (format!("28 {georgian_capitals} 2017"), Some("2017-02-28")),
        ("28 Şubat' 2017".to_string(), Some("2017-02-28")),
        ("''''".to_string(), None),
        ("'ta 28 Şubat 2017".to_string(), None),
        ("99999999999999999999999 February 2017".to_string(), None),
        ("99:99, 28 February 2017".to_string(), Some("2017-02-28")),
        ("28 February 2017 99h99".to_string(), None),
        ("17h".to_string(), None),
        ("17.".to_string(), None),
        ("\u{301}\u{301}\u{301}".repeat(400), None),
        (format!("28 {} 2017", "თ".repeat(100_000)), None),
        (format!("28 February {}", "2017 ".repeat(10_000)), None),
        ("28\u{0}February\u{0}2017".to_string(), Some("2017-02-28")),
    ];
    // Right-to-left marks and overrides, Arabic and Hebrew letters, an emoji.
    hostile.push((
        from_code_points(&[0x200F, 0x32, 0x38, 0x20, 0x202E, 0x645, 0x627, 0x631, 0x633]),
        None,
    ));
    hostile.push((
        from_code_points(&[0x5D0, 0x5D3, 0x5E8, 0x20, 0x32, 0x38, 0x20, 0x1F600]),
        None,
    ));
    hostile.push((
        format!(
            "{}28 February 2017{}",
            from_code_points(&[0x202B]),
            from_code_points(&[0x202C])
        ),
        Some("2017-02-28"),
    ));
    for (text, want) in &hostile {
        let got = parse_date_line(text).map(|t| t.to_string());
        let shown: String = text.chars().take(40).collect();
        assert_eq!(got.as_deref(), *want, "{shown:?}");
        // The other readers take the same text without panicking.
        let _ = read_date_value(text);
        let _ = parse_date_in(text, Some(d(2017, 3, 1)));
        let _ = stated_weekday(text);
        for word in text.split_whitespace().take(50) {
            let _ = header_month_number(word);
            let _ = month_number(word);
        }
    }
}
