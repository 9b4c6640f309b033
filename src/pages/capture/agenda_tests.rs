use super::*;

const MIN: i64 = 60_000;

#[test]
fn a_running_item_counts_from_its_start_and_a_paused_one_does_not() {
    let mut t = AgendaTimer::default();
    assert!(!t.started());
    t.start(1_000);
    assert_eq!(t.elapsed_ms(0, 1_000 + 5 * MIN), 5 * MIN);
    t.pause(1_000 + 5 * MIN);
    assert_eq!(t.elapsed_ms(0, 1_000 + 50 * MIN), 5 * MIN);
    t.start(100 * MIN);
    assert_eq!(t.elapsed_ms(0, 101 * MIN), 6 * MIN);
    assert!(t.started());
}

#[test]
fn next_banks_the_time_and_keeps_running_on_the_next_item() {
    let mut t = AgendaTimer::default();
    t.start(0);
    t.next(12 * MIN);
    assert_eq!(t.current(), 1);
    assert!(t.running());
    assert_eq!(t.elapsed_ms(0, 30 * MIN), 12 * MIN);
    assert_eq!(t.elapsed_ms(1, 30 * MIN), 18 * MIN);
    assert_eq!(t.total_ms(30 * MIN), 30 * MIN);
}

#[test]
fn next_on_the_last_item_stops_the_timer() {
    let mut t = AgendaTimer::default();
    t.select(EXCHANGE_AGENDA.len() - 1, 0);
    t.start(0);
    t.next(MIN);
    assert!(!t.running());
    assert_eq!(t.current(), EXCHANGE_AGENDA.len() - 1);
    assert_eq!(t.total_ms(10 * MIN), MIN);
}

#[test]
fn the_timer_survives_a_round_trip_through_json_while_running() {
    let mut t = AgendaTimer::default();
    t.start(0);
    t.next(3 * MIN);
    let back: AgendaTimer = serde_json::from_str(&serde_json::to_string(&t).unwrap()).unwrap();
    assert_eq!(back.elapsed_ms(1, 10 * MIN), 7 * MIN);
    assert_eq!(back.total_ms(10 * MIN), 10 * MIN);
}

#[test]
fn clock_shows_minutes_and_seconds() {
    assert_eq!(clock(0), "0:00");
    assert_eq!(clock(65_000), "1:05");
    assert_eq!(clock(3_725_000), "1:02:05");
}
