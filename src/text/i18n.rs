//! The reader's language: every word the widget itself writes, in one table per language
//! (English, German, French, Spanish, Russian, Simplified Chinese), with English for any
//! string a table lacks and embedder overrides over both; and how each language writes dates
//! (month abbreviations, day–month–year order) and numbers (separators, the percent sign).
//! The chart's own texts (axes, labels, notes, the spoken summary) are made here in the core;
//! the page's (button, table, tooltip, live region, loading and error boxes) are handed to the
//! web shell through www/strings.js, generated from the same tables (`page_strings_module`).
//!
//! The web build carries the English table only: a page showing a chart in another language
//! loads that language's module (www/locale/de.js, ..., generated from these tables by
//! `language_module`) and hands its words, months and separators to the core with the locale
//! (`presentation::parse_locale`), so English pages do not download five languages' words.
//!
//! Kazakh is not included: no reviewed source for its interface terms was at hand.

use std::sync::LazyLock;

/// A language with a translation table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    En,
    De,
    Fr,
    Es,
    Ru,
    Zh,
}

impl Lang {
    pub const ALL: [Lang; 6] = [Lang::En, Lang::De, Lang::Fr, Lang::Es, Lang::Ru, Lang::Zh];

    /// The BCP 47 primary tag.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::De => "de",
            Lang::Fr => "fr",
            Lang::Es => "es",
            Lang::Ru => "ru",
            Lang::Zh => "zh",
        }
    }

    /// The language of a BCP 47 tag ("de-DE", "zh-Hans-CN"), if it has a table. Traditional
    /// Chinese (zh-Hant, zh-TW, zh-HK, zh-MO) has none: it gets English words, not Simplified.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let lower = tag.trim().to_ascii_lowercase().replace('_', "-");
        let mut parts = lower.split('-');
        let primary = parts.next().unwrap_or_default();
        let lang = Lang::ALL.into_iter().find(|l| l.code() == primary)?;
        if lang == Lang::Zh
            && lower
                .split('-')
                .skip(1)
                .any(|p| matches!(p, "hant" | "tw" | "hk" | "mo"))
        {
            return None;
        }
        Some(lang)
    }

    /// The translation table: (key, text) pairs. `{name}` marks a value filled in; keys ending
    /// in `.one`, `.few`, `.many` and `.other` are the plural forms of a count.
    pub fn table(self) -> &'static [(&'static str, &'static str)] {
        match self {
            Lang::En => EN,
            #[cfg(not(target_arch = "wasm32"))]
            Lang::De => DE,
            #[cfg(not(target_arch = "wasm32"))]
            Lang::Fr => FR,
            #[cfg(not(target_arch = "wasm32"))]
            Lang::Es => ES,
            #[cfg(not(target_arch = "wasm32"))]
            Lang::Ru => RU,
            #[cfg(not(target_arch = "wasm32"))]
            Lang::Zh => ZH,
            // The web build: the page brings these words (www/locale/*.js).
            #[cfg(target_arch = "wasm32")]
            _ => &[],
        }
    }

    /// The CLDR plural category of a whole number in this language.
    pub fn plural(self, n: u64) -> &'static str {
        match self {
            Lang::En | Lang::De | Lang::Es => {
                if n == 1 {
                    "one"
                } else {
                    "other"
                }
            }
            Lang::Fr => {
                if n <= 1 {
                    "one"
                } else {
                    "other"
                }
            }
            Lang::Ru => {
                let (ten, hundred) = (n % 10, n % 100);
                if ten == 1 && hundred != 11 {
                    "one"
                } else if (2..=4).contains(&ten) && !(12..=14).contains(&hundred) {
                    "few"
                } else {
                    "many"
                }
            }
            Lang::Zh => "other",
        }
    }

    /// The order of a date's parts.
    pub fn date_order(self) -> DateOrder {
        match self {
            Lang::En | Lang::Fr | Lang::Es => DateOrder::DayMonthYear,
            Lang::De => DateOrder::DotDayMonthYear,
            Lang::Ru => DateOrder::DayMonthYearG,
            Lang::Zh => DateOrder::YearMonthDay,
        }
    }

    /// How the language writes dates, and its number separators (CLDR, as `Intl` gives them).
    fn dates(self) -> DateWords {
        match self {
            // The web build: English until the page's words arrive (www/locale/*.js).
            #[cfg(target_arch = "wasm32")]
            _ => ENGLISH_DATES,
            #[cfg(not(target_arch = "wasm32"))]
            Lang::En => ENGLISH_DATES,
            #[cfg(not(target_arch = "wasm32"))]
            Lang::De => DateWords {
                months: [
                    "Jan.", "Feb.", "März", "Apr.", "Mai", "Juni", "Juli", "Aug.", "Sept.", "Okt.",
                    "Nov.", "Dez.",
                ],
                standalone: None,
                long: [
                    "Januar",
                    "Februar",
                    "März",
                    "April",
                    "Mai",
                    "Juni",
                    "Juli",
                    "August",
                    "September",
                    "Oktober",
                    "November",
                    "Dezember",
                ],
                decimal: ",",
                group: ".",
                percent_space: true,
            },
            #[cfg(not(target_arch = "wasm32"))]
            Lang::Fr => DateWords {
                months: [
                    "janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.",
                    "oct.", "nov.", "déc.",
                ],
                standalone: None,
                long: [
                    "janvier",
                    "février",
                    "mars",
                    "avril",
                    "mai",
                    "juin",
                    "juillet",
                    "août",
                    "septembre",
                    "octobre",
                    "novembre",
                    "décembre",
                ],
                decimal: ",",
                group: "\u{202f}",
                percent_space: true,
            },
            #[cfg(not(target_arch = "wasm32"))]
            Lang::Es => DateWords {
                months: [
                    "ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sept", "oct", "nov",
                    "dic",
                ],
                standalone: None,
                long: [
                    "enero",
                    "febrero",
                    "marzo",
                    "abril",
                    "mayo",
                    "junio",
                    "julio",
                    "agosto",
                    "septiembre",
                    "octubre",
                    "noviembre",
                    "diciembre",
                ],
                decimal: ",",
                group: ".",
                percent_space: true,
            },
            #[cfg(not(target_arch = "wasm32"))]
            Lang::Ru => DateWords {
                // In a date the genitive ("5 мая"); alone or with the year the nominative.
                months: [
                    "янв.",
                    "февр.",
                    "мар.",
                    "апр.",
                    "мая",
                    "июн.",
                    "июл.",
                    "авг.",
                    "сент.",
                    "окт.",
                    "нояб.",
                    "дек.",
                ],
                standalone: Some([
                    "янв.",
                    "февр.",
                    "март",
                    "апр.",
                    "май",
                    "июнь",
                    "июль",
                    "авг.",
                    "сент.",
                    "окт.",
                    "нояб.",
                    "дек.",
                ]),
                long: [
                    "январь",
                    "февраль",
                    "март",
                    "апрель",
                    "май",
                    "июнь",
                    "июль",
                    "август",
                    "сентябрь",
                    "октябрь",
                    "ноябрь",
                    "декабрь",
                ],
                decimal: ",",
                group: "\u{a0}",
                percent_space: true,
            },
            #[cfg(not(target_arch = "wasm32"))]
            Lang::Zh => DateWords {
                months: [
                    "1月", "2月", "3月", "4月", "5月", "6月", "7月", "8月", "9月", "10月", "11月",
                    "12月",
                ],
                standalone: None,
                long: [
                    "一月",
                    "二月",
                    "三月",
                    "四月",
                    "五月",
                    "六月",
                    "七月",
                    "八月",
                    "九月",
                    "十月",
                    "十一月",
                    "十二月",
                ],
                decimal: ".",
                group: ",",
                percent_space: false,
            },
        }
    }
}

const ENGLISH_DATES: DateWords = DateWords {
    months: ENGLISH_MONTHS,
    standalone: None,
    long: ENGLISH_MONTHS_LONG,
    decimal: ".",
    group: ",",
    percent_space: false,
};

pub const ENGLISH_MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];
pub const ENGLISH_MONTHS_LONG: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The order of a date's parts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateOrder {
    /// "5 Jan 2022", "5 Jan", "Jan 2022" (English, French, Spanish).
    DayMonthYear,
    /// "5. Jan. 2022", "5. Jan.", "Jan. 2022" (German).
    DotDayMonthYear,
    /// "5 янв. 2022 г.", "5 янв.", "янв. 2022 г." (Russian).
    DayMonthYearG,
    /// "2022年1月5日", "1月5日", "2022年1月" (Chinese).
    YearMonthDay,
}

