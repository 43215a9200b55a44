//! Writing dividend slips for 10,000 members: throughput in slips a second
//! (on A5, one slip is one page). Run with `cargo bench --bench slips`.

// criterion_group! defines a public function that cannot carry a doc comment.
#![allow(missing_docs)]

use std::hint::black_box;
use std::time::Duration;

use chrono::NaiveDate;
use chumchon::pdf::{write_slips, DividendBasis, Slip, SlipHeader, SlipLayout};
use chumchon::Satang;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};

const MEMBERS: usize = 10_000;

const FIRST_NAMES: [&str; 6] = ["สมชาย", "ญาณี", "ปั่นทอง", "กิ่งแก้ว", "น้ำฝน", "ฐิติพร"];
const LAST_NAMES: [&str; 5] = ["ใจดี", "ที่สุข", "ญี่ปุ่นวงศ์", "มีทรัพย์", "น้ำใจงาม"];

fn header() -> SlipHeader {
    SlipHeader {
        foundation_name: "มูลนิธิชุมชนสงขลา".to_string(),
        year_be: 2567,
        method: "เฉลี่ยตามหุ้น-เดือน".to_string(),
        basis: DividendBasis::Rate("5.00% ต่อปี".to_string()),
        date: NaiveDate::from_ymd_opt(2025, 1, 15).expect("valid date"),
    }
}

/// Member `i`, with names, figures and amounts that differ slip to slip.
fn slip(i: usize) -> Slip {
    let first = FIRST_NAMES[i % FIRST_NAMES.len()];
    let last = LAST_NAMES[(i / FIRST_NAMES.len()) % LAST_NAMES.len()];
    let shares = 10 + (i as i64 * 37) % 5_000;
    Slip {
        member_no: format!("{:05}", i + 1),
        member_name: format!("นาย{first} {last}"),
        community_name: format!("ชุมชนบ้านน้ำกระจาย {}", i % 40 + 1),
        year_end_shares: shares,
        share_months: shares * 12 - (i as i64 % 11),
        amount: Satang(shares * 5_000 + (i as i64 % 100)),
        patronage: None,
    }
}

fn slips(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temporary folder");
    let mut group = c.benchmark_group("slips");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(40));
    group.throughput(Throughput::Elements(MEMBERS as u64));

    for layout in [SlipLayout::A5, SlipLayout::A4TwoUp] {
        let path = dir.path().join(format!("{layout:?}.pdf"));
        group.bench_function(format!("{MEMBERS} members {layout:?}"), |b| {
            b.iter(|| {
                let members = (0..MEMBERS).map(slip);
                let summary = write_slips(&path, &header(), members, layout, &mut |_| {});
                black_box(summary.expect("slips written"))
            })
        });
    }
    group.finish();
}

criterion_group!(benches, slips);
criterion_main!(benches);
