//! Drawing one chart with plotters, as SVG text or as a PNG file. Text is laid out with
//! DejaVu Sans, embedded in the binary: no system font and no fontconfig are needed.
//!
//! Three shapes cover every chart of the report: bars (vertical or horizontal, grouped or
//! stacked, with an optional reference line), an hour x weekday heatmap, and a line.

use std::path::Path;
use std::sync::Once;

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::{FontStyle, register_font};

use super::charts::{Plot, Role, Spec};

/// The font family every chart uses.
const FONT: &str = "sans-serif";
/// Chart colours: you (teal), them (amber), and grey for what is muted (the previous
/// period, a bar below the average).
pub const SERIES: [RGBColor; 3] = [
    RGBColor(15, 118, 110),
    RGBColor(217, 119, 6),
    RGBColor(148, 163, 184),
];

/// The colour of a role, the same in every chart.
fn colour(role: Role) -> RGBColor {
    match role {
        Role::You => SERIES[0],
        Role::Them => SERIES[1],
        Role::Previous => SERIES[2],
        // Shades of "them": dark, the amber itself, light.
        Role::Person(i) => match i % 3 {
            0 => RGBColor(146, 64, 14),
            1 => SERIES[1],
            _ => RGBColor(252, 211, 77),
        },
    }
}
const TEXT: RGBColor = RGBColor(30, 41, 59);
const GRID: RGBColor = RGBColor(226, 232, 240);

static FONTS: Once = Once::new();

thread_local! {
    /// How many device pixels a chart pixel takes: 1 for SVG, 2 for PNG.
    static SCALE: std::cell::Cell<i32> = const { std::cell::Cell::new(1) };
}

/// A length of the chart's layout in device pixels.
fn px(n: i32) -> i32 {
    n * SCALE.with(|s| s.get())
}

/// [`px`] for the sizes plotters takes unsigned.
fn pxu(n: u32) -> u32 {
    n * SCALE.with(|s| s.get()).max(1) as u32
}

/// PNGs are drawn at twice the chart's size, for sharp text on high-density screens and in
/// print.
pub const PNG_SCALE: i32 = 2;

fn register_fonts() {
    FONTS.call_once(|| {
        // A font that fails to load leaves the text out of the PNG; it cannot fail for the
        // embedded, known-good DejaVu files.
        let _ = register_font(FONT, FontStyle::Normal, dejavu::sans::regular());
        let _ = register_font(FONT, FontStyle::Bold, dejavu::sans::bold());
    });
}

/// The chart as an SVG document.
pub fn svg(spec: &Spec) -> Result<String, String> {
    register_fonts();
    let mut text = String::new();
    {
        let root = SVGBackend::with_string(&mut text, spec.size).into_drawing_area();
        draw(&root, spec)?;
        root.present().map_err(|e| e.to_string())?;
    }
    Ok(text)
}

/// The chart as a PNG file.
pub fn png(spec: &Spec, path: &Path) -> Result<(), String> {
    register_fonts();
    let size = (
        spec.size.0 * PNG_SCALE as u32,
        spec.size.1 * PNG_SCALE as u32,
    );
    SCALE.with(|s| s.set(PNG_SCALE));
    let drawn = (|| {
        let root = BitMapBackend::new(path, size).into_drawing_area();
        draw(&root, spec)?;
        root.present().map_err(|e| e.to_string())
    })();
    SCALE.with(|s| s.set(1));
    drawn
}

fn style(size: i32) -> TextStyle<'static> {
    (FONT, px(size)).into_font().color(&TEXT)
}

/// Cuts a label that would not fit.
fn short(label: &str, max: usize) -> String {
    if label.chars().count() <= max {
        label.to_string()
    } else {
        let cut: String = label.chars().take(max - 1).collect();
        format!("{cut}…")
    }
}

/// Labels a count axis: whole numbers only (a tick between two counts says nothing).
fn count_tick(v: f64) -> String {
    if (v - v.round()).abs() < 1e-9 {
        format!("{v:.0}")
    } else {
        String::new()
    }
}

/// Prints a value on an axis or a bar: integers without decimals.
pub fn tick(v: f64) -> String {
    let v = v + 0.0; // never "-0"
    if (v - v.round()).abs() < 1e-9 {
        format!("{v:.0}")
    } else if v.abs() >= 10.0 {
        format!("{v:.1}")
    } else {
        format!("{v:.2}")
    }
}