struct DateWords {
    months: [&'static str; 12],
    /// Where a month alone or with the year is written otherwise than in a date (Russian).
    standalone: Option<[&'static str; 12]>,
    long: [&'static str; 12],
    decimal: &'static str,
    group: &'static str,
    percent_space: bool,
}

/// The reader's language and how dates and numbers are written for them.
#[derive(Debug, Clone, PartialEq)]
pub struct Locale {
    /// Whose words; `None`: a language without a table (English words).
    pub lang: Option<Lang>,
    /// Month abbreviations inside a date ("5 Jan 2022"), alone or with the year, and in full.
    pub months_short: [String; 12],
    pub months_standalone: [String; 12],
    pub months_long: [String; 12],
    pub order: DateOrder,
    pub decimal: String,
    pub group: String,
    /// Whether the percent sign stands apart from the number ("−1,3 %" in German): a no-break
    /// space goes before it. English (AP/Chicago) writes "−1.3%".
    pub percent_space: bool,
    /// The language's words as the page gave them (the web build carries the English table
    /// only; www/locale/*.js bring the others), over the table's.
    pub words: Vec<(String, String)>,
    /// The embedder's own texts by key, over the language's.
    pub overrides: Vec<(String, String)>,
}

impl Default for Locale {
    fn default() -> Self {
        Locale::of(Lang::En)
    }
}

static ENGLISH: LazyLock<Locale> = LazyLock::new(Locale::default);

/// The English locale, made once (for messages and the native defaults).
pub fn english() -> &'static Locale {
    &ENGLISH
}

impl Locale {
    /// A language's words, dates and numbers from its table.
    pub fn of(lang: Lang) -> Locale {
        let d = lang.dates();
        Locale {
            lang: Some(lang),
            months_short: d.months.map(String::from),
            months_standalone: d.standalone.unwrap_or(d.months).map(String::from),
            months_long: d.long.map(String::from),
            order: lang.date_order(),
            decimal: d.decimal.into(),
            group: d.group.into(),
            percent_space: d.percent_space,
            words: Vec::new(),
            overrides: Vec::new(),
        }
    }

    /// The locale of a BCP 47 tag: its language's table, or English words with the dates and
    /// numbers the page gives (see `presentation::parse_locale`).
    pub fn for_tag(tag: &str) -> Locale {
        match Lang::from_tag(tag) {
            Some(lang) => Locale::of(lang),
            None => Locale {
                lang: None,
                ..Locale::default()
            },
        }
    }

    fn is_english_default(&self) -> bool {
        self.decimal == "." && self.group == "," && !self.percent_space
    }

    /// The text for `key`: the embedder's, else the language's, else English, else the key.
    pub fn text<'a>(&'a self, key: &'a str) -> &'a str {
        if let Some((_, text)) = self
            .overrides
            .iter()
            .chain(&self.words)
            .find(|(k, _)| k == key)
        {
            return text;
        }
        let find = |table: &'static [(&'static str, &'static str)]| {
            table.iter().find(|(k, _)| *k == key).map(|(_, t)| *t)
        };
        self.lang
            .and_then(|l| find(l.table()))
            .or_else(|| find(EN))
            .unwrap_or(key)
    }

    /// The text for `key` with each `{name}` replaced by its value.
    pub fn fill(&self, key: &str, values: &[(&str, &str)]) -> String {
        fill(self.text(key), values)
    }

    /// A count in words: `key`'s plural form for `n` ("{n} days"), `{n}` filled in.
    pub fn count(&self, key: &str, n: u64) -> String {
        let category = self.lang.unwrap_or(Lang::En).plural(n);
        let mut form = format!("{key}.{category}");
        let has = |k: &str| {
            self.overrides
                .iter()
                .chain(&self.words)
                .any(|(o, _)| o == k)
                || self
                    .lang
                    .unwrap_or(Lang::En)
                    .table()
                    .iter()
                    .any(|(t, _)| *t == k)
        };
        if !has(&form) {
            form = format!("{key}.other");
        }
        let n = n.to_string();
        self.fill(&form, &[("n", &n)])
    }

    /// A number formatted with "." and "," (and "%" set close) in the locale's style; applied
    /// to one formatted number, never to a sentence.
    pub fn number(&self, text: &str) -> String {
        if self.is_english_default() {
            return text.to_string();
        }
        let mut out = String::with_capacity(text.len() + 4);
        let mut previous = ' ';
        for c in text.chars() {
            match c {
                '.' => out.push_str(&self.decimal),
                ',' => out.push_str(&self.group),
                '%' if self.percent_space && !previous.is_whitespace() => out.push_str("\u{a0}%"),
                other => out.push(other),
            }
            previous = c;
        }
        out
    }

    fn month(&self, month: u32) -> &str {
        self.months_short
            .get(month.wrapping_sub(1) as usize)
            .map_or("", String::as_str)
    }

    fn month_alone(&self, month: u32) -> &str {
        self.months_standalone
            .get(month.wrapping_sub(1) as usize)
            .map_or("", String::as_str)
    }

    /// "5 Jan 2022", "5. Jan. 2022", "5 янв. 2022 г.", "2022年1月5日".
    pub fn day_month_year(&self, day: u32, month: u32, year: i32) -> String {
        match self.order {
            DateOrder::DayMonthYear => format!("{day} {} {year}", self.month(month)),
            DateOrder::DotDayMonthYear => format!("{day}. {} {year}", self.month(month)),
            DateOrder::DayMonthYearG => format!("{day} {} {year}\u{a0}г.", self.month(month)),
            DateOrder::YearMonthDay => format!("{year}年{}{day}日", self.month(month)),
        }
    }

    /// "5 Jan", "5. Jan.", "5 янв.", "1月5日".
    pub fn day_month(&self, day: u32, month: u32) -> String {
        match self.order {
            DateOrder::DayMonthYear | DateOrder::DayMonthYearG => {
                format!("{day} {}", self.month(month))
            }
            DateOrder::DotDayMonthYear => format!("{day}. {}", self.month(month)),
            DateOrder::YearMonthDay => format!("{}{day}日", self.month(month)),
        }
    }

    /// "Jan 2022", "Jan. 2022", "янв. 2022 г.", "2022年1月".
    pub fn month_year(&self, month: u32, year: i32) -> String {
        match self.order {
            DateOrder::DayMonthYear | DateOrder::DotDayMonthYear => {
                format!("{} {year}", self.month_alone(month))
            }
            DateOrder::DayMonthYearG => format!("{} {year}\u{a0}г.", self.month_alone(month)),
            DateOrder::YearMonthDay => format!("{year}年{}", self.month_alone(month)),
        }
    }

    /// A month on its own: "Jan", "Jan.", "янв.", "1月".
    pub fn month_name(&self, month: u32) -> String {
        self.month_alone(month).to_string()
    }

    /// A day of the month on its own, as on a day tick: "5", "5.", "5日".
    pub fn day(&self, day: u32) -> String {
        match self.order {
            DateOrder::DotDayMonthYear => format!("{day}."),
            DateOrder::YearMonthDay => format!("{day}日"),
            _ => day.to_string(),
        }
    }

    /// A range of days in one month: "4–11 Jan 2022", "4.–11. Jan. 2022", "2022年1月4日至11日".
    pub fn day_range(&self, from: u32, to: u32, month: u32, year: i32) -> String {
        match self.order {
            DateOrder::YearMonthDay => format!("{year}年{}{from}日–{to}日", self.month(month)),
            DateOrder::DotDayMonthYear => {
                format!("{from}.–{}", self.day_month_year(to, month, year))
            }
            _ => format!("{from}–{}", self.day_month_year(to, month, year)),
        }
    }

    /// A range of days across months in one year: "30 Dec – 2 Jan" style, with the year once.
    pub fn day_month_range(&self, (d1, m1): (u32, u32), (d2, m2): (u32, u32), year: i32) -> String {
        match self.order {
            DateOrder::YearMonthDay => {
                format!("{year}年{}{d1}日–{}{d2}日", self.month(m1), self.month(m2))
            }
            _ => format!(
                "{} – {}",
                self.day_month(d1, m1),
                self.day_month_year(d2, m2, year)
            ),
        }
    }
}

/// `template` with each `{name}` replaced by its value (unknown names are left as they are).
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                let name = &after[..close];
                match values.iter().find(|(n, _)| *n == name) {
                    Some((_, value)) => out.push_str(value),
                    None => {
                        out.push('{');
                        out.push_str(name);
                        out.push('}');
                    }
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// Every key the widget uses (the English table's), for completeness checks and overrides.
pub fn keys() -> impl Iterator<Item = &'static str> {
    EN.iter().map(|(k, _)| *k)
}

/// Whether `key` names a text: an English key, or a plural form (`.one`, `.few`, `.many`,
/// `.other`) of one of its counts.
pub fn is_key(key: &str) -> bool {
    keys().any(|k| k == key)
        || key.rsplit_once('.').is_some_and(|(base, form)| {
            matches!(form, "one" | "few" | "many" | "other")
                && keys().any(|k| k.strip_suffix(".other") == Some(base))
        })
}

/// www/strings.js, the page's texts as an ES module: generated from these tables (a test keeps
/// the file equal to this; `make strings` rewrites it). English in full; of the other languages
/// only what the element shows before a language's words (www/locale/*.js, which hold the rest
/// of the page's texts too) can have arrived: "loading", the error title, the fallback image's
/// alt text and the row under it. A chart is drawn after its words arrive, so its button,
/// table and keyboard help come from them; carrying them here as well cost 1 KB gzip.
pub fn page_strings_module() -> String {
    let mut out = String::from(
        "// Generated from src/text/i18n.rs by `make strings` (tests/i18n.rs checks it): do not edit.\n\
         // The page's own texts: English in full; of the other languages what shows before their\n\
         // words (www/locale/*.js) arrive. The chart's texts are made in the wasm core.\n\
         export const STRINGS = {\n",
    );
    for lang in Lang::ALL {
        let locale = Locale::of(lang);
        out.push_str(&format!("  {}: {{\n", lang.code()));
        let keys = if lang == Lang::En {
            PAGE_KEYS
        } else {
            EARLY_PAGE_KEYS
        };
        for key in keys {
            let text = crate::text::json::quote(locale.text(key));
            out.push_str(&format!("    '{key}': {text},\n"));
        }
        out.push_str("  },\n");
    }
    out.push_str("};\n");
    out
}

/// www/locale/<code>.js: a language's words, months and number separators as an ES module
/// (JSON inside), which a page loads before it shows a chart in that language and hands to the
/// core with the locale; generated from these tables (tests/i18n.rs keeps the files equal to
/// this; `make strings` rewrites them). None for English, which the web build carries.
#[cfg(not(target_arch = "wasm32"))]
pub fn language_module(lang: Lang) -> Option<String> {
    use crate::text::json::quote;
    if lang == Lang::En {
        return None;
    }
    let names = |months: &[String; 12]| {
        let quoted: Vec<String> = months.iter().map(|m| quote(m)).collect();
        format!("[{}]", quoted.join(", "))
    };
    let locale = Locale::of(lang);
    let mut out = format!(
        "// Generated from src/text/i18n.rs by `make strings` (tests/i18n.rs checks it): do not edit.\n\
         // The chart's words in this language ({}), its months and number separators: a page\n\
         // loads this before it shows a chart in the language (the chart module carries English only).\n\
         export default {{\n  \"words\": {{\n",
        lang.code()
    );
    let table = lang.table();
    for (i, (key, text)) in table.iter().enumerate() {
        let comma = if i + 1 < table.len() { "," } else { "" };
        out.push_str(&format!("    {}: {}{comma}\n", quote(key), quote(text)));
    }
    out.push_str(&format!(
        "  }},\n  \"monthsShort\": {},\n  \"monthsStandalone\": {},\n  \"monthsLong\": {},\n  \"decimal\": {},\n  \"group\": {},\n  \"percentSpace\": {}\n}};\n",
        names(&locale.months_short),
        names(&locale.months_standalone),
        names(&locale.months_long),
        quote(&locale.decimal),
        quote(&locale.group),
        locale.percent_space
    ));
    Some(out)
}

/// The page's texts shown before a language's words can have arrived: www/strings.js carries
/// them in every language (the rest in English only). "table.show" is on the hidden row under
/// the element's fallback image, which keeps the chart's height (a longer label wraps).
pub const EARLY_PAGE_KEYS: &[&str] = &[
    "loading",
    "error.title",
    "alt.chart",
    "alt.titled",
    "table.show",
];

/// The keys of the page's own texts (the web shell's), written to www/strings.js.
pub const PAGE_KEYS: &[&str] = &[
    "table.show",
    "table.hide",
    "download.menu",
    "download.png",
    "download.svg",
    "download.csv",
    "table.caption",
    "table.dailyMeans",
    "table.monthlyMeans",
    "table.date",
    "table.dateTime",
    "table.month",
    "table.outage",
    "keys.help",
    "live.inside",
    "list.and",
    "readout.noData",
    "loading",
    "error.title",
    "alt.chart",
    "alt.titled",
];

// The tables. English is the reference: every other table has each of its keys (a test lists
// any missing), with the plural forms its language uses.

const EN: &[(&str, &str)] = &[
    ("table.show", "Show data table"),
    ("table.hide", "Hide data table"),
    ("download.menu", "Download"),
    ("download.png", "PNG image"),
    ("download.svg", "SVG image"),
    ("download.csv", "Data (CSV)"),
    ("table.caption", "Chart data"),
    ("table.dailyMeans", "daily means"),
    ("table.monthlyMeans", "monthly means"),
    ("table.date", "Date"),
    ("table.dateTime", "Date and time"),
    ("table.month", "Month"),
    ("table.outage", "Outage"),
    ("keys.help", "Use the left and right arrow keys to read the values point by point, Home and End for the ends, Page Up and Page Down for larger steps, Escape to hide."),
    ("live.inside", "; inside {outages}"),
    ("readout.noData", "no data"),
    ("list.and", " and "),
    ("loading", "Loading chart…"),
    ("error.title", "This chart could not be shown."),
    ("alt.chart", "Chart"),
    ("alt.titled", "Chart: {title}"),
    ("explain.impact", "How to read it: each change is the hash rate during the outage against the level the days before and after it predict; the plausible range holds the true change with 95% confidence."),
    ("outage", "Outage"),
    ("outage.region", "Outage ({region})"),
    ("outage.ongoing", " (ongoing)"),
    ("axis.log", "Log scale"),
    ("axis.unitLog", "{unit}, log scale"),
    ("note.noValues", "No values to show: every value is null"),
    ("legend.expected", "Expected if {share} had gone dark (shaded: {range} range)"),
    ("expected.label", "Expected if {share} had gone dark"),
    ("expected.low", "{range} range, from"),
    ("expected.high", "{range} range, to"),
    ("expected.readout", "{range} range {low} to {high}"),
    ("summary.expected", "; had {share} gone dark, it would have shown about {expected} on {date} ({range} range {low} to {high}), and it showed {actual}"),
    ("legend.rolling", "{days}-day {align} average{side}"),
    ("legend.left", " (left)"),
    ("legend.right", " (right)"),
    ("rolling.centred", "centred"),
    ("rolling.trailing", "trailing"),
    ("note.rolling", "Note: a {days}-day {align} average spreads the “{label}” ({duration}) over {days} days, diluting its effect to about {dilution} of its size"),
    ("note.rollingLoss", ": a {loss} loss would show as at most {shown}"),
    ("note.end", "."),
    ("footer.source", "Source: {sources}"),
    ("footer.sources", "Sources: {sources}"),
    ("footer.sha", "Data SHA-256 {digest}…"),
    ("stamp", "{date}, {time} {zone}"),
    ("footer.updated", "Updated {when}"),
    ("updated.days.one", "Updated: {n} new day"),
    ("updated.days.other", "Updated: {n} new days"),
    ("updated.points.one", "Updated: {n} new data point"),
    ("updated.points.other", "Updated: {n} new data points"),
    ("updated.same", "Chart updated"),
    ("updated.failed", "Last updated {time}; the latest update failed"),
    ("verdict.within", "within normal day-to-day variation"),
    ("verdict.clearDrop", "a clear drop"),
    ("verdict.clearRise", "a clear rise"),
    ("verdict.possibleDrop", "a possible drop"),
    ("verdict.possibleRise", "a possible rise"),
    ("impact.plain", "{change}: {verdict} (plausible range {low} to {high})"),
    ("impact.plainList", "{change}, {verdict} (plausible range {low} to {high})"),
    ("band.key", "{label}: {verdict}"),
    ("impact.shortBaseline", "; only {days} before it to compare with"),
    ("impact.detectable", "; a loss under about {loss} would not show"),
    ("impact.undetectable", "; even a total loss might not show"),
    ("note.chance", "Note: with {count}, chance alone would show at least one as a possible rise or drop {odds} of the time"),
    ("baseline.trendBoth", "the trend through the {before} before and the {after} after"),
    ("baseline.trendBefore", "the trend of the {before} before"),
    ("baseline.before", "the {before} before"),
    ("baseline.notBack", " (the days after did not return to it: {shift})"),
    ("baseline.arrivals", ", counted block by block over its own hours: {found} blocks found, {expected} expected"),
    ("summary.chart", "Chart."),
    ("summary.chartTitled", "Chart: {title}."),
    ("summary.timeAxis", "Time axis {range}, {zone}."),
    ("summary.noValues", "{series}: no values."),
    ("summary.series", "{series}: {count} from {min} to {max}, latest {last} on {date}"),
    ("summary.missing", "; {count}"),
    ("summary.periods", "{count}:"),
    ("summary.outage", "{label}, {period} ({duration})"),
    ("summary.impact", "; {series} during it {during} against {expected} expected from {baseline}: {plain}"),
    ("summary.note", "Note at {date}: {text}."),
    ("summary.source", "Source: {source}"),
    ("summary.end", "."),
    ("date.to", "{from} to {to}"),
    ("duration.about", "about {d}"),
    ("duration.minus", "minus {d}"),
    ("duration.pair", "{a} {b}"),
    ("count.value.one", "{n} value"),
    ("count.value.other", "{n} values"),
    ("count.missing.one", "{n} missing value"),
    ("count.missing.other", "{n} missing values"),
    ("count.period.one", "{n} shaded period"),
    ("count.period.other", "{n} shaded periods"),
    ("count.outage.one", "{n} outage measured"),
    ("count.outage.other", "{n} outages measured"),
    ("unit.millisecond.one", "{n} millisecond"),
    ("unit.millisecond.other", "{n} milliseconds"),
    ("unit.second.one", "{n} second"),
    ("unit.second.other", "{n} seconds"),
    ("unit.minute.one", "{n} minute"),
    ("unit.minute.other", "{n} minutes"),
    ("unit.hour.one", "{n} hour"),
    ("unit.hour.other", "{n} hours"),
    ("unit.day.one", "{n} day"),
    ("unit.day.other", "{n} days"),
    ("unit.month.one", "{n} month"),
    ("unit.month.other", "{n} months"),
    ("unit.year.one", "{n} year"),
    ("unit.year.other", "{n} years"),
];

#[cfg(not(target_arch = "wasm32"))]
const DE: &[(&str, &str)] = &[
    ("table.show", "Datentabelle anzeigen"),
    ("table.hide", "Datentabelle ausblenden"),
    ("download.menu", "Herunterladen"),
    ("download.png", "PNG-Bild"),
    ("download.svg", "SVG-Bild"),
    ("download.csv", "Daten (CSV)"),
    ("table.caption", "Diagrammdaten"),
    ("table.dailyMeans", "Tagesmittel"),
    ("table.monthlyMeans", "Monatsmittel"),
    ("table.date", "Datum"),
    ("table.dateTime", "Datum und Uhrzeit"),
    ("table.month", "Monat"),
    ("table.outage", "Ausfall"),
    ("keys.help", "Mit den Pfeiltasten links und rechts lesen Sie die Werte Punkt für Punkt, mit Pos1 und Ende die Enden, mit Bild auf und Bild ab größere Schritte; Esc blendet aus."),
    ("live.inside", "; während {outages}"),
    ("readout.noData", "keine Daten"),
    ("list.and", " und "),
    ("loading", "Diagramm wird geladen …"),
    ("error.title", "Dieses Diagramm konnte nicht angezeigt werden."),
    ("alt.chart", "Diagramm"),
    ("alt.titled", "Diagramm: {title}"),
    ("explain.impact", "So ist es zu lesen: Jede Veränderung vergleicht die Hashrate während des Ausfalls mit dem Niveau, das die Tage davor und danach erwarten lassen; die plausible Spanne enthält die wahre Veränderung mit 95\u{a0}% Sicherheit."),
    ("outage", "Ausfall"),
    ("outage.region", "Ausfall ({region})"),
    ("outage.ongoing", " (andauernd)"),
    ("axis.log", "Logarithmische Skala"),
    ("axis.unitLog", "{unit}, logarithmisch"),
    ("note.noValues", "Keine Werte darzustellen: Alle Werte sind leer"),
    ("legend.expected", "Erwartet, wenn {share} ausgefallen wären (Fläche: {range}-Bereich)"),
    ("expected.label", "Erwartet, wenn {share} ausgefallen wären"),
    ("expected.low", "{range}-Bereich, von"),
    ("expected.high", "{range}-Bereich, bis"),
    ("expected.readout", "{range}-Bereich {low} bis {high}"),
    ("summary.expected", "; wären {share} ausgefallen, hätte sie am {date} etwa {expected} gezeigt ({range}-Bereich {low} bis {high}), gezeigt hat sie {actual}"),
    ("legend.rolling", "Gleitendes {days}-Tage-Mittel ({align}){side}"),
    ("legend.left", " (links)"),
    ("legend.right", " (rechts)"),
    ("rolling.centred", "zentriert"),
    ("rolling.trailing", "nachlaufend"),
    ("note.rolling", "Hinweis: Ein gleitendes {days}-Tage-Mittel ({align}) verteilt „{label}“ ({duration}) auf {days} Tage und schwächt die Wirkung auf etwa {dilution} ihrer Größe ab"),
    ("note.rollingLoss", ": Ein Verlust von {loss} zeigte sich höchstens als {shown}"),
    ("note.end", "."),
    ("footer.source", "Quelle: {sources}"),
    ("footer.sources", "Quellen: {sources}"),
    ("footer.sha", "Daten-SHA-256 {digest}…"),
    ("stamp", "{date}, {time} {zone}"),
    ("footer.updated", "Aktualisiert {when}"),
    ("updated.days.one", "Aktualisiert: {n} neuer Tag"),
    ("updated.days.other", "Aktualisiert: {n} neue Tage"),
    ("updated.points.one", "Aktualisiert: {n} neuer Datenpunkt"),
    ("updated.points.other", "Aktualisiert: {n} neue Datenpunkte"),
    ("updated.same", "Diagramm aktualisiert"),
    ("updated.failed", "Zuletzt aktualisiert {time}; die letzte Aktualisierung ist fehlgeschlagen"),
    ("verdict.within", "im Rahmen der üblichen Schwankung von Tag zu Tag"),
    ("verdict.clearDrop", "ein deutlicher Rückgang"),
    ("verdict.clearRise", "ein deutlicher Anstieg"),
    ("verdict.possibleDrop", "ein möglicher Rückgang"),
    ("verdict.possibleRise", "ein möglicher Anstieg"),
    ("impact.plain", "{change}: {verdict} (plausible Spanne {low} bis {high})"),
    ("impact.plainList", "{change}, {verdict} (plausible Spanne {low} bis {high})"),
    ("band.key", "{label}: {verdict}"),
    ("impact.shortBaseline", "; nur {days} davor zum Vergleich"),
    ("impact.detectable", "; ein Verlust unter etwa {loss} wäre nicht zu sehen"),
    ("impact.undetectable", "; selbst ein völliger Ausfall wäre womöglich nicht zu sehen"),
    ("note.chance", "Hinweis: Bei {count} zeigt allein der Zufall in {odds} der Fälle mindestens einen möglichen Anstieg oder Rückgang"),
    ("baseline.trendBoth", "dem Trend der {before} davor und der {after} danach"),
    ("baseline.trendBefore", "dem Trend der {before} davor"),
    ("baseline.before", "dem Mittel der {before} davor"),
    ("baseline.notBack", " (die Tage danach kehrten nicht dorthin zurück: {shift})"),
    ("baseline.arrivals", ", Block für Block über seine eigenen Stunden gezählt: {found} Blöcke gefunden, {expected} erwartet"),
    ("summary.chart", "Diagramm."),
    ("summary.chartTitled", "Diagramm: {title}."),
    ("summary.timeAxis", "Zeitachse {range}, {zone}."),
    ("summary.noValues", "{series}: keine Werte."),
    ("summary.series", "{series}: {count} von {min} bis {max}, zuletzt {last} am {date}"),
    ("summary.missing", "; {count}"),
    ("summary.periods", "{count}:"),
    ("summary.outage", "{label}, {period} ({duration})"),
    ("summary.impact", "; {series} währenddessen {during} gegenüber {expected} erwartet nach {baseline}: {plain}"),
    ("summary.note", "Anmerkung am {date}: {text}."),
    ("summary.source", "Quelle: {source}"),
    ("summary.end", "."),
    ("date.to", "{from} bis {to}"),
    ("duration.about", "etwa {d}"),
    ("duration.minus", "minus {d}"),
    ("duration.pair", "{a} {b}"),
    ("count.value.one", "{n} Wert"),
    ("count.value.other", "{n} Werte"),
    ("count.missing.one", "{n} fehlender Wert"),
    ("count.missing.other", "{n} fehlende Werte"),
    ("count.period.one", "{n} markierter Zeitraum"),
    ("count.period.other", "{n} markierte Zeiträume"),
    ("count.outage.one", "{n} gemessenen Ausfall"),
    ("count.outage.other", "{n} gemessenen Ausfällen"),
    ("unit.millisecond.one", "{n} Millisekunde"),
    ("unit.millisecond.other", "{n} Millisekunden"),
    ("unit.second.one", "{n} Sekunde"),
    ("unit.second.other", "{n} Sekunden"),
    ("unit.minute.one", "{n} Minute"),
    ("unit.minute.other", "{n} Minuten"),
    ("unit.hour.one", "{n} Stunde"),
    ("unit.hour.other", "{n} Stunden"),
    ("unit.day.one", "{n} Tag"),
    ("unit.day.other", "{n} Tage"),
    ("unit.month.one", "{n} Monat"),
    ("unit.month.other", "{n} Monate"),
    ("unit.year.one", "{n} Jahr"),
    ("unit.year.other", "{n} Jahre"),
];

#[cfg(not(target_arch = "wasm32"))]
const FR: &[(&str, &str)] = &[
    ("table.show", "Afficher le tableau des données"),
    ("table.hide", "Masquer le tableau des données"),
    ("download.menu", "Télécharger"),
    ("download.png", "Image PNG"),
    ("download.svg", "Image SVG"),
    ("download.csv", "Données (CSV)"),
    ("table.caption", "Données du graphique"),
    ("table.dailyMeans", "moyennes journalières"),
    ("table.monthlyMeans", "moyennes mensuelles"),
    ("table.date", "Date"),
    ("table.dateTime", "Date et heure"),
    ("table.month", "Mois"),
    ("table.outage", "Coupure"),
    ("keys.help", "Les flèches gauche et droite lisent les valeurs point par point, Début et Fin vont aux extrémités, Page précédente et Page suivante font de plus grands pas, Échap masque la lecture."),
    ("live.inside", "\u{a0}; pendant {outages}"),
    ("readout.noData", "pas de données"),
    ("list.and", " et "),
    ("loading", "Chargement du graphique…"),
    ("error.title", "Ce graphique n’a pas pu être affiché."),
    ("alt.chart", "Graphique"),
    ("alt.titled", "Graphique\u{a0}: {title}"),
    ("explain.impact", "Comment lire\u{a0}: chaque variation compare le taux de hachage pendant la coupure au niveau que prévoient les jours d’avant et d’après\u{a0}; la fourchette plausible contient la vraie variation avec une confiance de 95\u{a0}%."),
    ("outage", "Coupure"),
    ("outage.region", "Coupure ({region})"),
    ("outage.ongoing", "\u{a0}(en cours)"),
    ("axis.log", "Échelle logarithmique"),
    ("axis.unitLog", "{unit}, échelle logarithmique"),
    ("note.noValues", "Aucune valeur à afficher\u{a0}: toutes les valeurs sont nulles"),
    ("legend.expected", "Attendu si {share} avait été coupé (zone\u{a0}: intervalle à {range})"),
    ("expected.label", "Attendu si {share} avait été coupé"),
    ("expected.low", "Intervalle à {range}, de"),
    ("expected.high", "Intervalle à {range}, à"),
    ("expected.readout", "intervalle à {range} de {low} à {high}"),
    ("summary.expected", "\u{a0}; si {share} avait été coupé, elle aurait montré environ {expected} le {date} (intervalle à {range} de {low} à {high}), elle a montré {actual}"),
    ("legend.rolling", "Moyenne mobile {align} sur {days}\u{a0}jours{side}"),
    ("legend.left", " (gauche)"),
    ("legend.right", " (droite)"),
    ("rolling.centred", "centrée"),
    ("rolling.trailing", "rétrospective"),
    ("note.rolling", "Remarque\u{a0}: une moyenne mobile {align} sur {days}\u{a0}jours étale «\u{a0}{label}\u{a0}» ({duration}) sur {days}\u{a0}jours et réduit son effet à environ {dilution} de sa taille"),
    ("note.rollingLoss", "\u{a0}: une perte de {loss} apparaîtrait au plus comme {shown}"),
    ("note.end", "."),
    ("footer.source", "Source\u{a0}: {sources}"),
    ("footer.sources", "Sources\u{a0}: {sources}"),
    ("footer.sha", "SHA-256 des données {digest}…"),
    ("stamp", "{date} à {time} {zone}"),
    ("footer.updated", "Mis à jour le {when}"),
    ("updated.days.one", "Mis à jour\u{a0}: {n} nouveau jour"),
    ("updated.days.other", "Mis à jour\u{a0}: {n} nouveaux jours"),
    ("updated.points.one", "Mis à jour\u{a0}: {n} nouveau point de données"),
    ("updated.points.other", "Mis à jour\u{a0}: {n} nouveaux points de données"),
    ("updated.same", "Graphique mis à jour"),
    ("updated.failed", "Dernière mise à jour le {time}\u{a0}; la mise à jour suivante a échoué"),
    ("verdict.within", "dans les variations normales d’un jour à l’autre"),
    ("verdict.clearDrop", "une baisse nette"),
    ("verdict.clearRise", "une hausse nette"),
    ("verdict.possibleDrop", "une baisse possible"),
    ("verdict.possibleRise", "une hausse possible"),
    ("impact.plain", "{change}\u{a0}: {verdict} (fourchette plausible de {low} à {high})"),
    ("impact.plainList", "{change}, {verdict} (fourchette plausible de {low} à {high})"),
    ("band.key", "{label}\u{a0}: {verdict}"),
    ("impact.shortBaseline", "\u{a0}; seulement {days} avant pour comparer"),
    ("impact.detectable", "\u{a0}; une perte inférieure à environ {loss} ne se verrait pas"),
    ("impact.undetectable", "\u{a0}; même une perte totale pourrait ne pas se voir"),
    ("note.chance", "Remarque\u{a0}: avec {count}, le hasard seul en montrerait au moins une comme une hausse ou une baisse possible dans {odds} des cas"),
    ("baseline.trendBoth", "la tendance des {before} précédents et des {after} suivants"),
    ("baseline.trendBefore", "la tendance des {before} précédents"),
    ("baseline.before", "la moyenne des {before} précédents"),
    ("baseline.notBack", " (les jours suivants n’y sont pas revenus\u{a0}: {shift})"),
    ("baseline.arrivals", ", compté bloc par bloc sur ses propres heures\u{a0}: {found}\u{a0}blocs trouvés, {expected} attendus"),
    ("summary.chart", "Graphique."),
    ("summary.chartTitled", "Graphique\u{a0}: {title}."),
    ("summary.timeAxis", "Axe du temps {range}, {zone}."),
    ("summary.noValues", "{series}\u{a0}: aucune valeur."),
    ("summary.series", "{series}\u{a0}: {count} de {min} à {max}, la dernière {last} le {date}"),
    ("summary.missing", "\u{a0}; {count}"),
    ("summary.periods", "{count}\u{a0}:"),
    ("summary.outage", "{label}, {period} ({duration})"),
    ("summary.impact", "\u{a0}; {series} pendant la période {during} contre {expected} attendus d’après {baseline}\u{a0}: {plain}"),
    ("summary.note", "Note au {date}\u{a0}: {text}."),
    ("summary.source", "Source\u{a0}: {source}"),
    ("summary.end", "."),
    ("date.to", "{from} au {to}"),
    ("duration.about", "environ {d}"),
    ("duration.minus", "moins {d}"),
    ("duration.pair", "{a} {b}"),
    ("count.value.one", "{n} valeur"),
    ("count.value.other", "{n} valeurs"),
    ("count.missing.one", "{n} valeur manquante"),
    ("count.missing.other", "{n} valeurs manquantes"),
    ("count.period.one", "{n} période ombrée"),
    ("count.period.other", "{n} périodes ombrées"),
    ("count.outage.one", "{n}\u{a0}panne mesurée"),
    ("count.outage.other", "{n}\u{a0}pannes mesurées"),
    ("unit.millisecond.one", "{n} milliseconde"),
    ("unit.millisecond.other", "{n} millisecondes"),
    ("unit.second.one", "{n} seconde"),
    ("unit.second.other", "{n} secondes"),
    ("unit.minute.one", "{n} minute"),
    ("unit.minute.other", "{n} minutes"),
    ("unit.hour.one", "{n} heure"),
    ("unit.hour.other", "{n} heures"),
    ("unit.day.one", "{n} jour"),
    ("unit.day.other", "{n} jours"),
    ("unit.month.one", "{n} mois"),
    ("unit.month.other", "{n} mois"),
    ("unit.year.one", "{n} an"),
    ("unit.year.other", "{n} ans"),
];

#[cfg(not(target_arch = "wasm32"))]
const ES: &[(&str, &str)] = &[
    ("table.show", "Mostrar tabla de datos"),
    ("table.hide", "Ocultar tabla de datos"),
    ("download.menu", "Descargar"),
    ("download.png", "Imagen PNG"),
    ("download.svg", "Imagen SVG"),
    ("download.csv", "Datos (CSV)"),
    ("table.caption", "Datos del gráfico"),
    ("table.dailyMeans", "medias diarias"),
    ("table.monthlyMeans", "medias mensuales"),
    ("table.date", "Fecha"),
    ("table.dateTime", "Fecha y hora"),
    ("table.month", "Mes"),
    ("table.outage", "Corte"),
    ("keys.help", "Use las flechas izquierda y derecha para leer los valores punto a punto, Inicio y Fin para los extremos, Re Pág y Av Pág para pasos más grandes, Esc para ocultar."),
    ("live.inside", "; durante {outages}"),
    ("readout.noData", "sin datos"),
    ("list.and", " y "),
    ("loading", "Cargando el gráfico…"),
    ("error.title", "No se pudo mostrar este gráfico."),
    ("alt.chart", "Gráfico"),
    ("alt.titled", "Gráfico: {title}"),
    ("explain.impact", "Cómo leerlo: cada cambio compara la tasa de hash durante el corte con el nivel que predicen los días anteriores y posteriores; el rango plausible contiene el cambio real con un 95\u{a0}% de confianza."),
    ("outage", "Corte"),
    ("outage.region", "Corte ({region})"),
    ("outage.ongoing", " (en curso)"),
    ("axis.log", "Escala logarítmica"),
    ("axis.unitLog", "{unit}, escala logarítmica"),
    ("note.noValues", "No hay valores que mostrar: todos son nulos"),
    ("legend.expected", "Esperado si {share} se hubiera desconectado (sombreado: rango del {range})"),
    ("expected.label", "Esperado si {share} se hubiera desconectado"),
    ("expected.low", "Rango del {range}, desde"),
    ("expected.high", "Rango del {range}, hasta"),
    ("expected.readout", "rango del {range} de {low} a {high}"),
    ("summary.expected", "; si {share} se hubiera desconectado, habría mostrado cerca de {expected} el {date} (rango del {range} de {low} a {high}), y mostró {actual}"),
    ("legend.rolling", "Media móvil {align} de {days} días{side}"),
    ("legend.left", " (izquierda)"),
    ("legend.right", " (derecha)"),
    ("rolling.centred", "centrada"),
    ("rolling.trailing", "retrospectiva"),
    ("note.rolling", "Nota: una media móvil {align} de {days} días reparte «{label}» ({duration}) en {days} días y diluye su efecto a cerca del {dilution} de su tamaño"),
    ("note.rollingLoss", ": una pérdida del {loss} se vería como mucho como un {shown}"),
    ("note.end", "."),
    ("footer.source", "Fuente: {sources}"),
    ("footer.sources", "Fuentes: {sources}"),
    ("footer.sha", "SHA-256 de los datos {digest}…"),
    ("stamp", "{date}, {time} {zone}"),
    ("footer.updated", "Actualizado el {when}"),
    ("updated.days.one", "Actualizado: {n} día nuevo"),
    ("updated.days.other", "Actualizado: {n} días nuevos"),
    ("updated.points.one", "Actualizado: {n} dato nuevo"),
    ("updated.points.other", "Actualizado: {n} datos nuevos"),
    ("updated.same", "Gráfico actualizado"),
    ("updated.failed", "Última actualización: {time}; la siguiente actualización falló"),
    ("verdict.within", "dentro de la variación normal de un día a otro"),
    ("verdict.clearDrop", "una caída clara"),
    ("verdict.clearRise", "una subida clara"),
    ("verdict.possibleDrop", "una posible caída"),
    ("verdict.possibleRise", "una posible subida"),
    ("impact.plain", "{change}: {verdict} (rango plausible de {low} a {high})"),
    ("impact.plainList", "{change}, {verdict} (rango plausible de {low} a {high})"),
    ("band.key", "{label}: {verdict}"),
    ("impact.shortBaseline", "; solo {days} antes para comparar"),
    ("impact.detectable", "; una pérdida inferior a cerca del {loss} no se vería"),
    ("impact.undetectable", "; ni siquiera una pérdida total se vería con seguridad"),
    ("note.chance", "Nota: con {count}, el azar por sí solo mostraría al menos uno como una posible subida o caída en el {odds} de los casos"),
    ("baseline.trendBoth", "la tendencia de los {before} anteriores y los {after} posteriores"),
    ("baseline.trendBefore", "la tendencia de los {before} anteriores"),
    ("baseline.before", "la media de los {before} anteriores"),
    ("baseline.notBack", " (los días posteriores no volvieron a ella: {shift})"),
    ("baseline.arrivals", ", contado bloque a bloque en sus propias horas: {found} bloques encontrados, {expected} esperados"),
    ("summary.chart", "Gráfico."),
    ("summary.chartTitled", "Gráfico: {title}."),
    ("summary.timeAxis", "Eje temporal {range}, {zone}."),
    ("summary.noValues", "{series}: sin valores."),
    ("summary.series", "{series}: {count} de {min} a {max}, el último {last} el {date}"),
    ("summary.missing", "; {count}"),
    ("summary.periods", "{count}:"),
    ("summary.outage", "{label}, {period} ({duration})"),
    ("summary.impact", "; {series} durante el periodo {during} frente a {expected} esperados según {baseline}: {plain}"),
    ("summary.note", "Nota el {date}: {text}."),
    ("summary.source", "Fuente: {source}"),
    ("summary.end", "."),
    ("date.to", "{from} a {to}"),
    ("duration.about", "alrededor de {d}"),
    ("duration.minus", "menos {d}"),
    ("duration.pair", "{a} {b}"),
    ("count.value.one", "{n} valor"),
    ("count.value.other", "{n} valores"),
    ("count.missing.one", "{n} valor ausente"),
    ("count.missing.other", "{n} valores ausentes"),
    ("count.period.one", "{n} periodo sombreado"),
    ("count.period.other", "{n} periodos sombreados"),
    ("count.outage.one", "{n} corte medido"),
    ("count.outage.other", "{n} cortes medidos"),
    ("unit.millisecond.one", "{n} milisegundo"),
    ("unit.millisecond.other", "{n} milisegundos"),
    ("unit.second.one", "{n} segundo"),
    ("unit.second.other", "{n} segundos"),
    ("unit.minute.one", "{n} minuto"),
    ("unit.minute.other", "{n} minutos"),
    ("unit.hour.one", "{n} hora"),
    ("unit.hour.other", "{n} horas"),
    ("unit.day.one", "{n} día"),
    ("unit.day.other", "{n} días"),
    ("unit.month.one", "{n} mes"),
    ("unit.month.other", "{n} meses"),
    ("unit.year.one", "{n} año"),
    ("unit.year.other", "{n} años"),
];

#[cfg(not(target_arch = "wasm32"))]
const RU: &[(&str, &str)] = &[
    ("table.show", "Показать таблицу данных"),
    ("table.hide", "Скрыть таблицу данных"),
    ("download.menu", "Скачать"),
    ("download.png", "Изображение PNG"),
    ("download.svg", "Изображение SVG"),
    ("download.csv", "Данные (CSV)"),
    ("table.caption", "Данные графика"),
    ("table.dailyMeans", "средние за сутки"),
    ("table.monthlyMeans", "средние за месяц"),
    ("table.date", "Дата"),
    ("table.dateTime", "Дата и время"),
    ("table.month", "Месяц"),
    ("table.outage", "Отключение"),
    ("keys.help", "Стрелки влево и вправо читают значения по точкам, Home и End — крайние точки, Page Up и Page Down — большие шаги, Escape скрывает."),
    ("live.inside", "; во время: {outages}"),
    ("readout.noData", "нет данных"),
    ("list.and", " и "),
    ("loading", "График загружается…"),
    ("error.title", "Не удалось показать этот график."),
    ("alt.chart", "График"),
    ("alt.titled", "График: {title}"),
    ("explain.impact", "Как читать: каждое изменение сравнивает хешрейт во время отключения с уровнем, который предсказывают дни до и после него; правдоподобный диапазон содержит истинное изменение с доверием 95\u{a0}%."),
    ("outage", "Отключение"),
    ("outage.region", "Отключение ({region})"),
    ("outage.ongoing", " (продолжается)"),
    ("axis.log", "Логарифмическая шкала"),
    ("axis.unitLog", "{unit}, логарифмическая шкала"),
    ("note.noValues", "Нет значений для показа: все значения пусты"),
    ("legend.expected", "Ожидаемое, если бы отключились {share} (закрашено: диапазон {range})"),
    ("expected.label", "Ожидаемое, если бы отключились {share}"),
    ("expected.low", "Диапазон {range}, от"),
    ("expected.high", "Диапазон {range}, до"),
    ("expected.readout", "диапазон {range} от {low} до {high}"),
    ("summary.expected", "; если бы отключились {share}, {date} было бы около {expected} (диапазон {range} от {low} до {high}), а было {actual}"),
    ("legend.rolling", "Скользящее среднее за {days}\u{a0}дн. ({align}){side}"),
    ("legend.left", " (левая ось)"),
    ("legend.right", " (правая ось)"),
    ("rolling.centred", "центрированное"),
    ("rolling.trailing", "по прошлым дням"),
    ("note.rolling", "Примечание: скользящее среднее за {days}\u{a0}дн. ({align}) распределяет «{label}» ({duration}) на {days}\u{a0}дн. и ослабляет эффект примерно до {dilution} от его размера"),
    ("note.rollingLoss", ": потеря {loss} была бы видна не более чем как {shown}"),
    ("note.end", "."),
    ("footer.source", "Источник: {sources}"),
    ("footer.sources", "Источники: {sources}"),
    ("footer.sha", "SHA-256 данных {digest}…"),
    ("stamp", "{date}, {time} {zone}"),
    ("footer.updated", "Обновлено {when}"),
    ("updated.days.one", "Обновлено: {n} новый день"),
    ("updated.days.few", "Обновлено: {n} новых дня"),
    ("updated.days.many", "Обновлено: {n} новых дней"),
    ("updated.points.one", "Обновлено: {n} новая точка"),
    ("updated.points.few", "Обновлено: {n} новые точки"),
    ("updated.points.many", "Обновлено: {n} новых точек"),
    ("updated.same", "График обновлён"),
    ("updated.failed", "Последнее обновление: {time}; следующее обновление не удалось"),
    ("verdict.within", "в пределах обычных суточных колебаний"),
    ("verdict.clearDrop", "явное падение"),
    ("verdict.clearRise", "явный рост"),
    ("verdict.possibleDrop", "возможное падение"),
    ("verdict.possibleRise", "возможный рост"),
    ("impact.plain", "{change}: {verdict} (правдоподобный диапазон от {low} до {high})"),
    ("impact.plainList", "{change}, {verdict} (правдоподобный диапазон от {low} до {high})"),
    ("band.key", "{label}: {verdict}"),
    ("impact.shortBaseline", "; для сравнения только {days} до него"),
    ("impact.detectable", "; потеря меньше примерно {loss} не была бы заметна"),
    ("impact.undetectable", "; даже полная потеря могла бы остаться незаметной"),
    ("note.chance", "Примечание: при {count} одна лишь случайность хотя бы одно покажет как возможный рост или спад в {odds} случаев"),
    ("baseline.trendBoth", "тренду за {before} до и {after} после"),
    ("baseline.trendBefore", "тренду за {before} до"),
    ("baseline.before", "среднему за {before} до"),
    ("baseline.notBack", " (дни после него к нему не вернулись: {shift})"),
    ("baseline.arrivals", ", с подсчётом блок за блоком за его собственные часы: найдено блоков {found}, ожидалось {expected}"),
    ("summary.chart", "График."),
    ("summary.chartTitled", "График: {title}."),
    ("summary.timeAxis", "Ось времени: {range}, {zone}."),
    ("summary.noValues", "{series}: нет значений."),
    ("summary.series", "{series}: {count} от {min} до {max}, последнее {last} на {date}"),
    ("summary.missing", "; {count}"),
    ("summary.periods", "{count}:"),
    ("summary.outage", "{label}, {period} ({duration})"),
    ("summary.impact", "; {series} за это время {during} при ожидаемых {expected} по {baseline}: {plain}"),
    ("summary.note", "Примечание на {date}: {text}."),
    ("summary.source", "Источник: {source}"),
    ("summary.end", "."),
    ("date.to", "{from} – {to}"),
    ("duration.about", "примерно {d}"),
    ("duration.minus", "минус {d}"),
    ("duration.pair", "{a} {b}"),
    ("count.value.one", "{n} значение"),
    ("count.value.few", "{n} значения"),
    ("count.value.many", "{n} значений"),
    ("count.missing.one", "{n} пропущенное значение"),
    ("count.missing.few", "{n} пропущенных значения"),
    ("count.missing.many", "{n} пропущенных значений"),
    ("count.period.one", "{n} закрашенный период"),
    ("count.period.few", "{n} закрашенных периода"),
    ("count.period.many", "{n} закрашенных периодов"),
    ("count.outage.one", "{n} измеренном отключении"),
    ("count.outage.few", "{n} измеренных отключениях"),
    ("count.outage.many", "{n} измеренных отключениях"),
    ("count.outage.other", "{n} измеренных отключениях"),
    ("unit.millisecond.one", "{n} миллисекунда"),
    ("unit.millisecond.few", "{n} миллисекунды"),
    ("unit.millisecond.many", "{n} миллисекунд"),
    ("unit.second.one", "{n} секунда"),
    ("unit.second.few", "{n} секунды"),
    ("unit.second.many", "{n} секунд"),
    ("unit.minute.one", "{n} минута"),
    ("unit.minute.few", "{n} минуты"),
    ("unit.minute.many", "{n} минут"),
    ("unit.hour.one", "{n} час"),
    ("unit.hour.few", "{n} часа"),
    ("unit.hour.many", "{n} часов"),
    ("unit.day.one", "{n} день"),
    ("unit.day.few", "{n} дня"),
    ("unit.day.many", "{n} дней"),
    ("unit.month.one", "{n} месяц"),
    ("unit.month.few", "{n} месяца"),
    ("unit.month.many", "{n} месяцев"),
    ("unit.year.one", "{n} год"),
    ("unit.year.few", "{n} года"),
    ("unit.year.many", "{n} лет"),
];

#[cfg(not(target_arch = "wasm32"))]
const ZH: &[(&str, &str)] = &[
    ("table.show", "显示数据表"),
    ("table.hide", "隐藏数据表"),
    ("download.menu", "下载"),
    ("download.png", "PNG 图片"),
    ("download.svg", "SVG 图片"),
    ("download.csv", "数据（CSV）"),
    ("table.caption", "图表数据"),
    ("table.dailyMeans", "日均值"),
    ("table.monthlyMeans", "月均值"),
    ("table.date", "日期"),
    ("table.dateTime", "日期和时间"),
    ("table.month", "月份"),
    ("table.outage", "中断"),
    ("keys.help", "使用左右方向键逐点读取数值，Home 和 End 跳到两端，Page Up 和 Page Down 大步移动，Esc 隐藏。"),
    ("live.inside", "；处于{outages}期间"),
    ("readout.noData", "无数据"),
    ("list.and", "和"),
    ("loading", "图表加载中…"),
    ("error.title", "无法显示此图表。"),
    ("alt.chart", "图表"),
    ("alt.titled", "图表：{title}"),
    ("explain.impact", "阅读说明：每个变化是中断期间的算力与其前后几天所预测水平的比较；合理范围以 95% 的置信度包含真实变化。"),
    ("outage", "中断"),
    ("outage.region", "中断（{region}）"),
    ("outage.ongoing", "（持续中）"),
    ("axis.log", "对数刻度"),
    ("axis.unitLog", "{unit}，对数刻度"),
    ("note.noValues", "没有可显示的数值：所有数值均为空"),
    ("legend.expected", "若 {share} 断线时的预期（阴影：{range} 区间）"),
    ("expected.label", "若 {share} 断线时的预期"),
    ("expected.low", "{range} 区间下限"),
    ("expected.high", "{range} 区间上限"),
    ("expected.readout", "{range} 区间 {low} 至 {high}"),
    ("summary.expected", "；若 {share} 断线，{date} 预期约为 {expected}（{range} 区间 {low} 至 {high}），实际为 {actual}"),
    ("legend.rolling", "{days} 日{align}移动平均{side}"),
    ("legend.left", "（左轴）"),
    ("legend.right", "（右轴）"),
    ("rolling.centred", "居中"),
    ("rolling.trailing", "滞后"),
    ("note.rolling", "注：{days} 日{align}移动平均把“{label}”（{duration}）分摊到 {days} 天，使其影响稀释到原来的约 {dilution}"),
    ("note.rollingLoss", "：{loss} 的损失最多只会显示为 {shown}"),
    ("note.end", "。"),
    ("footer.source", "来源：{sources}"),
    ("footer.sources", "来源：{sources}"),
    ("footer.sha", "数据 SHA-256 {digest}…"),
    ("stamp", "{date} {time} {zone}"),
    ("footer.updated", "更新于 {when}"),
    ("updated.days.other", "已更新：新增 {n} 天"),
    ("updated.points.other", "已更新：新增 {n} 个数据点"),
    ("updated.same", "图表已更新"),
    ("updated.failed", "最后更新于 {time}；此后的更新失败"),
    ("verdict.within", "在正常的日常波动范围内"),
    ("verdict.clearDrop", "明显下降"),
    ("verdict.clearRise", "明显上升"),
    ("verdict.possibleDrop", "可能下降"),
    ("verdict.possibleRise", "可能上升"),
    ("impact.plain", "{change}：{verdict}（合理范围 {low} 至 {high}）"),
    ("impact.plainList", "{change}，{verdict}（合理范围 {low} 至 {high}）"),
    ("band.key", "{label}：{verdict}"),
    ("impact.shortBaseline", "；之前只有 {days} 可供比较"),
    ("impact.detectable", "；低于约 {loss} 的损失不会显现"),
    ("impact.undetectable", "；即使全部损失也可能无法显现"),
    ("note.chance", "注：在 {count}中，仅凭偶然，至少有一次显示为可能的上升或下降的概率为 {odds}"),
    ("baseline.trendBoth", "之前 {before} 和之后 {after} 的趋势"),
    ("baseline.trendBefore", "之前 {before} 的趋势"),
    ("baseline.before", "之前 {before} 的均值"),
    ("baseline.notBack", "（之后的日子没有回到该趋势：{shift}）"),
    ("baseline.arrivals", "，按其自身时段逐块计数：找到 {found} 个区块，预期 {expected} 个"),
    ("summary.chart", "图表。"),
    ("summary.chartTitled", "图表：{title}。"),
    ("summary.timeAxis", "时间轴 {range}，{zone}。"),
    ("summary.noValues", "{series}：无数值。"),
    ("summary.series", "{series}：{count}，从 {min} 到 {max}，最新值 {last}（{date}）"),
    ("summary.missing", "；{count}"),
    ("summary.periods", "{count}："),
    ("summary.outage", "{label}，{period}（{duration}）"),
    ("summary.impact", "；期间{series}为 {during}，而根据{baseline}预期为 {expected}：{plain}"),
    ("summary.note", "{date} 的注释：{text}。"),
    ("summary.source", "来源：{source}"),
    ("summary.end", "。"),
    ("date.to", "{from} 至 {to}"),
    ("duration.about", "约 {d}"),
    ("duration.minus", "负 {d}"),
    ("duration.pair", "{a}{b}"),
    ("count.value.other", "{n} 个数值"),
    ("count.missing.other", "{n} 个缺失值"),
    ("count.period.other", "{n} 个阴影时段"),
    ("count.outage.other", "{n} 次已测量的中断"),
    ("unit.millisecond.other", "{n} 毫秒"),
    ("unit.second.other", "{n} 秒"),
    ("unit.minute.other", "{n} 分钟"),
    ("unit.hour.other", "{n} 小时"),
    ("unit.day.other", "{n} 天"),
    ("unit.month.other", "{n} 个月"),
    ("unit.year.other", "{n} 年"),
];

#[cfg(test)]
mod tests {
    use super::*;

