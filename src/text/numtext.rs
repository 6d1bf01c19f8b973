//! Numbers to text and back, without core's float formatting or parsing.
//!
//! `format!("{:.1}", x)`, `x.to_string()`, `"0.5".parse::<f64>()` and even `f64::clamp` (whose
//! panic message prints its bounds) link core's Grisu/Dragon formatter and the decimal parser
//! with its 10 KB table of powers of five into the wasm module. The chart needs much less:
//! fixed decimals (labels, table cells), the shortest round-trip text of a value (provenance
//! digests, SVG attributes, CSS font sizes) and plain decimals in colours. This module does
//! those, byte for byte as Rust's own formatting does (property tests below compare them).

use std::cmp::Ordering;

/// `format!("{:.*}", decimals, value)`, exactly: the value's exact binary expansion rounded
/// half to even, as core does. NaN is "NaN", infinities "inf" and "-inf".
pub fn fixed(value: f64, decimals: usize) -> String {
    rounded(value, decimals, true)
}

/// `fixed`, with exact ties rounded half to even (`ties_even`) or away from zero.
fn rounded(value: f64, decimals: usize, ties_even: bool) -> String {
    if value.is_nan() {
        return "NaN".into();
    }
    let mut out = String::new();
    if value.is_sign_negative() {
        out.push('-');
    }
    if value.is_infinite() {
        out.push_str("inf");
        return out;
    }
    let (mantissa, exponent) = decompose(value);
    // round(mantissa * 2^exponent * 10^decimals), half to even, over big integers.
    let mut n = Big::from(mantissa);
    for _ in 0..decimals {
        n.mul_small(10);
    }
    let digits = if exponent >= 0 {
        n.shl(exponent as usize);
        n.to_decimal()
    } else {
        let k = (-exponent) as usize;
        let mut q = n.clone();
        q.shr(k);
        let up = n.bit(k - 1) && (n.any_below(k - 1) || q.bit(0) || !ties_even);
        if up {
            q.add_one();
        }
        q.to_decimal()
    };
    let digits = format!("{digits:0>width$}", width = decimals + 1);
    let point = digits.len() - decimals;
    out.push_str(&digits[..point]);
    if decimals > 0 {
        out.push('.');
        out.push_str(&digits[point..]);
    }
    out
}

/// `format!("{}", value)`: the shortest text that reads back as `value`, never in scientific
/// notation ("1000000000000000000000", "0.0000001", "-0", "2.5").
pub fn display(value: f64) -> String {
    if !value.is_finite() {
        return non_finite(value);
    }
    let (negative, digits, exp) = shortest(value);
    let mut out = String::from(if negative { "-" } else { "" });
    out.push_str(&plain(&digits, exp));
    out
}

/// `format!("{:?}", value)`: as `display`, but with ".0" on whole numbers and in scientific
/// notation below 1e-4 and from 1e16 on ("1e21", "1.5e-7", "0.0001", "100.0").
pub fn debug(value: f64) -> String {
    if !value.is_finite() {
        return non_finite(value);
    }
    let (negative, digits, exp) = shortest(value);
    let mut out = String::from(if negative { "-" } else { "" });
    let magnitude = value.abs();
    if magnitude == 0.0 || (1e-4..1e16).contains(&magnitude) {
        let text = plain(&digits, exp);
        let whole = !text.contains('.');
        out.push_str(&text);
        if whole {
            out.push_str(".0");
        }
    } else {
        out.push_str(&digits[..1]);
        if digits.len() > 1 {
            out.push('.');
            out.push_str(&digits[1..]);
        }
        out.push('e');
        out.push_str(&exp.to_string());
    }
    out
}

