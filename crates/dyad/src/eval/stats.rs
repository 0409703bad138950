//! Scoring arithmetic shared by every gold format: ratios with their counts (accuracy, precision, recall,
//! F1), macro-F1, confusion matrices, and percentile bootstrap 95% intervals drawn with a small fixed-seed
//! generator (SplitMix64), so that the same data always gives the same interval on every platform.
//!
//! Every figure is a function of per-item counts. A bootstrap resample draws `n` items with replacement; it
//! is represented by how many times each item was drawn (its weight), and a figure is recomputed from the
//! weighted counts. All figures of a report use the same resamples.

use serde::{Serialize, Serializer};

/// Bootstrap resamples per interval.
pub const RESAMPLES: usize = 1000;
/// The fixed seed of every bootstrap.
pub const SEED: u64 = 0x00D1_AD5E_ED00_2024;

/// SplitMix64 (Steele, Lea and Flood 2014): tiny, fast, and good enough to draw resamples.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator with this seed.
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (Lemire's multiply-high; the bias is below 2^-40 for the sizes used here).
    pub fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }
}

/// Bootstrap resamples of `n` items, as per-item weights.
#[derive(Debug, Clone)]
pub struct Resamples {
    n: usize,
    /// `count × n` weights, resample after resample.
    weights: Vec<u32>,
}

impl Resamples {
    /// `count` resamples of `n` items drawn with `seed`.
    pub fn new(n: usize, count: usize, seed: u64) -> Resamples {
        let mut rng = Rng::new(seed);
        let mut weights = vec![0u32; n * count];
        if n > 0 {
            for sample in weights.chunks_mut(n) {
                for _ in 0..n {
                    sample[rng.below(n)] += 1;
                }
            }
        }
        Resamples { n, weights }
    }

    /// The standard resamples of a report: [`RESAMPLES`] draws with [`SEED`].
    pub fn standard(n: usize) -> Resamples {
        Resamples::new(n, RESAMPLES, SEED)
    }

    /// Number of items.
    pub fn items(&self) -> usize {
        self.n
    }

    /// The weights of every resample.
    pub fn samples(&self) -> impl Iterator<Item = &[u32]> {
        self.weights.chunks(self.n.max(1))
    }

    /// The 2.5th and 97.5th percentiles of `figure` over the resamples.
    pub fn interval(&self, figure: impl Fn(&[u32]) -> f64) -> (f64, f64) {
        let mut values: Vec<f64> = self
            .samples()
            .map(figure)
            .filter(|v| v.is_finite())
            .collect();
        if values.is_empty() {
            return (0.0, 0.0);
        }
        values.sort_by(f64::total_cmp);
        (percentile(&values, 0.025), percentile(&values, 0.975))
    }

    /// Weights of the full sample (every item once).
    pub fn ones(&self) -> Vec<u32> {
        vec![1; self.n]
    }
}

/// The `q` quantile of sorted values, interpolating linearly between order statistics.
pub fn percentile(sorted: &[f64], q: f64) -> f64 {
    match sorted.len() {
        0 => f64::NAN,
        1 => sorted[0],
        len => {
            let position = q.clamp(0.0, 1.0) * (len - 1) as f64;
            let low = position.floor() as usize;
            let high = (low + 1).min(len - 1);
            let fraction = position - low as f64;
            sorted[low] + (sorted[high] - sorted[low]) * fraction
        }
    }
}

/// `numerator / denominator`, 0 when the denominator is 0.
pub fn ratio(numerator: f64, denominator: f64) -> f64 {
    if denominator > 0.0 {
        numerator / denominator
    } else {
        0.0
    }
}

/// One reported figure with the counts behind it and its bootstrap interval.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct Metric {
    /// The figure.
    pub value: f64,
    /// What was counted (for F1: 2·TP; for macro-F1: the sum of the per-class F1s).
    #[serde(serialize_with = "count")]
    pub numerator: f64,
    /// Out of what (for F1: 2·TP + FP + FN; for macro-F1: the number of classes).
    #[serde(serialize_with = "count")]
    pub denominator: f64,
    /// Lower end of the bootstrap 95% interval.
    pub ci_low: f64,
    /// Upper end of the bootstrap 95% interval.
    pub ci_high: f64,
    /// Smaller is better (rates of failure such as "no event coded").
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub lower_is_better: bool,
}

/// Whole counts are written as integers.
fn count<S: Serializer>(value: &f64, serializer: S) -> Result<S::Ok, S::Error> {
    if value.fract() == 0.0 && value.abs() < 9.0e15 {
        serializer.serialize_i64(*value as i64)
    } else {
        serializer.serialize_f64(*value)
    }
}