    /// The keys a language needs: English's, with each count's plural forms in that language.
    fn needed(lang: Lang) -> Vec<String> {
        let mut out = Vec::new();
        for key in keys() {
            if let Some(base) = key.strip_suffix(".other") {
                let forms: &[&str] = match lang {
                    Lang::Ru => &["one", "few", "many"],
                    Lang::Zh => &["other"],
                    _ => &["one", "other"],
                };
                out.extend(forms.iter().map(|f| format!("{base}.{f}")));
            } else if !key.ends_with(".one") {
                out.push(key.to_string());
            }
        }
        out
    }

    #[test]
    fn every_language_has_every_string() {
        let mut missing = Vec::new();
        for lang in Lang::ALL {
            let table = lang.table();
            for key in needed(lang) {
                if !table.iter().any(|(k, _)| *k == key) {
                    missing.push(format!("{}: {key}", lang.code()));
                }
            }
            // Nothing a language has that English lacks (a misspelt key would never be used).
            for (key, _) in table {
                let base = key.rsplit_once('.').map_or(*key, |(b, f)| {
                    if matches!(f, "one" | "few" | "many" | "other") {
                        b
                    } else {
                        key
                    }
                });
                assert!(
                    keys().any(|k| k == *key || k.starts_with(&format!("{base}."))),
                    "{}: {key} is not an English key",
                    lang.code()
                );
            }
        }
        assert!(
            missing.is_empty(),
            "missing strings:\n{}",
            missing.join("\n")
        );
    }