/// A plain decimal ("12", "-0.5", ".25", "+3.") as f64; None for anything else (no exponents,
/// no "inf"). Correctly rounded up to 15 significant digits (an exact integer divided by an
/// exact power of ten); longer inputs are rounded twice, which is enough for colour numbers.
pub fn parse_decimal(text: &str) -> Option<f64> {
    let (negative, body) = match text.as_bytes().first()? {
        b'-' => (true, &text[1..]),
        b'+' => (false, &text[1..]),
        _ => (false, text),
    };
    let (whole, fraction) = body.split_once('.').unwrap_or((body, ""));
    if whole.is_empty() && fraction.is_empty() {
        return None;
    }
    let mut mantissa = 0.0f64;
    for b in whole.bytes().chain(fraction.bytes()) {
        if !b.is_ascii_digit() {
            return None;
        }
        mantissa = mantissa * 10.0 + f64::from(b - b'0');
    }
    let mut scale = 1.0f64;
    for _ in 0..fraction.len() {
        scale *= 10.0;
    }
    let value = mantissa / scale;
    Some(if negative { -value } else { value })
}

/// A JSON number ("-12.5e3", "1700000000000") as the nearest f64, ties to even: the value
/// `str::parse::<f64>` gives (a property test compares them). None when it is too large for an
/// f64. The text must already be a JSON number (the JSON reader checks its grammar).
///
/// Short inputs take the exact fast path (at most 15 digits and a power of ten up to 10^22:
/// both exact as f64, so one correctly rounded multiplication or division). Longer ones start
/// from an estimate and move one float at a time until the text lies between the midpoints to
/// either neighbour, each comparison exact in big integers; no table of powers is linked.
pub fn parse_number(text: &str) -> Option<f64> {
    let (negative, body) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (mantissa, exponent) = match body.split_once(['e', 'E']) {
        Some((m, e)) => (m, e),
        None => (body, "0"),
    };
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let (exp_negative, exp_digits) = match exponent.as_bytes().first() {
        Some(b'-') => (true, &exponent[1..]),
        Some(b'+') => (false, &exponent[1..]),
        _ => (false, exponent),
    };
    let mut exp10: i64 = 0;
    for b in exp_digits.bytes() {
        exp10 = (exp10 * 10 + i64::from(b.wrapping_sub(b'0'))).min(1_000_000_000);
    }
    if exp_negative {
        exp10 = -exp10;
    }
    let sign = if negative { -1.0 } else { 1.0 };
    // Up to 19 significant digits (JavaScript and Python write 17): exactly, without
    // allocating.
    let mut quick = Digits::default();
    for b in whole.bytes().chain(fraction.bytes()) {
        quick.push(b.wrapping_sub(b'0'));
    }
    quick.exp10 = exp10 - fraction.len() as i64;
    if let Some(value) = quick.exact() {
        return Some(sign * value);
    }
    nearest_float(whole, fraction, exp10).map(|x| sign * x)
}