/// Whether the embedded font has no glyph for `c` and a label should not carry it: emoji
/// and pictographs, their variation selectors and joiners, flags' regional indicators.
fn undrawable(c: char) -> bool {
    // 0x1F000..=0x1FAFF holds the pictographs and the flags' regional indicators.
    matches!(c as u32,
        0x1F000..=0x1FAFF | 0x1FC00..=0x1FFFF | 0xFE00..=0xFE0F | 0x200D | 0xE0020..=0xE007F)
}

/// A label as the embedded font can draw it: emoji left out cleanly (never a box), and a
/// label of emoji only said as "emoji".
pub fn drawable(label: &str) -> String {
    if !label.chars().any(undrawable) {
        return label.to_string();
    }
    let kept: String = label.chars().filter(|c| !undrawable(*c)).collect();
    let words: Vec<&str> = kept.split_whitespace().collect();
    if words.is_empty() || words.iter().all(|w| w.chars().all(|c| c == '#')) {
        format!("{}emoji", if label.starts_with('#') { "#" } else { "" })
    } else {
        words.join(" ")
    }
}

/// The spec with every text made [`drawable`].
fn drawable_spec(spec: &Spec) -> Spec {
    let mut spec = spec.clone();
    spec.title = drawable(&spec.title);
    match &mut spec.plot {
        Plot::Bars(bars) => {
            for c in &mut bars.categories {
                *c = drawable(c);
            }
            for n in bars.notes.iter_mut().flatten() {
                *n = drawable(n);
            }
        }
        Plot::Heatmap(map) => {
            for cell in &mut map.cells {
                cell.label = drawable(&cell.label);
            }
        }
        Plot::Line(line) => {
            for l in &mut line.labels {
                *l = drawable(l);
            }
        }
    }
    spec
}

fn draw<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, spec: &Spec) -> Result<(), String> {
    let spec = &drawable_spec(spec);
    let err = |e: DrawingAreaErrorKind<DB::ErrorType>| e.to_string();
    root.fill(&WHITE).map_err(err)?;
    // A title that touches the top edge reads as cut off.
    let root = root.margin(px(12), 0, 0, 0);
    let root = root
        .titled(
            &spec.title,
            (FONT, px(24), FontStyle::Bold).into_font().color(&TEXT),
        )
        .map_err(err)?;
    match &spec.plot {
        Plot::Bars(bars) if bars.horizontal => horizontal_bars(&root, spec, bars),
        Plot::Bars(bars) => vertical_bars(&root, spec, bars),
        Plot::Heatmap(map) => heatmap(&root, spec, map),
        Plot::Line(line) => line_chart(&root, spec, line),
    }
}

fn value_max(bars: &super::charts::Bars) -> f64 {
    let top = (0..bars.categories.len())
        .map(|i| bars.end(i))
        .fold(bars.reference.unwrap_or(0.0), f64::max);
    if top <= 0.0 { 1.0 } else { top * 1.12 }
}

fn legend<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    bars: &super::charts::Bars,
) -> Result<(), String> {
    // A series with no bar has no legend entry; one series needs no legend.
    let shown: Vec<(&str, Role)> = bars
        .series
        .iter()
        .filter(|s| s.values.iter().any(|v| *v != 0.0))
        .map(|s| (s.name.as_str(), s.role))
        .collect();
    if shown.len() < 2 {
        return Ok(());
    }
    let (width, _) = root.dim_in_pixel();
    let mut x = width as i32 - px(20);
    for (name, role) in shown.iter().rev() {
        let w = px(36) + px(10) * name.chars().count() as i32;
        x -= w;
        root.draw(&Rectangle::new(
            [(x, px(6)), (x + px(14), px(20))],
            colour(*role).filled(),
        ))
        .map_err(|e| e.to_string())?;
        root.draw(&Text::new(name.to_string(), (x + px(22), px(6)), style(17)))
            .map_err(|e| e.to_string())?;
    }
    Ok(())
}

