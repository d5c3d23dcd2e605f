//! SVG charts drawn with plotters: time against threads for each case (one
//! line per backend, min–max bars) and a backend × operation heatmap of each
//! backend's best time relative to the fastest.

use std::path::Path;

use plotters::prelude::*;

use super::report::{Report, secs};
use super::suite::Case;

type Err = Box<dyn std::error::Error>;

/// The centres of `n` cells in half-cell units: where their labels go.
fn centres(n: usize) -> Vec<i32> {
    (0..int(n)).map(|i| 2 * i + 1).collect()
}

/// A chart coordinate (a handful of backends, operations, thread counts).
fn int(i: usize) -> i32 {
    i32::try_from(i).unwrap_or(i32::MAX / 4)
}

/// A pixel count (a handful of backends and operations).
fn px(i: usize) -> u32 {
    u32::try_from(i).unwrap_or(u32::MAX)
}

/// Fixed colours per backend, so a backend keeps its colour across charts.
fn colour(backend: &str, index: usize) -> RGBColor {
    match backend {
        "faer" => RGBColor(0x1f, 0x77, 0xb4),
        "openblas" => RGBColor(0xd6, 0x27, 0x28),
        "mkl" => RGBColor(0x2c, 0xa0, 0x2c),
        "blis" => RGBColor(0xff, 0x7f, 0x0e),
        "reference" => RGBColor(0x7f, 0x7f, 0x7f),
        "accelerate" => RGBColor(0x94, 0x67, 0xbd),
        "tuned" => RGBColor(0, 0, 0),
        _ => {
            let c = Palette99::pick(index).to_rgba();
            RGBColor(c.0, c.1, c.2)
        }
    }
}

/// The file name of a case's time-vs-threads chart.
pub fn threads_file(case: Case) -> String {
    format!("time-vs-threads-{}-{}.svg", case.op, case.size)
}

/// Time against threads for one case, one line per backend.
pub fn threads_chart(report: &Report, case: Case, path: &Path) -> Result<(), Err> {
    let root = SVGBackend::new(path, (720, 460)).into_drawing_area();
    root.fill(&WHITE)?;
    let recs: Vec<_> = report.records.iter().filter(|r| r.case == case).collect();
    let lo = recs
        .iter()
        .map(|r| r.timing.min())
        .fold(f64::INFINITY, f64::min);
    let hi = recs.iter().map(|r| r.timing.max()).fold(0.0, f64::max);
    // A log axis when the times span more than 10×, plotted as log10(t) on a
    // linear axis so that the labels stay dense; a linear axis from 0 else.
    let log = !recs.is_empty() && hi / lo > 10.0;
    let tf = move |t: f64| if log { t.log10() } else { t };
    let y_range = if recs.is_empty() {
        0.0..1.0
    } else if log {
        (lo / 1.3).log10()..(hi * 2.5).log10()
    } else {
        // Headroom above the data for the legend.
        0.0..hi * 1.4
    };
    // x in half-thread units (plotters places exact ticks on integer axes
    // only): thread count t sits at 2t, ticks exactly at the counts measured.
    let tmax = int(report.threads.iter().copied().max().unwrap_or(1));
    let ticks: Vec<i32> = report.threads.iter().map(|&t| 2 * int(t)).collect();
    let at = |t: usize| 2 * int(t);
    let mut chart = ChartBuilder::on(&root)
        .caption(
            format!("{} (f64): time against threads", case.label()),
            ("sans-serif", 22),
        )
        .margin(12)
        .x_label_area_size(48)
        .y_label_area_size(78)
        .build_cartesian_2d((1..2 * tmax + 1).with_key_points(ticks), y_range)?;
    chart
        .configure_mesh()
        .x_desc("threads")
        .y_desc(if log {
            "median time per call (s, log scale)"
        } else {
            "median time per call (s)"
        })
        .x_label_formatter(&|x| (x / 2).to_string())
        .y_labels(10)
        .y_label_formatter(&|y| {
            let t = if log { 10f64.powf(*y) } else { *y };
            if t <= 0.0 { String::from("0") } else { secs(t) }
        })
        .max_light_lines(1)
        .axis_desc_style(("sans-serif", 16))
        .label_style(("sans-serif", 13))
        .draw()?;
    for (i, b) in report.measured().into_iter().enumerate() {
        let mut pts: Vec<_> = recs.iter().filter(|r| r.backend == b).collect();
        if pts.is_empty() {
            continue;
        }
        pts.sort_by_key(|r| r.threads);
        let c = colour(b, i);
        let line: Vec<(i32, f64)> = pts
            .iter()
            .map(|r| (at(r.threads), tf(r.timing.median())))
            .collect();
        // A sequential-only library (Netlib) has one point: say so.
        let label = if pts.len() == 1 && report.threads.len() > 1 {
            format!("{b} (only {} thread)", pts[0].threads)
        } else {
            b.to_owned()
        };
        chart
            .draw_series(LineSeries::new(line.clone(), c.stroke_width(2)))?
            .label(label)
            .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 22, y)], c.stroke_width(2)));
        chart.draw_series(line.iter().map(|&p| Circle::new(p, 4, c.filled())))?;
        // The spread: a bar from the fastest to the slowest repetition.
        chart.draw_series(pts.iter().map(|r| {
            PathElement::new(
                vec![
                    (at(r.threads), tf(r.timing.min())),
                    (at(r.threads), tf(r.timing.max())),
                ],
                c.stroke_width(1),
            )
        }))?;
    }
    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::UpperRight)
        .background_style(WHITE.mix(0.85))
        .border_style(BLACK.mix(0.5))
        .label_font(("sans-serif", 14))
        .draw()?;
    root.present()?;
    Ok(())
}

