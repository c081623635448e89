//! How often a panel redoes work over the whole collection while it streams in: at most every
//! quarter second, and never more than a tenth of the time (a million articles take a while to
//! sort; redone every frame, the load would slow to a crawl).

use std::time::{Duration, Instant};

const EVERY: Duration = Duration::from_millis(250);
/// The work may take at most 1 / SHARE of the time while loading.
const SHARE: u32 = 10;

#[derive(Debug, Default)]
pub struct Throttle {
    last: Option<(Instant, Duration)>,
}

impl Throttle {
    /// Whether to redo the work now: always when the collection is not loading, else once its
    /// time has come.
    pub fn due(&self, loading: bool) -> bool {
        match self.last {
            Some((at, cost)) if loading => at.elapsed() >= wait(cost),
            _ => true,
        }
    }

    /// The work begun at `start` is done: remembers when, and how long it took.
    pub fn ran(&mut self, start: Instant) {
        self.last = Some((start, start.elapsed()));
    }
}

/// How long to wait, while loading, after work that took `cost`.
fn wait(cost: Duration) -> Duration {
    EVERY.max(cost * SHARE)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn work_is_spaced_out_only_while_loading() {
        let mut t = Throttle::default();
        assert!(t.due(true), "the first time, at once");
        let start = Instant::now();
        std::thread::sleep(Duration::from_millis(30));
        t.ran(start);
        assert!(!t.due(true), "not again at once while loading");
        assert!(t.due(false), "always once loaded");
    }

    #[test]
    fn costly_work_waits_ten_times_its_cost() {
        let ms = Duration::from_millis;
        for (cost, want) in [(ms(0), ms(250)), (ms(20), ms(250)), (ms(80), ms(800))] {
            assert_eq!(wait(cost), want, "{cost:?}");
        }
    }
}