fn vertical_bars<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    spec: &Spec,
    bars: &super::charts::Bars,
) -> Result<(), String> {
    let err = |e: DrawingAreaErrorKind<DB::ErrorType>| e.to_string();
    let n = bars.categories.len().max(1);
    legend(root, bars)?;
    let mut chart = ChartBuilder::on(root)
        .margin(px(14))
        .margin_top(px(28))
        .x_label_area_size(pxu(if bars.rotate_labels { 130 } else { 56 }))
        .y_label_area_size(pxu(84))
        .build_cartesian_2d(0.0..n as f64, 0.0..value_max(bars))
        .map_err(err)?;
    chart
        .configure_mesh()
        .disable_x_mesh()
        .light_line_style(WHITE)
        .bold_line_style(GRID)
        .x_labels(0)
        .y_labels(6)
        .y_label_formatter(if bars.counts {
            &|v| count_tick(*v)
        } else {
            &|v| tick(*v)
        })
        .label_style(style(17))
        .axis_desc_style(style(17))
        .x_desc(spec.x_label.as_str())
        .y_desc(spec.y_label.as_str())
        .draw()
        .map_err(err)?;
    for (s, series) in bars.series.iter().enumerate() {
        let tint = colour(series.role);
        let (offset, width) = bars.slot(s);
        let rects = series.values.iter().enumerate().map(|(i, v)| {
            let below = bars.base(s, i);
            let x0 = i as f64 + offset;
            Rectangle::new([(x0, below), (x0 + width, below + v)], tint.filled())
        });
        chart.draw_series(rects).map_err(err)?;
    }
    if let Some(r) = bars.reference {
        chart
            .draw_series(LineSeries::new(
                [(0.0, r), (n as f64, r)],
                ShapeStyle::from(&TEXT).stroke_width(pxu(1)),
            ))
            .map_err(err)?;
    }
    // Category labels under their bars; every k-th when there are many.
    let every = bars
        .categories
        .len()
        .div_ceil(bars.max_labels.max(1))
        .max(1);
    let label_style = if bars.rotate_labels {
        style(16)
            .transform(FontTransform::Rotate270)
            .pos(Pos::new(HPos::Right, VPos::Center))
    } else {
        style(17).pos(Pos::new(HPos::Center, VPos::Top))
    };
    let labels = bars
        .categories
        .iter()
        .enumerate()
        .filter(|(i, _)| i % every == 0)
        .map(|(i, c)| {
            EmptyElement::at((i as f64 + 0.5, 0.0))
                + Text::new(short(c, 14), (0, px(8)), label_style.clone())
        });
    chart.draw_series(labels).map_err(err)?;
    if let Some(notes) = &bars.notes {
        let texts = notes.iter().enumerate().map(|(i, note)| {
            let top = bars.end(i);
            EmptyElement::at((i as f64 + 0.5, top))
                + Text::new(
                    note.clone(),
                    (0, -4),
                    style(15).pos(Pos::new(HPos::Center, VPos::Bottom)),
                )
        });
        chart.draw_series(texts).map_err(err)?;
    }
    Ok(())
}

