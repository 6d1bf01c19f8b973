//! Country names for the ISO 3166-1 alpha-2 codes that outage lists use (Access Now, IODA,
//! Cloudflare Radar, the shared data): a chart says "Kazakhstan", not "KZ". Codes not in the
//! table stay as written.

const NAMES: [(&str, &str); 96] = [
    ("AE", "United Arab Emirates"),
    ("AF", "Afghanistan"),
    ("AM", "Armenia"),
    ("AR", "Argentina"),
    ("AU", "Australia"),
    ("AZ", "Azerbaijan"),
    ("BD", "Bangladesh"),
    ("BF", "Burkina Faso"),
    ("BH", "Bahrain"),
    ("BI", "Burundi"),
    ("BO", "Bolivia"),
    ("BR", "Brazil"),
    ("BT", "Bhutan"),
    ("BY", "Belarus"),
    ("CA", "Canada"),
    ("CD", "DR Congo"),
    ("CF", "Central African Republic"),
    ("CG", "Congo"),
    ("CH", "Switzerland"),
    ("CL", "Chile"),
    ("CM", "Cameroon"),
    ("CN", "China"),
    ("CO", "Colombia"),
    ("CU", "Cuba"),
    ("DE", "Germany"),
    ("DZ", "Algeria"),
    ("EC", "Ecuador"),
    ("EE", "Estonia"),
    ("EG", "Egypt"),
    ("ER", "Eritrea"),
    ("ES", "Spain"),
    ("ET", "Ethiopia"),
    ("FI", "Finland"),
    ("FR", "France"),
    ("GA", "Gabon"),
    ("GB", "United Kingdom"),
    ("GE", "Georgia"),
    ("GM", "Gambia"),
    ("GN", "Guinea"),
    ("GQ", "Equatorial Guinea"),
    ("HK", "Hong Kong"),
    ("HT", "Haiti"),
    ("ID", "Indonesia"),
    ("IN", "India"),
    ("IQ", "Iraq"),
    ("IR", "Iran"),
    ("IS", "Iceland"),
    ("JO", "Jordan"),
    ("JP", "Japan"),
    ("KE", "Kenya"),
    ("KG", "Kyrgyzstan"),
    ("KP", "North Korea"),
    ("KR", "South Korea"),
    ("KZ", "Kazakhstan"),
    ("LB", "Lebanon"),
    ("LK", "Sri Lanka"),
    ("LY", "Libya"),
    ("MA", "Morocco"),
    ("ML", "Mali"),
    ("MM", "Myanmar"),
    ("MN", "Mongolia"),
    ("MR", "Mauritania"),
    ("MX", "Mexico"),
    ("MY", "Malaysia"),
    ("NE", "Niger"),
    ("NG", "Nigeria"),
    ("NI", "Nicaragua"),
    ("NO", "Norway"),
    ("NP", "Nepal"),
    ("OM", "Oman"),
    ("PK", "Pakistan"),
    ("PS", "Palestine"),
    ("PY", "Paraguay"),
    ("QA", "Qatar"),
    ("RU", "Russia"),
    ("RW", "Rwanda"),
    ("SA", "Saudi Arabia"),
    ("SD", "Sudan"),
    ("SE", "Sweden"),
    ("SN", "Senegal"),
    ("SO", "Somalia"),
    ("SS", "South Sudan"),
    ("SY", "Syria"),
    ("TD", "Chad"),
    ("TG", "Togo"),
    ("TH", "Thailand"),
    ("TJ", "Tajikistan"),
    ("TM", "Turkmenistan"),
    ("TR", "Türkiye"),
    ("TZ", "Tanzania"),
    ("UA", "Ukraine"),
    ("UG", "Uganda"),
    ("US", "United States"),
    ("UZ", "Uzbekistan"),
    ("VE", "Venezuela"),
    ("ZW", "Zimbabwe"),
];

/// "KZ" → "Kazakhstan"; None for a code not in the table.
pub fn country_name(code: &str) -> Option<&'static str> {
    let code = code.trim();
    NAMES
        .iter()
        .find(|(c, _)| c.eq_ignore_ascii_case(code))
        .map(|(_, name)| *name)
}

/// A region as written in an outage list, with country codes named: "KZ;KG;UZ" →
/// "Kazakhstan, Kyrgyzstan, Uzbekistan". Anything that is not a list of known codes stays.
pub fn region_names(region: &str) -> String {
    let parts: Vec<&str> = region
        .split([';', ',', '/'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    let names: Option<Vec<&str>> = parts.iter().map(|p| country_name(p)).collect();
    match names {
        Some(names) if !names.is_empty() => super::join(&names, ", "),
        _ => region.trim().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_become_names_and_other_text_stays() {
        assert_eq!(
            region_names("KZ;KG;UZ"),
            "Kazakhstan, Kyrgyzstan, Uzbekistan"
        );
        assert_eq!(region_names("kz"), "Kazakhstan");
        assert_eq!(region_names("southern Kazakhstan"), "southern Kazakhstan");
        assert_eq!(region_names("KZ; XX"), "KZ; XX");
        // The table is sorted (each code once).
        assert!(NAMES.windows(2).all(|w| w[0].0 < w[1].0));
    }
}
