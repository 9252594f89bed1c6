//! Pre-rendered SVG bar charts: no JavaScript, no image files, readable by screen readers (title,
//! description and a generated text alternative), numbers written the page's way, and mirrored for
//! right-to-left languages. Colours come from the theme's CSS classes, so dark mode and high
//! contrast apply and the Content-Security-Policy needs no inline styles.

use crate::escape::xml_escape;

/// One bar series ("applicants").
pub struct Series {
    pub name: String,
    pub values: Vec<f64>,
}

/// Everything a chart shows, already translated and formatted.
pub struct BarChart<'a> {
    /// Unique on the page; used for the title and description ids.
    pub id: &'a str,
    pub title: &'a str,
    pub description: &'a str,
    /// One label per group of bars.
    pub labels: Vec<String>,
    pub series: Vec<Series>,
    pub rtl: bool,
    /// Formats a value for display (the language's digits and separators).
    pub format: &'a dyn Fn(f64) -> String,
}

// A narrow canvas: on a 360 px phone the chart is drawn at about 0.8×, so 16-unit text stays
// readable; the theme caps its width on large screens.
const WIDTH: f64 = 400.0;
const PAD: f64 = 4.0;
const BAR: f64 = 22.0;
const GAP: f64 = 5.0;
const LABEL: f64 = 26.0;
const GROUP_GAP: f64 = 14.0;
const VALUE_SPACE: f64 = 60.0;

impl BarChart<'_> {
    /// A horizontal grouped bar chart as inline SVG.
    pub fn to_svg(&self) -> String {
        let max = self
            .series
            .iter()
            .flat_map(|s| s.values.iter().copied())
            .fold(0.0_f64, f64::max)
            .max(1.0);
        let span = WIDTH - 2.0 * PAD - VALUE_SPACE;
        // x of a point `d` from the start edge, for a box of width `w`.
        let x = |d: f64, w: f64| if self.rtl { WIDTH - d - w } else { d };
        // SVG anchors follow the text's own direction: "start" is the right edge of RTL text.
        let dir = if self.rtl { "rtl" } else { "ltr" };
        // Values are always written left to right; their anchor faces the end of the bar.
        let value_anchor = if self.rtl { "end" } else { "start" };
        let mut body = String::new();
        let mut y = PAD;

        // Legend: one row per series, so no text width has to be guessed for any script.
        for (i, s) in self.series.iter().enumerate() {
            body.push_str(&format!(
                "<rect class=\"s{i}\" x=\"{:.1}\" y=\"{:.1}\" width=\"14\" height=\"14\"/>",
                x(PAD, 14.0),
                y + 4.0
            ));
            body.push_str(&format!(
                "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"start\" direction=\"{dir}\">{}</text>",
                x(PAD + 20.0, 0.0),
                y + 16.0,
                xml_escape(&s.name)
            ));
            y += 22.0;
        }
        y += 8.0;

        for (g, label) in self.labels.iter().enumerate() {
            body.push_str(&format!(
                "<text class=\"label\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"start\" direction=\"{dir}\">{}</text>",
                x(PAD, 0.0),
                y + 17.0,
                xml_escape(label)
            ));
            y += LABEL;
            for (i, s) in self.series.iter().enumerate() {
                let v = s.values.get(g).copied().unwrap_or(0.0);
                let w = (v / max * span).max(1.0);
                body.push_str(&format!(
                    "<rect class=\"s{i}\" x=\"{:.1}\" y=\"{:.1}\" width=\"{w:.1}\" height=\"{BAR}\"/>",
                    x(PAD, w),
                    y
                ));
                body.push_str(&format!(
                    "<text class=\"value\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"{value_anchor}\" direction=\"ltr\">{}</text>",
                    x(PAD + w + 5.0, 0.0),
                    y + 16.0,
                    xml_escape(&(self.format)(v))
                ));
                y += BAR + GAP;
            }
            y += GROUP_GAP;
        }
        let height = y + PAD;
        format!(
            "<svg class=\"chart\" viewBox=\"0 0 {WIDTH} {height:.0}\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" xmlns=\"http://www.w3.org/2000/svg\"><title id=\"{id}-title\">{title}</title><desc id=\"{id}-desc\">{desc}</desc>{body}</svg>",
            id = xml_escape(self.id),
            title = xml_escape(self.title),
            desc = xml_escape(&self.text_alternative()),
        )
    }

    /// The description followed by every value in words: what a screen reader announces, and what
    /// a reader who cannot see the bars needs.
    pub fn text_alternative(&self) -> String {
        let mut s = self.description.trim().to_string();
        for (g, label) in self.labels.iter().enumerate() {
            let parts: Vec<String> = self
                .series
                .iter()
                .map(|ser| {
                    format!(
                        "{} {}",
                        ser.name,
                        (self.format)(ser.values.get(g).copied().unwrap_or(0.0))
                    )
                })
                .collect();
            s.push_str(&format!(" {label}: {}.", parts.join(", ")));
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chart(rtl: bool) -> String {
        let fmt = |v: f64| format!("{v}");
        BarChart {
            id: "c",
            title: "Title <&>",
            description: "Desc.",
            labels: vec!["2018".into(), "2019".into()],
            series: vec![
                Series {
                    name: "A".into(),
                    values: vec![503.0, 700.0],
                },
                Series {
                    name: "B".into(),
                    values: vec![802.0, 1131.0],
                },
            ],
            rtl,
            format: &fmt,
        }
        .to_svg()
    }

    #[test]
    fn chart_is_labelled_and_escaped() {
        let svg = chart(false);
        assert!(svg.starts_with("<svg class=\"chart\""));
        assert!(svg.contains("role=\"img\" aria-labelledby=\"c-title c-desc\""));
        assert!(svg.contains("<title id=\"c-title\">Title &lt;&amp;&gt;</title>"));
        assert!(svg.contains("Desc. 2018: A 503, B 802. 2019: A 700, B 1131."));
        assert!(!svg.contains("style="));
    }

    #[test]
    fn rtl_charts_grow_from_the_right() {
        let ltr = chart(false);
        let rtl = chart(true);
        // The longest bar (1131) starts at the left edge in LTR and ends at the right edge in RTL.
        let w = WIDTH - 2.0 * PAD - VALUE_SPACE;
        let longest = |svg: &str| {
            let end = svg.find(&format!("width=\"{w:.1}\"")).unwrap();
            let start = svg[..end].rfind("x=\"").unwrap() + 3;
            svg[start..end].split('"').next().unwrap().to_string()
        };
        assert_eq!(longest(&ltr), format!("{PAD:.1}"), "{ltr}");
        assert_eq!(longest(&rtl), format!("{:.1}", WIDTH - PAD - w), "{rtl}");
        // Labels anchor at their own start (the right edge in RTL); values face the bar's end.
        assert!(rtl.contains("text-anchor=\"start\" direction=\"rtl\""));
        assert!(rtl.contains("text-anchor=\"end\" direction=\"ltr\""));
        assert!(ltr.contains("text-anchor=\"start\" direction=\"ltr\""));
    }
}