/// The float nearest the decimal `whole`.`fraction` × 10^`exp10` (ties to even), for digits
/// past what `Digits` holds exactly: an estimate, then stepped a float at a time until the
/// exact comparisons with the midpoints either side agree. None past f64::MAX.
fn nearest_float(whole: &str, fraction: &str, mut exp10: i64) -> Option<f64> {
    let mut digits: Vec<u8> = Vec::new();
    for b in whole.bytes().chain(fraction.bytes()) {
        if digits.is_empty() && b == b'0' {
            continue;
        }
        digits.push(b.wrapping_sub(b'0'));
    }
    exp10 -= fraction.len() as i64;
    while digits.last() == Some(&0) {
        digits.pop();
        exp10 += 1;
    }
    // A float's midpoints have at most 767 significant digits: past 780, the digits cut only
    // matter as "something more", kept as one last 1 (the last digit is never 0 here).
    if digits.len() > 780 {
        exp10 += digits.len() as i64 - 780;
        digits.truncate(780);
        digits.push(1);
        exp10 -= 1;
    }
    let count = digits.len() as i64;
    // The value is below 10^(count + exp10) and at least 10^(count - 1 + exp10).
    if digits.is_empty() || count + exp10 <= -324 {
        return Some(0.0);
    }
    if count - 1 + exp10 >= 309 {
        return None;
    }
    let head = digits
        .iter()
        .take(17)
        .fold(0u64, |n, &d| n * 10 + u64::from(d));
    let mut x = estimate(head, exp10 + count - count.min(17));
    if !x.is_finite() {
        x = f64::MAX;
    }
    if x == 0.0 {
        x = f64::from_bits(1);
    }
    let exact = |m: u64, k: i32| compare(&digits, exp10, m, k);
    loop {
        let (m, k) = decompose(x);
        let odd = m % 2 == 1;
        // Midpoint to the next float up: (2m + 1) * 2^(k - 1), also past f64::MAX.
        let above = exact(2 * m + 1, k - 1);
        if above == Ordering::Greater || (above == Ordering::Equal && odd) {
            if x == f64::MAX {
                return None;
            }
            x = f64::from_bits(x.to_bits() + 1);
            continue;
        }
        // Midpoint to the next float down; a quarter step below a power of two.
        let below = if m == 1 << 52 && k > -1074 {
            exact(4 * m - 1, k - 2)
        } else {
            exact(2 * m - 1, k - 1)
        };
        if below == Ordering::Less || (below == Ordering::Equal && odd) {
            x = f64::from_bits(x.to_bits() - 1);
            if x == 0.0 {
                return Some(0.0);
            }
            continue;
        }
        return Some(x);
    }
}

/// 10^0..10^22 as 128-bit integers.
const POWERS_U128: [u128; 23] = {
    let mut table = [1u128; 23];
    let mut i = 1;
    while i < 23 {
        table[i] = table[i - 1] * 10;
        i += 1;
    }
    table
};

/// A number's significant digits as they are read (`push`, then the power of ten that scales
/// them in `exp10`): up to 19 of them as an integer. The JSON reader fills one as it scans;
/// `parse_number` from text.
#[derive(Default)]
pub struct Digits {
    value: u64,
    significant: u32,
    pub exp10: i64,
}

impl Digits {
    #[inline(always)]
    pub fn push(&mut self, d: u8) {
        if self.significant == 0 && d == 0 {
            return; // leading zeros
        }
        self.significant = self.significant.saturating_add(1);
        if self.significant <= 19 {
            self.value = self.value * 10 + u64::from(d);
        }
    }

    /// Whether any digit other than a leading zero was pushed.
    pub fn is_zero(&self) -> bool {
        self.significant == 0
    }

    /// The nearest f64 when every significant digit was kept and that is quick to decide
    /// (`exact_decimal`); None: ask `parse_number`.
    pub fn exact(&self) -> Option<f64> {
        if self.significant > 19 {
            return None;
        }
        exact_decimal(self.value, self.exp10)
    }
}

/// digits * 10^exp10 (digits below 10^19) to the nearest f64, when that is quick to decide:
/// exact operands (digits <= 2^53, a power of ten up to 10^22) or 128-bit integers (see
/// `exact_in_u128`). None otherwise.
fn exact_decimal(digits: u64, exp10: i64) -> Option<f64> {
    if digits <= 1 << 53 && (-22..=22).contains(&exp10) {
        let power = EXACT_POWERS[exp10.unsigned_abs() as usize];
        let value = digits as f64;
        return Some(if exp10 < 0 {
            value / power
        } else {
            value * power
        });
    }
    exact_in_u128(digits, exp10)
}