    #[test]
    fn placeholders_match_english() {
        let names = |text: &str| -> Vec<String> {
            let mut v: Vec<String> = text
                .split('{')
                .skip(1)
                .filter_map(|s| s.split_once('}').map(|(n, _)| n.to_string()))
                .collect();
            v.sort();
            v.dedup();
            v
        };
        for lang in Lang::ALL {
            for (key, text) in lang.table() {
                // A plural form is compared with English's "other" form of the same count.
                let reference = match key.rsplit_once('.') {
                    Some((base, "one" | "few" | "many" | "other")) => format!("{base}.other"),
                    _ => key.to_string(),
                };
                let english = english().text(&reference);
                assert_eq!(names(text), names(english), "{}: {key}", lang.code());
            }
        }
    }

    #[test]
    fn plurals_follow_each_language() {
        let ru = Locale::of(Lang::Ru);
        assert_eq!(ru.count("unit.day", 1), "1 день");
        assert_eq!(ru.count("unit.day", 3), "3 дня");
        assert_eq!(ru.count("unit.day", 14), "14 дней");
        assert_eq!(ru.count("unit.day", 21), "21 день");
        assert_eq!(ru.count("unit.day", 111), "111 дней");
        let fr = Locale::of(Lang::Fr);
        assert_eq!(fr.count("unit.hour", 0), "0 heure");
        assert_eq!(fr.count("unit.hour", 36), "36 heures");
        assert_eq!(Locale::of(Lang::Zh).count("unit.day", 8), "8 天");
        assert_eq!(english().count("unit.day", 1), "1 day");
    }