fn horizontal_bars<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    spec: &Spec,
    bars: &super::charts::Bars,
) -> Result<(), String> {
    let err = |e: DrawingAreaErrorKind<DB::ErrorType>| e.to_string();
    let n = bars.categories.len().max(1);
    legend(root, bars)?;
    let mut chart = ChartBuilder::on(root)
        .margin(px(14))
        .margin_top(px(28))
        .margin_right(px(40))
        .x_label_area_size(pxu(56))
        .y_label_area_size(pxu(250))
        .build_cartesian_2d(0.0..value_max(bars), 0.0..n as f64)
        .map_err(err)?;
    chart
        .configure_mesh()
        .disable_y_mesh()
        .light_line_style(WHITE)
        .bold_line_style(GRID)
        .y_labels(0)
        .x_labels(6)
        .x_label_formatter(if bars.counts {
            &|v| count_tick(*v)
        } else {
            &|v| tick(*v)
        })
        .label_style(style(17))
        .axis_desc_style(style(17))
        .x_desc(spec.y_label.as_str())
        .draw()
        .map_err(err)?;
    // The first category at the top.
    let row = |i: usize| (n - 1 - i) as f64;
    for (s, series) in bars.series.iter().enumerate() {
        let tint = colour(series.role);
        let (offset, height) = bars.slot(s);
        let rects = series.values.iter().enumerate().map(|(i, v)| {
            let before = bars.base(s, i);
            let y0 = row(i) + offset;
            let fill = match bars.highlight.as_ref().and_then(|h| h.get(i)) {
                Some(false) => SERIES[2].filled(),
                _ => tint.filled(),
            };
            Rectangle::new([(before, y0), (before + v, y0 + height)], fill)
        });
        chart.draw_series(rects).map_err(err)?;
    }
    if let Some(r) = bars.reference {
        chart
            .draw_series(LineSeries::new(
                [(r, 0.0), (r, n as f64)],
                ShapeStyle::from(&TEXT).stroke_width(pxu(1)),
            ))
            .map_err(err)?;
    }
    let labels = bars.categories.iter().enumerate().map(|(i, c)| {
        EmptyElement::at((0.0, row(i) + 0.5))
            + Text::new(
                short(c, 30),
                (-px(8), 0),
                style(17).pos(Pos::new(HPos::Right, VPos::Center)),
            )
    });
    chart.draw_series(labels).map_err(err)?;
    if let Some(notes) = &bars.notes {
        let texts = notes.iter().enumerate().map(|(i, note)| {
            let end = bars.end(i);
            EmptyElement::at((end, row(i) + 0.5))
                + Text::new(
                    note.clone(),
                    (px(6), 0),
                    style(15).pos(Pos::new(HPos::Left, VPos::Center)),
                )
        });
        chart.draw_series(texts).map_err(err)?;
    }
    Ok(())
}

fn heatmap<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    spec: &Spec,
    map: &super::charts::Heatmap,
) -> Result<(), String> {
    let err = |e: DrawingAreaErrorKind<DB::ErrorType>| e.to_string();
    let (cols, rows) = (map.columns.len().max(1), map.rows.len().max(1));
    let mut chart = ChartBuilder::on(root)
        .margin(px(14))
        .margin_top(px(28))
        .x_label_area_size(pxu(56))
        .y_label_area_size(pxu(100))
        .build_cartesian_2d(0.0..cols as f64, 0.0..rows as f64)
        .map_err(err)?;
    chart
        .configure_mesh()
        .disable_mesh()
        .x_labels(0)
        .y_labels(0)
        .axis_desc_style(style(17))
        .x_desc(spec.x_label.as_str())
        .y_desc(spec.y_label.as_str())
        .draw()
        .map_err(err)?;
    let top = map.cells.iter().map(|c| c.value).fold(0.0, f64::max);
    let shade = |v: f64| {
        let t = if top > 0.0 {
            (v / top).clamp(0.0, 1.0)
        } else {
            0.0
        };
        let mix = |a: u8, b: u8| (a as f64 + (b as f64 - a as f64) * t).round() as u8;
        let (lo, hi) = (RGBColor(240, 249, 248), SERIES[0]);
        RGBColor(mix(lo.0, hi.0), mix(lo.1, hi.1), mix(lo.2, hi.2))
    };
    // The colour scale, above the grid at the right: from 0 to the darkest cell's value.
    let (width, _) = root.dim_in_pixel();
    let steps = 6;
    let x0 = width as i32 - px(24) - steps * px(26) - px(60);
    root.draw(&Text::new(
        "0".to_string(),
        (x0, px(6)),
        style(15).pos(Pos::new(HPos::Right, VPos::Top)),
    ))
    .map_err(|e| e.to_string())?;
    for i in 0..steps {
        let x = x0 + px(8) + i * px(26);
        let v = top * i as f64 / (steps - 1) as f64;
        root.draw(&Rectangle::new(
            [(x, px(6)), (x + px(24), px(22))],
            shade(v).filled(),
        ))
        .map_err(|e| e.to_string())?;
    }
    root.draw(&Text::new(
        super::format::number(top, 1),
        (x0 + px(8) + steps * px(26) + px(4), px(6)),
        style(15),
    ))
    .map_err(|e| e.to_string())?;
    let row = |r: usize| (rows - 1 - r) as f64;
    let empty = (0..rows).flat_map(|r| {
        (0..cols).map(move |c| {
            Rectangle::new(
                [(c as f64, row(r)), (c as f64 + 1.0, row(r) + 1.0)],
                ShapeStyle::from(&GRID).stroke_width(pxu(1)),
            )
        })
    });
    chart.draw_series(empty).map_err(err)?;
    chart
        .draw_series(map.cells.iter().map(|c| {
            Rectangle::new(
                [
                    (c.column as f64 + 0.04, row(c.row) + 0.04),
                    (c.column as f64 + 0.96, row(c.row) + 0.96),
                ],
                shade(c.value).filled(),
            )
        }))
        .map_err(err)?;
    chart
        .draw_series(map.cells.iter().map(|c| {
            let colour = if top > 0.0 && c.value / top > 0.55 {
                WHITE
            } else {
                TEXT
            };
            EmptyElement::at((c.column as f64 + 0.5, row(c.row) + 0.5))
                + Text::new(
                    c.label.clone(),
                    (0, 0),
                    (FONT, px(15))
                        .into_font()
                        .color(&colour)
                        .pos(Pos::new(HPos::Center, VPos::Center)),
                )
        }))
        .map_err(err)?;
    let every = map.columns.len().div_ceil(12).max(1);
    chart
        .draw_series(
            map.columns
                .iter()
                .enumerate()
                .filter(|(i, _)| i % every == 0)
                .map(|(i, c)| {
                    EmptyElement::at((i as f64 + 0.5, 0.0))
                        + Text::new(
                            c.clone(),
                            (0, px(8)),
                            style(17).pos(Pos::new(HPos::Center, VPos::Top)),
                        )
                }),
        )
        .map_err(err)?;
    chart
        .draw_series(map.rows.iter().enumerate().map(|(r, name)| {
            EmptyElement::at((0.0, row(r) + 0.5))
                + Text::new(
                    name.clone(),
                    (-px(8), 0),
                    style(17).pos(Pos::new(HPos::Right, VPos::Center)),
                )
        }))
        .map_err(err)?;
    Ok(())
}