/// whole * 10^exp10 to the nearest f64 when 128-bit integers hold the work: a product with
/// 10^0..10^19 (exact, then rounded), or a quotient by 10^1..10^22. None otherwise.
fn exact_in_u128(whole: u64, exp10: i64) -> Option<f64> {
    if whole == 0 {
        return Some(0.0);
    }
    if (0..=19).contains(&exp10) {
        let product = u128::from(whole) * POWERS_U128[exp10 as usize];
        return round_scaled(product, false, 0);
    }
    if !(-22..0).contains(&exp10) {
        return None;
    }
    let power = POWERS_U128[exp10.unsigned_abs() as usize];
    // First the float division's answer x = m * 2^e, kept when the true quotient is strictly
    // within half a step of it: |whole * 2^(1-e) - 2 * m * 10^k| < 10^k, in integers (no
    // division). Almost always; otherwise a 128-bit division decides.
    let x = whole as f64 / power_of_ten(exp10.unsigned_abs() as i32);
    let (m, e) = decompose(x);
    if m != 1 << 52 && (-63..=0).contains(&e) {
        let scaled = u128::from(whole) << (1 - e) as u32;
        if scaled.abs_diff(2 * u128::from(m) * power) < power {
            return Some(x);
        }
    }
    // whole / 10^k = (whole * 2^s) / 10^k * 2^-s, the numerator filling 128 bits, so the
    // quotient has at least 54 (10^22 < 2^74): 53 for the float, one to round by.
    let shift = whole.leading_zeros() + 64;
    let numerator = u128::from(whole) << shift;
    round_scaled(
        numerator / power,
        !numerator.is_multiple_of(power),
        -(shift as i32),
    )
}

/// (q, plus something below 1 when `more`) * 2^exp2 to the nearest f64, ties to even; None
/// when q is too short to round (fewer than 54 bits and not exact) or the result is not a
/// normal float.
fn round_scaled(q: u128, more: bool, exp2: i32) -> Option<f64> {
    let bits = 128 - q.leading_zeros() as i32;
    let (mantissa, exp2) = if bits <= 53 {
        if more {
            return None;
        }
        (q as u64, exp2)
    } else {
        let drop = bits - 54;
        let kept = q >> drop;
        let lost = more || q & ((1u128 << drop) - 1) != 0;
        let (mut mantissa, round) = ((kept >> 1) as u64, kept & 1 == 1);
        if round && (lost || mantissa & 1 == 1) {
            mantissa += 1;
        }
        (mantissa, exp2 + drop + 1)
    };
    // mantissa <= 2^53 is exact as f64; times a power of two, exact while the result is normal.
    let value = mantissa as f64 * power_of_two(exp2)?;
    (value.is_finite() && value >= f64::MIN_POSITIVE).then_some(value)
}

/// 2^n as f64, for n a normal float's exponent.
fn power_of_two(n: i32) -> Option<f64> {
    (-1022..=1023)
        .contains(&n)
        .then(|| f64::from_bits(((n + 1023) as u64) << 52))
}

/// The powers of ten an f64 holds exactly.
const EXACT_POWERS: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/// 10^n as f64: exact up to 10^22, close (a few ulps) beyond.
fn power_of_ten(n: i32) -> f64 {
    let mut power = 1.0;
    let mut rest = n;
    while rest > 22 {
        power *= 1e22;
        rest -= 22;
    }
    power * EXACT_POWERS[rest.max(0) as usize]
}

/// 10^n, the nearest f64 (as `"1e{n}".parse()` gives): `powf` costs 2 KB of wasm, and `powi`
/// misses by an ulp from 10^23 and 10^-23 on.
pub fn pow10(n: i32) -> f64 {
    match n.unsigned_abs() {
        0..=22 if n >= 0 => EXACT_POWERS[n as usize],
        // Both exact, so the quotient is correctly rounded.
        0..=22 => 1.0 / EXACT_POWERS[n.unsigned_abs() as usize],
        _ => {
            let mut text = String::from("1e");
            text.push_str(&n.to_string());
            parse_number(&text).unwrap_or(if n > 0 { f64::INFINITY } else { 0.0 })
        }
    }
}

