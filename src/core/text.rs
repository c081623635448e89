//! Small text helpers shared by the window and the command line.

/// `text` on one line (runs of white space, line breaks included, become one space), cut to
/// `max_chars` characters with an ellipsis when it is longer: for quotes in lists and tooltips.
pub fn one_line(text: &str, max_chars: usize) -> String {
    let mut out = String::with_capacity(text.len().min(max_chars * 4 + 4));
    let mut chars = 0;
    for word in text.split_whitespace() {
        let space = usize::from(chars > 0);
        let len = word.chars().count();
        if chars + space + len > max_chars {
            // Part of the word when there is room for a space and a letter of it.
            if space == 0 || chars + 1 < max_chars {
                if space == 1 {
                    out.push(' ');
                    chars += 1;
                }
                out.extend(word.chars().take(max_chars - chars));
            }
            // Never end on a space before the ellipsis.
            let trimmed = out.trim_end().len();
            out.truncate(trimmed);
            out.push('…');
            return out;
        }
        if space == 1 {
            out.push(' ');
        }
        out.push_str(word);
        chars += space + len;
    }
    out
}

/// "1 article", "3 articles".
pub fn counted(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

#[cfg(test)]
mod tests {
    use super::one_line;

    #[test]
    fn quotes_on_one_line() {
        let cases = [
            ("short", 10, "short"),
            ("  two\n\nlines\t here ", 40, "two lines here"),
            ("exactly ten", 11, "exactly ten"),
            ("one two three", 7, "one two…"),
            ("one two three", 8, "one two…"),
            ("one two three", 9, "one two t…"),
            ("Xankəndi–Laçın yolu", 8, "Xankəndi…"),
            ("Արցախ Ստեփանակերտ", 7, "Արցախ Ս…"),
            ("", 5, ""),
            ("word", 0, "…"),
        ];
        for (text, max, want) in cases {
            assert_eq!(one_line(text, max), want, "{text:?} {max}");
        }
    }
}
