//! Registry ids from names: "Lena Marković" → "lena-markovic",
//! "Олег Бондар" → "oleh-bondar".

/// A lowercase `[a-z0-9-]` id for `name`, folding Latin diacritics and
/// transliterating Cyrillic. Scripts it cannot transliterate are dropped;
/// when nothing is left the id is "actor".
pub fn slugify(name: &str) -> String {
    let mut out = String::new();
    let mut pending_dash = false;
    for c in name.chars() {
        let Some(folded) = fold(c) else {
            pending_dash = !out.is_empty();
            continue;
        };
        if pending_dash {
            out.push('-');
            pending_dash = false;
        }
        out.push_str(folded);
    }
    if out.is_empty() { "actor".to_string() } else { out }
}

/// The ASCII spelling of `c`: `None` for a separator, `Some("")` for a
/// letter with no sound of its own (the Cyrillic soft and hard signs).
fn fold(c: char) -> Option<&'static str> {
    const ASCII: [&str; 36] = [
        "a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o", "p", "q", "r", "s", "t", "u", "v",
        "w", "x", "y", "z", "0", "1", "2", "3", "4", "5", "6", "7", "8", "9",
    ];
    let lower = c.to_lowercase().next().unwrap_or(c);
    let folded = match lower {
        'a'..='z' => ASCII[(lower as u8 - b'a') as usize],
        '0'..='9' => ASCII[26 + (lower as u8 - b'0') as usize],
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
        'æ' => "ae",
        'ç' | 'ć' | 'č' | 'ĉ' | 'ċ' => "c",
        'ď' | 'đ' | 'ð' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => "e",
        'ğ' | 'ģ' => "g",
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'į' | 'ı' => "i",
        'ķ' => "k",
        'ł' | 'ľ' | 'ļ' | 'ĺ' => "l",
        'ñ' | 'ń' | 'ň' | 'ņ' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => "o",
        'œ' => "oe",
        'ř' | 'ŕ' => "r",
        'ś' | 'š' | 'ş' | 'ș' => "s",
        'ß' => "ss",
        'ť' | 'ţ' | 'ț' => "t",
        'þ' => "th",
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' | 'ų' => "u",
        'ý' | 'ÿ' => "y",
        'ź' | 'ż' | 'ž' => "z",
        'а' => "a",
        'б' => "b",
        'в' => "v",
        'г' => "h",
        'ґ' => "g",
        'д' => "d",
        'е' => "e",
        'є' => "ye",
        'ё' => "yo",
        'ж' => "zh",
        'з' => "z",
        'и' => "y",
        'і' => "i",
        'ї' => "yi",
        'й' => "y",
        'к' => "k",
        'л' => "l",
        'м' => "m",
        'н' => "n",
        'о' => "o",
        'п' => "p",
        'р' => "r",
        'с' => "s",
        'т' => "t",
        'у' => "u",
        'ф' => "f",
        'х' => "kh",
        'ц' => "ts",
        'ч' => "ch",
        'ш' => "sh",
        'щ' => "shch",
        'ы' => "y",
        'э' => "e",
        'ю' => "yu",
        'я' => "ya",
        'ъ' | 'ь' => return Some(""),
        _ => return None,
    };
    Some(folded)
}

#[cfg(test)]
mod tests {
    use super::slugify;

    #[test]
    fn slugs() {
        assert_eq!(slugify("Lena Marković"), "lena-markovic");
        assert_eq!(slugify("Ana de la Vega"), "ana-de-la-vega");
        assert_eq!(slugify("Олег Бондар"), "oleh-bondar");
        assert_eq!(slugify("Jean-Luc O’Neill Jr."), "jean-luc-o-neill-jr");
        assert_eq!(slugify("李"), "actor");
        assert_eq!(slugify("Ігорь Коваль"), "ihor-koval");
    }
}