/// An estimate of head * 10^exp10 within a few floats of the nearest one (or 0 / inf at the
/// ends of the range); `parse_number` then corrects it exactly.
fn estimate(head: u64, exp10: i64) -> f64 {
    let mut value = head as f64;
    let mut rest = exp10;
    while rest != 0 {
        let step = rest.clamp(-300, 300);
        let power = power_of_ten(step.unsigned_abs() as i32);
        value = if step < 0 {
            value / power
        } else {
            value * power
        };
        rest -= step;
    }
    value
}

/// digits * 10^exp10 compared with m * 2^k, exactly.
fn compare(digits: &[u8], exp10: i64, m: u64, k: i32) -> Ordering {
    let mut left = Big::from(0);
    for &d in digits {
        left.mul_small(10);
        left.add_small(u32::from(d));
    }
    let mut right = Big::from(m);
    for _ in 0..exp10.unsigned_abs() {
        if exp10 > 0 {
            left.mul_small(10);
        } else {
            right.mul_small(10);
        }
    }
    if k > 0 {
        right.shl(k as usize);
    } else {
        left.shl(k.unsigned_abs() as usize);
    }
    left.compare(&right)
}

/// `value` limited to `low..=high` (NaN stays NaN), without `f64::clamp`'s panic path.
pub fn clamp(value: f64, low: f64, high: f64) -> f64 {
    if value < low {
        low
    } else if value > high {
        high
    } else {
        value
    }
}

/// `.limit(low, high)` on f64: `clamp` as a method, for chains.
pub trait Limit {
    fn limit(self, low: f64, high: f64) -> f64;
}

impl Limit for f64 {
    fn limit(self, low: f64, high: f64) -> f64 {
        clamp(self, low, high)
    }
}

fn non_finite(value: f64) -> String {
    if value.is_nan() {
        "NaN".into()
    } else if value > 0.0 {
        "inf".into()
    } else {
        "-inf".into()
    }
}

/// value = mantissa * 2^exponent, exactly.
fn decompose(value: f64) -> (u64, i32) {
    let bits = value.to_bits();
    let biased = ((bits >> 52) & 0x7ff) as i32;
    let fraction = bits & ((1u64 << 52) - 1);
    if biased == 0 {
        (fraction, -1074)
    } else {
        (fraction | (1u64 << 52), biased - 1075)
    }
}

/// The shortest round-trip digits of a finite value: (negative, digits without leading or
/// trailing zeros ("0" for zero), exponent of the first digit). The digits come from zmij,
/// already linked for JSON output. Where two strings of that length read back as the value and
/// the value lies exactly halfway between them, core takes the one away from zero and zmij
/// the even one; that tie is only possible when the value's exact expansion has one decimal
/// more than the digits, so it is checked there and rounded as core does.
fn shortest(value: f64) -> (bool, String, i32) {
    let mut buffer = zmij::Buffer::new();
    let (negative, digits, exp) = digits_of(buffer.format_finite(value));
    let decimals = digits.len() as i32 - 1 - exp;
    let (mut mantissa, mut binary_exp) = decompose(value);
    while mantissa != 0 && mantissa % 2 == 0 && binary_exp < 0 {
        mantissa /= 2;
        binary_exp += 1;
    }
    if decimals >= 0 && binary_exp < 0 && -binary_exp == decimals + 1 {
        let (_, digits, exp) = digits_of(&rounded(value.abs(), decimals as usize, false));
        return (negative, digits, exp);
    }
    (negative, digits, exp)
}

/// Digits and first-digit exponent of a decimal text ("-12.50", "1.5e+17", "0.001").
fn digits_of(text: &str) -> (bool, String, i32) {
    let (negative, text) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (mantissa, exp10) = match text.split_once(['e', 'E']) {
        Some((m, e)) => (m, e.trim_start_matches('+').parse::<i32>().unwrap_or(0)),
        None => (text, 0),
    };
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let mut digits: String = whole.chars().chain(fraction.chars()).collect();
    // Position of the decimal point after the first digit of `digits`.
    let mut exp = whole.len() as i32 - 1 + exp10;
    let leading = digits.len() - digits.trim_start_matches('0').len();
    digits.drain(..leading);
    exp -= leading as i32;
    let kept = digits.trim_end_matches('0').len();
    digits.truncate(kept);
    if digits.is_empty() {
        return (negative, "0".into(), 0);
    }
    (negative, digits, exp)
}