impl Metric {
    /// Half the width of the interval.
    pub fn half_width(&self) -> f64 {
        (self.ci_high - self.ci_low) / 2.0
    }

    /// Marks the metric as one where smaller is better.
    pub fn lower_better(mut self) -> Metric {
        self.lower_is_better = true;
        self
    }

    /// The counts, as `numerator/denominator` (whole numbers without decimals).
    pub fn counts(&self) -> String {
        let show = |v: f64| {
            if v.fract() == 0.0 {
                format!("{v:.0}")
            } else {
                format!("{v:.2}")
            }
        };
        format!("{}/{}", show(self.numerator), show(self.denominator))
    }
}

/// A ratio metric from a function of the resample weights giving (numerator, denominator): its value on the
/// data (all weights one) and its bootstrap interval.
fn weighted_ratio(resamples: &Resamples, figure: impl Fn(&[u32]) -> (f64, f64)) -> Metric {
    let (numerator, denominator) = figure(&resamples.ones());
    let (ci_low, ci_high) = resamples.interval(|w| {
        let (n, d) = figure(w);
        ratio(n, d)
    });
    Metric {
        value: ratio(numerator, denominator),
        numerator,
        denominator,
        ci_low,
        ci_high,
        lower_is_better: false,
    }
}

/// A ratio metric: Σ numerators / Σ denominators over items, with its interval.
pub fn ratio_metric(resamples: &Resamples, numerators: &[f64], denominators: &[f64]) -> Metric {
    debug_assert_eq!(numerators.len(), resamples.items());
    debug_assert_eq!(denominators.len(), resamples.items());
    let sums = |weights: &[u32]| {
        weights
            .iter()
            .zip(numerators.iter().zip(denominators))
            .fold((0.0, 0.0), |(n, d), (w, (a, b))| {
                let w = f64::from(*w);
                (n + w * a, d + w * b)
            })
    };
    weighted_ratio(resamples, sums)
}

/// The share of items that are `true` (accuracy, pass rate).
pub fn share(resamples: &Resamples, hits: &[bool]) -> Metric {
    let numerators: Vec<f64> = hits.iter().map(|&h| f64::from(u8::from(h))).collect();
    ratio_metric(resamples, &numerators, &vec![1.0; hits.len()])
}

/// The share of items that are `true` among the items where `counted` holds.
pub fn share_of(resamples: &Resamples, hits: &[bool], counted: &[bool]) -> Metric {
    let numerators: Vec<f64> = hits
        .iter()
        .zip(counted)
        .map(|(&h, &c)| f64::from(u8::from(h && c)))
        .collect();
    let denominators: Vec<f64> = counted.iter().map(|&c| f64::from(u8::from(c))).collect();
    ratio_metric(resamples, &numerators, &denominators)
}

/// True positives, false positives and false negatives of one item.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Prf {
    /// Predicted and gold.
    pub tp: u32,
    /// Predicted, not gold.
    pub fp: u32,
    /// Gold, not predicted.
    #[serde(rename = "fn")]
    pub fn_: u32,
}

impl Prf {
    /// Counts from two multisets (sorted or not): matches pair items one to one.
    pub fn of<T: PartialEq>(predicted: &[T], gold: &[T]) -> Prf {
        let mut used = vec![false; gold.len()];
        let mut tp = 0;
        for p in predicted {
            if let Some(k) = (0..gold.len()).find(|&k| !used[k] && gold[k] == *p) {
                used[k] = true;
                tp += 1;
            }
        }
        Prf {
            tp,
            fp: predicted.len() as u32 - tp,
            fn_: gold.len() as u32 - tp,
        }
    }

    /// The sum of many.
    pub fn total(items: &[Prf]) -> Prf {
        items.iter().fold(Prf::default(), |a, b| Prf {
            tp: a.tp + b.tp,
            fp: a.fp + b.fp,
            fn_: a.fn_ + b.fn_,
        })
    }

    /// Whether prediction and gold agree completely.
    pub fn exact(&self) -> bool {
        self.fp == 0 && self.fn_ == 0
    }
}

