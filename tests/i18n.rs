//! The reader's language, natively: www/strings.js and www/locale/*.js are exactly what
//! src/text/i18n.rs makes
//! (UPDATE_STRINGS=1 or `make strings` rewrites it); `render --locale de` and `ru` match their
//! goldens (UPDATE_GOLDEN=1 rewrites them; the browser's toSVG() must match them too, see
//! tests/browser/languages.test.mjs); the German summary holds no English word of the widget's.

use hashrate_outage_chart::explain::summary::summary;
use hashrate_outage_chart::layout::presentation::Presentation;
use hashrate_outage_chart::parse_spec;
use hashrate_outage_chart::render::render_svg_with;
use hashrate_outage_chart::text::i18n::{
    english, language_module, page_strings_module, Lang, Locale,
};
use std::path::PathBuf;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn www_strings_js_is_generated_from_the_tables() {
    let path = root().join("www/strings.js");
    let made = page_strings_module();
    if std::env::var("UPDATE_STRINGS").as_deref() == Ok("1") {
        std::fs::write(&path, &made).expect("write www/strings.js");
    }
    let file = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        file == made,
        "www/strings.js differs from src/text/i18n.rs: run `make strings`"
    );
    // Each other language's words for the core, loaded by a page in that language.
    for lang in Lang::ALL {
        let path = root().join(format!("www/locale/{}.js", lang.code()));
        let Some(made) = language_module(lang) else {
            assert!(!path.exists(), "English is built in: no {}", path.display());
            continue;
        };
        if std::env::var("UPDATE_STRINGS").as_deref() == Ok("1") {
            std::fs::create_dir_all(root().join("www/locale")).expect("www/locale");
            std::fs::write(&path, &made).expect("write a language module");
        }
        let file = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            file == made,
            "{} differs from src/text/i18n.rs: run `make strings`",
            path.display()
        );
    }
}

/// The demo's real story, rendered in `lang` at 800 × 450.
fn story_in(lang: Lang) -> String {
    let text = std::fs::read_to_string(root().join("www/data/kazakhstan-2022.json")).unwrap();
    let spec = parse_spec(&text).unwrap();
    let presentation = Presentation {
        locale: Locale::of(lang),
        ..Presentation::default()
    };
    render_svg_with(&spec, 800, 450, None, &presentation).unwrap()
}

#[test]
fn german_and_russian_goldens() {
    let mut failures = Vec::new();
    for (lang, name) in [(Lang::De, "locale_de"), (Lang::Ru, "locale_ru")] {
        let svg = story_in(lang);
        let path = root().join(format!("tests/golden/{name}.svg"));
        if std::env::var("UPDATE_GOLDEN").as_deref() == Ok("1") {
            std::fs::write(&path, &svg).unwrap();
        }
        let golden = std::fs::read_to_string(&path).unwrap_or_default();
        if golden != svg {
            failures.push(format!("{name}: differs from {}", path.display()));
        }
    }
    assert!(
        failures.is_empty(),
        "{failures:?} (UPDATE_GOLDEN=1 after a reviewed change)"
    );
}

#[test]
fn the_goldens_speak_their_language() {
    let de = story_in(Lang::De);
    for words in [
        "im Rahmen der üblichen Schwankung von Tag zu Tag",
        "plausible Spanne",
        "Dez. 2021",
        "Jan. 2022",
        // What a "within normal variation" verdict could have seen, and the chance note.
        "; ein Verlust unter etwa 14\u{a0}% wäre nicht zu sehen",
        "Hinweis: Bei 3 gemessenen Ausfällen zeigt allein der Zufall in 14\u{a0}% der Fälle",
    ] {
        assert!(de.contains(words), "German chart lacks {words:?}");
    }
    let en = story_in(Lang::En);
    for words in [
        "within normal day-to-day variation (plausible range",
        "; a loss under about 14% would not show",
        "Note: with 3 outages measured, chance alone would show at least one as a possible rise or drop 14% of the time.",
    ] {
        assert!(en.contains(words), "English chart lacks {words:?}");
    }
    let ru = story_in(Lang::Ru);
    for words in [
        "в пределах обычных суточных колебаний",
        "правдоподобный диапазон",
        "янв. 2022\u{a0}г.",
    ] {
        assert!(ru.contains(words), "Russian chart lacks {words:?}");
    }
    for svg in [&de, &ru] {
        for english in ["plausible range", "within normal", "Outage", "Expected if"] {
            assert!(!svg.contains(english), "{english:?} left in English");
        }
    }
}

#[test]
fn the_german_summary_has_no_english_word_of_the_widget() {
    let text = std::fs::read_to_string(root().join("www/data/kazakhstan-2022.json")).unwrap();
    let spec = parse_spec(&text).unwrap();
    let de = summary(&spec, &Locale::of(Lang::De));
    let en = summary(&spec, english());
    // Every word the widget writes in English (not the spec's own title, labels and source).
    let spec_words: String = [
        spec.title.clone().unwrap_or_default(),
        spec.subtitle.clone().unwrap_or_default(),
        spec.source.clone().unwrap_or_default(),
    ]
    .into_iter()
    .chain(spec.series.iter().map(|s| s.label.clone()))
    .chain(spec.outages.iter().filter_map(|o| o.label.clone()))
    .chain(spec.annotations.iter().map(|a| a.text.clone()))
    .collect::<Vec<_>>()
    .join(" ");
    let widget_words: Vec<&str> = en
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| w.len() > 2 && !spec_words.contains(w))
        .collect();
    assert!(widget_words.contains(&"within"), "{en}");
    // Words German shares with English ("plausible", "Feb") are German here: they are in the
    // German table or its month names.
    let german = Locale::of(Lang::De);
    let vocabulary: String = hashrate_outage_chart::text::i18n::keys()
        .map(|k| german.text(k).to_string())
        .chain(german.months_short.iter().cloned())
        .collect::<Vec<_>>()
        .join(" ");
    let leftover: Vec<&&str> = widget_words
        .iter()
        .filter(|w| de.split(|c: char| !c.is_alphabetic()).any(|d| d == **w))
        .filter(|w| {
            !vocabulary
                .split(|c: char| !c.is_alphabetic())
                .any(|v| v == **w)
        })
        .collect();
    assert!(
        leftover.is_empty(),
        "English words in the German summary: {leftover:?}\n{de}"
    );
    assert!(de.starts_with("Diagramm: "), "{de}");
    assert!(de.contains("Zeitachse"), "{de}");
}