    #[test]
    fn overrides_win_and_missing_strings_fall_back_to_english() {
        let mut de = Locale::of(Lang::De);
        assert_eq!(de.text("table.show"), "Datentabelle anzeigen");
        de.overrides
            .push(("table.show".into(), "Tabelle zeigen".into()));
        assert_eq!(de.text("table.show"), "Tabelle zeigen");
        // A language without a table (Italian here) reads English.
        assert_eq!(
            Locale::for_tag("it-IT").text("table.show"),
            "Show data table"
        );
        assert_eq!(Locale::for_tag("zh-TW").lang, None);
        assert_eq!(Locale::for_tag("zh-Hans-CN").lang, Some(Lang::Zh));
        assert_eq!(Locale::for_tag("de-AT").lang, Some(Lang::De));
    }

    #[test]
    fn dates_in_each_language() {
        let cases = [
            (Lang::En, "5 Jan 2022", "5 Sep", "Sep 2022", "4–11 Jan 2022"),
            (
                Lang::De,
                "5. Jan. 2022",
                "5. Sept.",
                "Sept. 2022",
                "4.–11. Jan. 2022",
            ),
            (
                Lang::Fr,
                "5 janv. 2022",
                "5 sept.",
                "sept. 2022",
                "4–11 janv. 2022",
            ),
            (
                Lang::Es,
                "5 ene 2022",
                "5 sept",
                "sept 2022",
                "4–11 ene 2022",
            ),
            (
                Lang::Ru,
                "5 янв. 2022\u{a0}г.",
                "5 сент.",
                "сент. 2022\u{a0}г.",
                "4–11 янв. 2022\u{a0}г.",
            ),
            (
                Lang::Zh,
                "2022年1月5日",
                "9月5日",
                "2022年9月",
                "2022年1月4日–11日",
            ),
        ];
        for (lang, date, day_month, month_year, range) in cases {
            let l = Locale::of(lang);
            assert_eq!(l.day_month_year(5, 1, 2022), date, "{lang:?}");
            assert_eq!(l.day_month(5, 9), day_month, "{lang:?}");
            assert_eq!(l.month_year(9, 2022), month_year, "{lang:?}");
            assert_eq!(l.day_range(4, 11, 1, 2022), range, "{lang:?}");
        }
    }

    #[test]
    fn numbers_in_each_language() {
        assert_eq!(Locale::of(Lang::De).number("−1.3%"), "−1,3\u{a0}%");
        assert_eq!(Locale::of(Lang::De).number("12,500.5"), "12.500,5");
        assert_eq!(Locale::of(Lang::Fr).number("12,500.5"), "12\u{202f}500,5");
        assert_eq!(Locale::of(Lang::Zh).number("−1.3%"), "−1.3%");
        assert_eq!(english().number("13.2%"), "13.2%");
    }

    #[test]
    fn fill_replaces_named_values_only() {
        assert_eq!(fill("{a} and {b}", &[("a", "1"), ("b", "2")]), "1 and 2");
        assert_eq!(fill("{a} {missing}", &[("a", "1")]), "1 {missing}");
        assert_eq!(fill("open { brace", &[]), "open { brace");
    }
}