/// Digits with their first digit's exponent, written out in full ("12.5", "0.001", "1200").
fn plain(digits: &str, exp: i32) -> String {
    if exp < 0 {
        let mut out = String::from("0.");
        for _ in 0..(-exp - 1) {
            out.push('0');
        }
        out.push_str(digits);
        return out;
    }
    let point = exp as usize + 1;
    if digits.len() <= point {
        let mut out = digits.to_string();
        for _ in digits.len()..point {
            out.push('0');
        }
        out
    } else {
        format!("{}.{}", &digits[..point], &digits[point..])
    }
}

/// A non-negative big integer, 32-bit limbs, least significant first.
#[derive(Clone)]
struct Big(Vec<u32>);

impl Big {
    fn from(n: u64) -> Big {
        Big(vec![n as u32, (n >> 32) as u32])
    }

    fn mul_small(&mut self, factor: u32) {
        let mut carry = 0u64;
        for limb in &mut self.0 {
            let v = u64::from(*limb) * u64::from(factor) + carry;
            *limb = v as u32;
            carry = v >> 32;
        }
        if carry > 0 {
            self.0.push(carry as u32);
        }
    }

    fn shl(&mut self, bits: usize) {
        let (limbs, rest) = (bits / 32, bits % 32);
        if rest > 0 {
            let mut carry = 0u32;
            for limb in &mut self.0 {
                let v = (*limb << rest) | carry;
                carry = *limb >> (32 - rest);
                *limb = v;
            }
            if carry > 0 {
                self.0.push(carry);
            }
        }
        self.0.splice(0..0, std::iter::repeat_n(0, limbs));
    }

    fn shr(&mut self, bits: usize) {
        let (limbs, rest) = (bits / 32, bits % 32);
        if limbs >= self.0.len() {
            self.0 = vec![0];
            return;
        }
        self.0.drain(..limbs);
        if rest > 0 {
            for i in 0..self.0.len() {
                let high = self.0.get(i + 1).map_or(0, |h| h << (32 - rest));
                self.0[i] = (self.0[i] >> rest) | high;
            }
        }
    }

    fn bit(&self, i: usize) -> bool {
        self.0
            .get(i / 32)
            .is_some_and(|limb| limb >> (i % 32) & 1 == 1)
    }

    /// Whether any bit below `i` is set.
    fn any_below(&self, i: usize) -> bool {
        let (limbs, rest) = (i / 32, i % 32);
        self.0.iter().take(limbs).any(|&l| l != 0)
            || (rest > 0
                && self
                    .0
                    .get(limbs)
                    .is_some_and(|l| l & ((1u32 << rest) - 1) != 0))
    }

    fn add_small(&mut self, n: u32) {
        let mut carry = n;
        for limb in &mut self.0 {
            let (v, overflow) = limb.overflowing_add(carry);
            *limb = v;
            if !overflow {
                return;
            }
            carry = 1;
        }
        self.0.push(carry);
    }

    /// Compared as numbers (high zero limbs ignored).
    fn compare(&self, other: &Big) -> Ordering {
        let significant = |b: &Big| b.0.iter().rposition(|&l| l != 0).map_or(0, |i| i + 1);
        let (a, b) = (significant(self), significant(other));
        if a != b {
            return a.cmp(&b);
        }
        self.0[..a].iter().rev().cmp(other.0[..b].iter().rev())
    }