/// Green (1×) through yellow to red (`cap`× or slower), on a log scale.
fn heat(ratio: f64, cap: f64) -> HSLColor {
    let t = if cap > 1.0 {
        (ratio.ln() / cap.ln()).clamp(0.0, 1.0)
    } else {
        0.0
    };
    HSLColor(0.33 * (1.0 - t), 0.65, 0.62)
}

/// Backend × operation: each backend's best time (over thread counts)
/// divided by the fastest backend's, per operation.
pub fn heatmap(report: &Report, path: &Path) -> Result<(), Err> {
    let backends = report.measured();
    let cases = &report.cases;
    let (nx, ny) = (cases.len().max(1), backends.len().max(1));
    let width = (180 + 130 * px(nx) + 150).max(760);
    let height = 150 + 56 * px(ny);
    let root = SVGBackend::new(path, (width, height)).into_drawing_area();
    root.fill(&WHITE)?;
    let (main, bar) = root.split_horizontally(width - 150);
    let ratio = |b: &str, c: Case| -> Option<(f64, f64)> {
        let best = report.best(b, c)?.timing.median();
        let fastest = report
            .measured()
            .into_iter()
            .filter_map(|x| report.best(x, c))
            .map(|r| r.timing.median())
            .fold(f64::INFINITY, f64::min);
        Some((best / fastest, best))
    };
    let worst = backends
        .iter()
        .flat_map(|b| cases.iter().filter_map(|&c| ratio(b, c)))
        .map(|r| r.0)
        .fold(1.0, f64::max);
    let cap = worst.max(2.0);
    let mut chart = ChartBuilder::on(&main)
        .caption(
            "time relative to the fastest backend (best thread count each)",
            ("sans-serif", 20),
        )
        .margin(12)
        .x_label_area_size(52)
        .y_label_area_size(100)
        .build_cartesian_2d(
            // Half-cell units: cell (i, j) spans [2i, 2i + 2] × [2j, 2j + 2],
            // its label tick at the centre (2i + 1, 2j + 1).
            (0..2 * int(nx)).with_key_points(centres(nx)),
            (0..2 * int(ny)).with_key_points(centres(ny)),
        )?;
    let case_names: Vec<String> = cases.iter().map(Case::label).collect();
    let names: Vec<String> = backends.iter().map(|b| (*b).to_owned()).collect();
    let pick = |cell: i32, list: &[String]| {
        usize::try_from(cell)
            .ok()
            .and_then(|i| list.get(i).cloned())
            .unwrap_or_default()
    };
    let x_fmt = |v: &i32| pick(v / 2, &case_names);
    // Row 0 at the top: the first backend run reads first.
    let y_fmt = |v: &i32| pick(int(ny) - 1 - v / 2, &names);
    chart
        .configure_mesh()
        .disable_mesh()
        .x_desc("operation (size)")
        .y_desc("backend")
        .x_label_formatter(&x_fmt)
        .y_label_formatter(&y_fmt)
        .axis_desc_style(("sans-serif", 16))
        .label_style(("sans-serif", 14))
        .draw()?;
    for (row, b) in backends.iter().enumerate() {
        let y = 2 * int(ny - 1 - row);
        for (col, &c) in cases.iter().enumerate() {
            let x = 2 * int(col);
            let cell = [(x, y + 2), (x + 2, y)];
            let (fill, text) = match ratio(b, c) {
                Some((r, t)) => (heat(r, cap).filled(), (format!("{r:.2}×"), secs(t))),
                None => (
                    RGBColor(0xdd, 0xdd, 0xdd).filled(),
                    (String::from("n/a"), String::new()),
                ),
            };
            chart.draw_series(std::iter::once(Rectangle::new(cell, fill)))?;
            chart.draw_series(std::iter::once(Rectangle::new(cell, WHITE.stroke_width(2))))?;
            let centre = (x + 1, y + 1);
            let style = TextStyle::from(("sans-serif", 15).into_font()).pos(
                plotters::style::text_anchor::Pos::new(
                    plotters::style::text_anchor::HPos::Center,
                    plotters::style::text_anchor::VPos::Bottom,
                ),
            );
            chart.draw_series(std::iter::once(Text::new(text.0, centre, style)))?;
            let small = TextStyle::from(("sans-serif", 12).into_font()).pos(
                plotters::style::text_anchor::Pos::new(
                    plotters::style::text_anchor::HPos::Center,
                    plotters::style::text_anchor::VPos::Top,
                ),
            );
            chart.draw_series(std::iter::once(Text::new(text.1, centre, small)))?;
        }
    }
    // The colour scale, its own labelled axis.
    let mut scale = ChartBuilder::on(&bar)
        .margin_top(50)
        .margin_bottom(64)
        .margin_right(20)
        .y_label_area_size(90)
        // log10 of the ratio on a linear axis: denser labels than a log axis.
        .build_cartesian_2d(0f64..1.0, 0f64..cap.log10())?;
    scale
        .configure_mesh()
        .disable_mesh()
        .disable_x_axis()
        .y_desc("time ÷ fastest (log scale)")
        .y_labels(8)
        .y_label_formatter(&|y| format!("{:.1}×", 10f64.powf(*y)))
        .axis_desc_style(("sans-serif", 14))
        .label_style(("sans-serif", 12))
        .draw()?;
    let steps = 60;
    let top = cap.log10();
    scale.draw_series((0..steps).map(|k| {
        let a = top * f64::from(k) / f64::from(steps);
        let b = top * f64::from(k + 1) / f64::from(steps);
        Rectangle::new([(0.0, a), (1.0, b)], heat(10f64.powf(a), cap).filled())
    }))?;
    root.present()?;
    Ok(())
}