fn line_chart<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    spec: &Spec,
    line: &super::charts::Line,
) -> Result<(), String> {
    let err = |e: DrawingAreaErrorKind<DB::ErrorType>| e.to_string();
    let n = line.labels.len().max(1);
    let top = line.values.iter().copied().fold(0.0, f64::max);
    let top = if top <= 0.0 { 1.0 } else { top * 1.12 };
    let mut chart = ChartBuilder::on(root)
        .margin(px(14))
        .margin_top(px(28))
        .x_label_area_size(pxu(56))
        .y_label_area_size(pxu(84))
        .build_cartesian_2d(0.0..n as f64, 0.0..top)
        .map_err(err)?;
    chart
        .configure_mesh()
        .disable_x_mesh()
        .light_line_style(WHITE)
        .bold_line_style(GRID)
        .x_labels(0)
        .y_labels(6)
        .y_label_formatter(&|v| tick(*v))
        .label_style(style(17))
        .axis_desc_style(style(17))
        .x_desc(spec.x_label.as_str())
        .y_desc(spec.y_label.as_str())
        .draw()
        .map_err(err)?;
    let points: Vec<(f64, f64)> = line
        .values
        .iter()
        .enumerate()
        .map(|(i, v)| (i as f64 + 0.5, *v))
        .collect();
    chart
        .draw_series(LineSeries::new(
            points.clone(),
            ShapeStyle::from(&SERIES[0]).stroke_width(pxu(3)),
        ))
        .map_err(err)?;
    chart
        .draw_series(
            points
                .iter()
                .map(|p| Circle::new(*p, px(4), SERIES[0].filled())),
        )
        .map_err(err)?;
    let every = line.labels.len().div_ceil(12).max(1);
    chart
        .draw_series(
            line.labels
                .iter()
                .enumerate()
                .filter(|(i, _)| i % every == 0)
                .map(|(i, c)| {
                    EmptyElement::at((i as f64 + 0.5, 0.0))
                        + Text::new(
                            c.clone(),
                            (0, px(8)),
                            style(17).pos(Pos::new(HPos::Center, VPos::Top)),
                        )
                }),
        )
        .map_err(err)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emoji_leave_labels_cleanly() {
        assert_eq!(drawable("Grace 🚀 Hopper"), "Grace Hopper");
        assert_eq!(drawable("#🎉"), "#emoji");
        assert_eq!(drawable("👍🏽"), "emoji");
        assert_eq!(drawable("❤️ Zoë"), "❤ Zoë");
        assert_eq!(drawable("plain"), "plain");
    }
}