    fn add_one(&mut self) {
        for limb in &mut self.0 {
            let (v, overflow) = limb.overflowing_add(1);
            *limb = v;
            if !overflow {
                return;
            }
        }
        self.0.push(1);
    }

    fn to_decimal(&self) -> String {
        let mut limbs = self.0.clone();
        let mut chunks = Vec::new();
        loop {
            while limbs.len() > 1 && limbs.last() == Some(&0) {
                limbs.pop();
            }
            if limbs.len() == 1 && limbs[0] < 1_000_000_000 {
                chunks.push(limbs[0]);
                break;
            }
            let mut remainder = 0u64;
            for limb in limbs.iter_mut().rev() {
                let v = (remainder << 32) | u64::from(*limb);
                *limb = (v / 1_000_000_000) as u32;
                remainder = v % 1_000_000_000;
            }
            chunks.push(remainder as u32);
        }
        let mut out = chunks.pop().unwrap_or(0).to_string();
        for chunk in chunks.iter().rev() {
            out.push_str(&format!("{chunk:09}"));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn pow10_is_the_nearest_float() {
        for n in -340..=320 {
            let core: f64 = format!("1e{n}").parse().unwrap();
            assert_eq!(pow10(n).to_bits(), core.to_bits(), "10^{n}");
        }
    }

    use super::*;

    /// A deterministic stream of f64 bit patterns (xorshift), spread over every exponent.
    fn values(count: usize) -> Vec<f64> {
        let mut state = 0x9e37_79b9_7f4a_7c15u64;
        let mut out = vec![
            0.0,
            -0.0,
            0.5,
            1.5,
            2.5,
            0.125,
            0.375,
            -0.4,
            1e21,
            1e16,
            1e15,
            1e-4,
            1e-5,
            5e-324,
            f64::MAX,
            f64::MIN_POSITIVE,
            0.1 + 0.2,
            123.456,
            99.95,
            9.995,
            0.05,
            2.675,
            -1.005,
        ];
        while out.len() < count {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let v = f64::from_bits(state);
            if v.is_finite() {
                out.push(v);
                // Also everyday magnitudes, where charts live.
                let scale = [1.0, 1e3, 1e-3, 1e6][(state % 4) as usize];
                out.push((state >> 11) as f64 / (1u64 << 53) as f64 * scale);
            }
        }
        out
    }

    #[test]
    fn fixed_matches_core_formatting() {
        for v in values(20_000) {
            for d in [0, 1, 2, 3, 6] {
                assert_eq!(fixed(v, d), format!("{v:.d$}"), "{v:e} with {d} decimals");
            }
        }
        assert_eq!(fixed(f64::NAN, 2), "NaN");
        assert_eq!(fixed(f64::NEG_INFINITY, 1), "-inf");
        assert_eq!(fixed(2.5, 0), "2", "ties go to even");
    }

    #[test]
    fn display_and_debug_match_core_formatting() {
        for v in values(50_000) {
            assert_eq!(display(v), format!("{v}"), "{v:e}");
            assert_eq!(debug(v), format!("{v:?}"), "{v:e}");
        }
        for v in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
            assert_eq!(display(v), format!("{v}"));
            assert_eq!(debug(v), format!("{v:?}"));
        }
    }

    #[test]
    fn parses_plain_decimals_as_core_does() {
        for text in [
            "0", "255", "0.5", ".25", "12.", "-3.75", "+1", "0.1", "127.5", "99.99",
        ] {
            assert_eq!(parse_decimal(text), text.parse::<f64>().ok(), "{text}");
        }
        for v in values(5_000) {
            let text = fixed(v.abs() % 1e6, 4);
            assert_eq!(parse_decimal(&text), text.parse::<f64>().ok(), "{text}");
        }
        for bad in ["", "-", ".", "1e3", "inf", "1.2.3", "12px", " 1"] {
            assert_eq!(parse_decimal(bad), None, "{bad:?}");
        }
    }

    /// What core reads from `text`, with infinity as None (a JSON number out of range).
    fn core_number(text: &str) -> Option<f64> {
        text.parse::<f64>().ok().filter(|v| v.is_finite())
    }

    /// The exact decimal of m * 2^k as JSON number text.
    fn exact_text(m: u64, k: i32) -> String {
        let mut big = Big::from(m);
        if k >= 0 {
            big.shl(k as usize);
            return big.to_decimal();
        }
        for _ in 0..-k {
            big.mul_small(5);
        }
        format!("{}e{k}", big.to_decimal())
    }

    #[test]
    fn parses_json_numbers_as_core_does() {
        let mut texts: Vec<String> = [
            "0",
            "-0",
            "0.0",
            "-0.0e5",
            "1",
            "-1",
            "176.25",
            "1700000000000",
            "1e309",
            "1.7976931348623157e308",
            "1.7976931348623158e308",
            "1.7976931348623159e308",
            "2.4703282292062327e-324",
            "2.4703282292062328e-324",
            "4.9406564584124654e-324",
            "1e-400",
            "1e99999999999999999999",
            "0e99999999999999999999",
            "2.2250738585072011e-308",
            "2.2250738585072012e-308",
            "9007199254740993",
            "9007199254740992.5",
            "0.1e-0",
            "123456789012345678901234567890e-30",
            "1E+2",
            "1e22",
            "1e23",
            "8.98846567431158e307",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        texts.push(format!("0.{}1", "0".repeat(330)));
        texts.push(format!("1{}", "0".repeat(308)));
        texts.push(format!("{}e-1000", "7".repeat(1200)));
        texts.push(format!("1.{}1", "0".repeat(900)));
        for v in values(20_000) {
            texts.push(format!("{v:e}"));
            texts.push(format!("{v:.25e}"));
            texts.push(fixed(v % 1e9, 3));
            // The midpoints either side of v: ties go to the even neighbour.
            let (m, k) = decompose(v.abs());
            if m > 0 {
                texts.push(exact_text(2 * m + 1, k - 1));
                texts.push(exact_text(2 * m - 1, k - 1));
                // The midpoint cut to 16..19 digits, and one unit up: just either side of it,
                // where 128-bit rounding must be exact.
                let middle = exact_text(2 * m + 1, k - 1);
                let (digits, exp) = middle.split_once('e').unwrap_or((&middle, "0"));
                let exp: i64 = exp.parse().unwrap_or(0);
                for keep in 16..=19 {
                    if digits.len() > keep {
                        let cut: u64 = digits[..keep].parse().unwrap_or(0);
                        let at = exp + (digits.len() - keep) as i64;
                        texts.push(format!("{cut}e{at}"));
                        texts.push(format!("{}e{at}", cut + 1));
                    }
                }
            }
        }
        // Powers of two, where the float below is half a step away: its midpoint is a quarter.
        for e in (-1022..1024).step_by(7) {
            let (m, k) = decompose(2f64.powi(e));
            texts.push(exact_text(4 * m - 1, k - 2));
            texts.push(exact_text(4 * m - 3, k - 2));
            texts.push(exact_text(2 * m + 1, k - 1));
        }
        for text in &texts {
            let ours = parse_number(text);
            let core = core_number(text);
            assert_eq!(
                ours.map(f64::to_bits),
                core.map(f64::to_bits),
                "{text}: ours {ours:?}, core {core:?}"
            );
        }
    }

    #[test]
    fn clamps_without_panicking() {
        assert_eq!(clamp(5.0, 0.0, 1.0), 1.0);
        assert_eq!(clamp(-5.0, 0.0, 1.0), 0.0);
        assert_eq!(clamp(0.25, 0.0, 1.0), 0.25);
        assert!(clamp(f64::NAN, 0.0, 1.0).is_nan());
        assert_eq!(clamp(0.5, 1.0, 0.0), 1.0, "reversed bounds do not panic");
    }
}