/// `linmux tune`'s chart of one operation: each backend's time (at its best
/// thread count) relative to the fastest at every measured size, and the
/// profile's choice marked at each size with its thread count.
pub fn sizes_chart(
    report: &Report,
    op: super::suite::Op,
    profile: &linmux::tuned::Profile,
    path: &Path,
) -> Result<(), Err> {
    let root = SVGBackend::new(path, (760, 480)).into_drawing_area();
    root.fill(&WHITE)?;
    let mut cases: Vec<Case> = report
        .cases
        .iter()
        .copied()
        .filter(|c| c.op == op)
        .collect();
    cases.sort();
    let n_of = |c: &Case| c.size.m.max(c.size.n);
    let best_at = |c: &Case| {
        report
            .records
            .iter()
            .filter(|r| r.case == *c)
            .map(|r| r.timing.min())
            .fold(f64::INFINITY, f64::min)
    };
    // A backend's fastest sample over its thread counts (as `tune` chooses).
    let fastest = |b: &str, c: &Case| {
        report
            .records
            .iter()
            .filter(|r| r.backend == b && r.case == *c)
            .map(|r| r.timing.min())
            .reduce(f64::min)
    };
    let lg = |n: usize| f64::from(usize::BITS - n.leading_zeros()) - 1.0;
    let (x0, x1) = (
        cases.first().map_or(0.0, |c| lg(n_of(c))),
        cases.last().map_or(1.0, |c| lg(n_of(c))),
    );
    let mut worst = 1.0f64;
    for c in &cases {
        let best = best_at(c);
        for b in report.measured() {
            if let Some(t) = fastest(b, c) {
                worst = worst.max(t / best);
            }
        }
    }
    let worst = worst.min(1000.0);
    let mut chart = ChartBuilder::on(&root)
        .caption(
            format!("{op} (f64): time relative to the fastest, and the tuned choice"),
            ("sans-serif", 20),
        )
        .margin(12)
        .x_label_area_size(48)
        .y_label_area_size(70)
        .build_cartesian_2d(x0 - 0.3..x1 + 0.3, 0.0..(worst * 2.0).log10())?;
    chart
        .configure_mesh()
        .x_desc("n (largest dimension), log scale")
        .y_desc("time / fastest (log scale)")
        .x_label_formatter(&|x| format!("{}", 2f64.powf(x.round())))
        .y_label_formatter(&|y| format!("{:.2}×", 10f64.powf(*y)))
        .max_light_lines(1)
        .axis_desc_style(("sans-serif", 15))
        .label_style(("sans-serif", 12))
        .draw()?;
    for (i, b) in report.measured().into_iter().enumerate() {
        let line: Vec<(f64, f64)> = cases
            .iter()
            .filter_map(|c| {
                let t = fastest(b, c)?;
                Some((lg(n_of(c)), (t / best_at(c)).min(worst).log10()))
            })
            .collect();
        let c = colour(b, i);
        chart
            .draw_series(LineSeries::new(line.clone(), c.stroke_width(2)))?
            .label(b.to_owned())
            .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 22, y)], c.stroke_width(2)));
    }
    let routes: Vec<_> = profile
        .routes
        .iter()
        .filter(|r| cases.iter().any(|c| n_of(c) == r.n))
        .filter(|r| super::tune::op_of(r.routine) == Some(op))
        .collect();
    chart
        .draw_series(routes.iter().enumerate().map(|(i, r)| {
            let c = colour(&r.best.backend, i);
            EmptyElement::at((lg(r.n), 0.0))
                + Circle::new((0, 0), 7, c.filled())
                + Text::new(
                    format!("{}×{}", r.best.backend, r.best.threads),
                    (-12, -22),
                    ("sans-serif", 11)
                        .into_font()
                        .transform(FontTransform::Rotate270),
                )
        }))?
        .label("chosen (backend×threads)")
        .legend(|(x, y)| Circle::new((x + 11, y), 6, BLACK.filled()));
    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::UpperLeft)
        .background_style(WHITE.mix(0.85))
        .border_style(BLACK.mix(0.5))
        .label_font(("sans-serif", 13))
        .draw()?;
    root.present()?;
    Ok(())
}