/// Micro precision, recall and F1 over items' counts (F1 = 2·TP / (2·TP + FP + FN)).
pub fn prf_metrics(resamples: &Resamples, items: &[Prf]) -> [Metric; 3] {
    let tp: Vec<f64> = items.iter().map(|c| f64::from(c.tp)).collect();
    let predicted: Vec<f64> = items.iter().map(|c| f64::from(c.tp + c.fp)).collect();
    let gold: Vec<f64> = items.iter().map(|c| f64::from(c.tp + c.fn_)).collect();
    let two_tp: Vec<f64> = tp.iter().map(|t| 2.0 * t).collect();
    let f1_den: Vec<f64> = items
        .iter()
        .map(|c| f64::from(2 * c.tp + c.fp + c.fn_))
        .collect();
    [
        ratio_metric(resamples, &tp, &predicted),
        ratio_metric(resamples, &tp, &gold),
        ratio_metric(resamples, &two_tp, &f1_den),
    ]
}

/// Macro-F1 of single-label predictions: the mean of the per-class F1s over the classes that occur in the
/// gold labels or the predictions (scikit-learn's default), where `abstain` (e.g. "no event"), when given,
/// is never a class of its own (it only costs recall).
pub fn macro_f1(
    resamples: &Resamples,
    gold: &[usize],
    predicted: &[usize],
    classes: usize,
    abstain: Option<usize>,
) -> Metric {
    let figure = |weights: &[u32]| {
        let mut tp = vec![0u64; classes];
        let mut fp = vec![0u64; classes];
        let mut fn_ = vec![0u64; classes];
        for ((&g, &p), &w) in gold.iter().zip(predicted).zip(weights) {
            let w = u64::from(w);
            if g == p {
                tp[g] += w;
            } else {
                fn_[g] += w;
                fp[p] += w;
            }
        }
        let (mut sum, mut count) = (0.0, 0.0);
        for c in (0..classes).filter(|&c| Some(c) != abstain) {
            if tp[c] + fp[c] + fn_[c] > 0 {
                sum += ratio(2.0 * tp[c] as f64, (2 * tp[c] + fp[c] + fn_[c]) as f64);
                count += 1.0;
            }
        }
        (sum, count)
    };
    weighted_ratio(resamples, figure)
}

/// A confusion matrix: rows are gold labels, columns predictions.
#[derive(Debug, Clone, Serialize)]
pub struct Confusion {
    /// Labels of the rows and columns.
    pub labels: Vec<String>,
    /// `counts[gold][predicted]`.
    pub counts: Vec<Vec<u64>>,
}

impl Confusion {
    /// Counts label pairs; `labels` names the indices used in `gold` and `predicted`.
    pub fn new(labels: Vec<String>, gold: &[usize], predicted: &[usize]) -> Confusion {
        let mut counts = vec![vec![0u64; labels.len()]; labels.len()];
        for (&g, &p) in gold.iter().zip(predicted) {
            counts[g][p] += 1;
        }
        Confusion { labels, counts }
    }

    /// Keeps the labels that occur as gold or prediction.
    pub fn trimmed(self) -> Confusion {
        let keep: Vec<usize> = (0..self.labels.len())
            .filter(|&i| {
                self.counts[i].iter().sum::<u64>() > 0 || self.counts.iter().any(|row| row[i] > 0)
            })
            .collect();
        Confusion {
            labels: keep.iter().map(|&i| self.labels[i].clone()).collect(),
            counts: keep
                .iter()
                .map(|&g| keep.iter().map(|&p| self.counts[g][p]).collect())
                .collect(),
        }
    }

    /// The matrix as text, one line per gold label.
    pub fn render(&self) -> Vec<String> {
        let width = self
            .labels
            .iter()
            .map(String::len)
            .max()
            .unwrap_or(4)
            .max(4);
        let short: Vec<String> = self
            .labels
            .iter()
            .map(|l| l.chars().take(5).collect())
            .collect();
        let mut lines = vec![format!(
            "{:<width$}  {}",
            "gold \\ dyad",
            short
                .iter()
                .map(|s| format!("{s:>5}"))
                .collect::<Vec<_>>()
                .join(" "),
            width = width.max(11)
        )];
        for (label, row) in self.labels.iter().zip(&self.counts) {
            let cells: Vec<String> = row
                .iter()
                .map(|c| {
                    if *c == 0 {
                        format!("{:>5}", ".")
                    } else {
                        format!("{c:>5}")
                    }
                })
                .collect();
            lines.push(format!(
                "{:<width$}  {}",
                label,
                cells.join(" "),
                width = width.max(11)
            ));
        }
        lines
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn prf_counts_multisets() {
        let c = Prf::of(&["a", "a", "b"], &["a", "c"]);
        assert_eq!(
            c,
            Prf {
                tp: 1,
                fp: 2,
                fn_: 1
            }
        );
        assert_eq!(Prf::of::<&str>(&[], &[]), Prf::default());
        assert!(Prf::of(&["x", "y"], &["y", "x"]).exact());
        assert!(
            !Prf::of(&["x", "x"], &["x"]).exact(),
            "a duplicate is not the same multiset"
        );
    }

    #[test]
    fn precision_recall_f1_on_hand_cases() {
        // Item 1: 2 right, 1 spurious; item 2: 1 right, 2 missed; item 3: nothing either way.
        let items = [
            Prf {
                tp: 2,
                fp: 1,
                fn_: 0,
            },
            Prf {
                tp: 1,
                fp: 0,
                fn_: 2,
            },
            Prf::default(),
        ];
        let resamples = Resamples::new(3, 50, 7);
        let [p, r, f] = prf_metrics(&resamples, &items);
        assert!(close(p.value, 3.0 / 4.0));
        assert_eq!((p.numerator, p.denominator), (3.0, 4.0));
        assert!(close(r.value, 3.0 / 5.0));
        assert!(close(f.value, 2.0 * 0.75 * 0.6 / (0.75 + 0.6)));
        assert_eq!((f.numerator, f.denominator), (6.0, 9.0));
        // Nothing predicted: precision is 0 by convention, not NaN.
        let [p, _, f] = prf_metrics(
            &Resamples::new(1, 10, 1),
            &[Prf {
                tp: 0,
                fp: 0,
                fn_: 3,
            }],
        );
        assert_eq!((p.value, f.value), (0.0, 0.0));
    }

    #[test]
    fn accuracy_and_macro_f1() {
        let resamples = Resamples::new(4, 20, 3);
        let acc = share(&resamples, &[true, false, true, true]);
        assert_eq!(
            (acc.value, acc.numerator, acc.denominator),
            (0.75, 3.0, 4.0)
        );
        // Classes 0,1,2; gold 0 0 1 2, predicted 0 1 1 1 (class 3 = abstain, unused).
        let m = macro_f1(&resamples, &[0, 0, 1, 2], &[0, 1, 1, 1], 4, Some(3));
        let expected = (2.0 / 3.0 + 2.0 / 4.0 + 0.0) / 3.0;
        assert!(close(m.value, expected), "{}", m.value);
        assert_eq!(m.denominator, 3.0);
        // Abstentions cost recall but are no class.
        let m = macro_f1(&resamples, &[0, 1, 1, 0], &[0, 3, 1, 3], 4, Some(3));
        assert!(close(m.value, (2.0 / 3.0 + 2.0 / 3.0) / 2.0));
    }

    #[test]
    fn bootstrap_is_deterministic_and_brackets_the_value() {
        let hits: Vec<bool> = (0..200).map(|i| i % 3 != 0).collect();
        let a = share(&Resamples::standard(hits.len()), &hits);
        let b = share(&Resamples::standard(hits.len()), &hits);
        assert_eq!(a, b, "same seed, same interval");
        assert!(a.ci_low < a.value && a.value < a.ci_high, "{a:?}");
        assert!(
            a.ci_high - a.ci_low < 0.2 && a.ci_high - a.ci_low > 0.05,
            "{a:?}"
        );
        let c = share(&Resamples::new(hits.len(), RESAMPLES, SEED + 1), &hits);
        assert_ne!(
            (a.ci_low, a.ci_high),
            (c.ci_low, c.ci_high),
            "another seed draws other resamples"
        );
        // Known first outputs of SplitMix64 with seed 0 (reference implementation).
        let mut rng = Rng::new(0);
        assert_eq!(rng.next_u64(), 0xE220_A839_7B1D_CDAF);
        assert_eq!(rng.next_u64(), 0x6E78_9E6A_A1B9_65F4);
    }

    #[test]
    fn percentiles_interpolate() {
        let v = [1.0, 2.0, 3.0, 4.0, 5.0];
        assert_eq!(percentile(&v, 0.5), 3.0);
        assert_eq!(percentile(&v, 0.0), 1.0);
        assert_eq!(percentile(&v, 1.0), 5.0);
        assert!(close(percentile(&v, 0.025), 1.1));
    }

    #[test]
    fn confusion_counts_and_trims() {
        let labels = ["a", "b", "c"].map(String::from).to_vec();
        let m = Confusion::new(labels, &[0, 0, 2], &[0, 2, 2]).trimmed();
        assert_eq!(m.labels, ["a", "c"]);
        assert_eq!(m.counts, vec![vec![1, 1], vec![0, 1]]);
    }
}
