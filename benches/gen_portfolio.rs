//! Writes a portfolio of N realistic programs in the program format, for the
//! benchmark: `gen-portfolio DIR N [SEED] [NEGLECTED_EVERY]`. Deterministic
//! for a seed. Each program has a topic, a team of 1–5 groups of 4–8, a
//! kick-off, three workshops, a group meeting per group every calendar month
//! with actions (about 30 sessions), a sub-topic per group, and the review of
//! the preliminary solution within six months: it passes `al check`.
//!
//! Every NEGLECTED_EVERY-th program (default 20, i.e. 5 %; 1 = all) is
//! neglected the way real ones are: a quarter of its actions were never
//! closed, and its review was never held, so `al check` finds overdue
//! actions, months without meetings and a late review — warnings in its
//! topic, its team and about a third of its sessions. Not part of `al`'s
//! interface.

use std::fmt::Write as _;
use std::path::Path;

/// A small deterministic generator (xorshift64*), so no dependency is needed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next() % (hi - lo + 1)
    }
    fn pick<'a>(&mut self, items: &'a [&'a str]) -> &'a str {
        items[(self.next() % items.len() as u64) as usize]
    }
}

const SURNAMES: &[&str] = &[
    "张", "王", "李", "赵", "陈", "刘", "杨", "黄", "周", "吴", "徐", "孙", "马", "朱", "胡", "郭",
];
const GIVEN: &[&str] = &[
    "伟", "娜", "强", "静", "洋", "敏", "磊", "丽", "浩", "蕾", "军", "芳", "杰", "婷", "涛", "燕",
];
const DEPTS: &[&str] = &[
    "研发中心",
    "人力资源部",
    "财务部",
    "市场部",
    "生产部",
    "培训中心",
    "客服中心",
    "信息部",
];
const LEVELS: &[&str] = &["员工", "中层", "高层"];
const TOPICS: &[&str] = &[
    "如何降低优秀人才流失率",
    "如何缩短新产品上市周期",
    "如何提升客户满意度",
    "如何降低生产成本",
    "如何提高跨部门协作效率",
    "如何缩短新员工上手时间",
];

fn date(start: jiff::civil::Date, days: i64) -> jiff::civil::Date {
    start.saturating_add(jiff::Span::new().days(days))
}

fn write(path: &Path, text: &str) {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).unwrap_or_else(|e| panic!("mkdir {}: {e}", dir.display()));
    }
    std::fs::write(path, text).unwrap_or_else(|e| panic!("write {}: {e}", path.display()));
}

/// The `day` of the calendar month `months` after `start`'s.
fn in_month(start: jiff::civil::Date, months: i64, day: i8) -> jiff::civil::Date {
    let first = start
        .first_of_month()
        .saturating_add(jiff::Span::new().months(months));
    jiff::civil::date(first.year(), first.month(), day)
}

fn program(root: &Path, n: usize, neglected: bool, rng: &mut Rng) -> usize {
    let dir = root
        .join(format!("batch-{}", n / 100))
        .join(format!("program-{n:04}"));
    let start =
        jiff::civil::date(2024, 1, 1).saturating_add(jiff::Span::new().days(rng.range(0, 700) as i64));
    let groups = rng.range(1, 5) as usize;
    let mut files = 0;

    let mut t = String::new();
    let _ = writeln!(t, "title: {}（第 {n} 期）", rng.pick(TOPICS));
    let _ = writeln!(
        t,
        "kind: problem\nstatement: |\n  现状数据显示问题持续存在，影响重点工作的完成。\n  需要跨部门协同，找出根本原因并形成可推广的办法。"
    );
    let _ = writeln!(
        t,
        "source: {}",
        rng.pick(&[
            "strategic-priority",
            "review-finding",
            "benchmark-gap",
            "stakeholder-need"
        ])
    );
    let _ = writeln!(
        t,
        "criteria:\n  important: 直接影响年度重点目标\n  difficult: 涉及多个部门，存在两难\n  feasible: 在本单位职权范围内\n  learning: 方法可在全系统推广"
    );
    let _ = writeln!(
        t,
        "convener: {{ name: 王建国, title: 副总经理 }}\nmode: topic-first"
    );
    let _ = writeln!(
        t,
        "sponsor: {{ name: 李明, title: 总经理, commitment: 每季度听取一次汇报 }}"
    );
    let _ = writeln!(
        t,
        "start: {start}\nend: {}\nstage: 3\nbatch: {}-{}",
        date(start, 300),
        start.year(),
        n % 4 + 1
    );
    let _ = writeln!(
        t,
        "budget:\n  - {{ item: 外部专家, category: experts, planned: 30000, spent: {} }}\n  - {{ item: 调研, category: research, planned: 8000, spent: {} }}\ncurrency: CNY",
        rng.range(0, 30000),
        rng.range(0, 8000)
    );
    write(&dir.join("topic.yaml"), &t);
    files += 1;

    let mut team = String::from("people:\n");
    let mut members: Vec<Vec<String>> = Vec::new();
    let mut pid = 0;
    for _ in 0..groups {
        let size = rng.range(4, 8) as usize;
        let mut g = Vec::new();
        // Groups mix departments and levels, as the method asks.
        let (dept0, level0) = (rng.range(0, 7) as usize, rng.range(0, 2) as usize);
        for k in 0..size {
            let id = format!("p{pid}");
            pid += 1;
            let _ = writeln!(
                team,
                "  - {{ id: {id}, name: {}{}{}, department: {}, level: {}, consent: {} }}",
                rng.pick(SURNAMES),
                rng.pick(GIVEN),
                rng.pick(GIVEN),
                DEPTS[(dept0 + k * 3) % DEPTS.len()],
                LEVELS[(level0 + k) % LEVELS.len()],
                date(start, -10)
            );
            g.push(id);
        }
        members.push(g);
    }
    team.push_str("facilitators:\n  - { id: f1, name: 赵敏, level: intermediate }\n  - { id: f2, name: 钱卫东, level: senior }\ngroups:\n");
    for (i, g) in members.iter().enumerate() {
        let _ = writeln!(
            team,
            "  - id: g{}\n    name: 第{}组\n    leader: {}\n    learning_officers: [{}, {}]\n    facilitator: f{}\n    members: [{}]",
            i + 1,
            i + 1,
            g[0],
            g[1],
            g[2],
            i % 2 + 1,
            g.join(", ")
        );
    }
    write(&dir.join("team.yaml"), &team);
    files += 1;

    let kickoff = date(start, 1);
    write(
        &dir.join(format!("sessions/{kickoff}-kickoff.yaml")),
        &format!(
            "kind: kickoff\ntitle: 项目启动会\ndate: {kickoff}\ndays: 0.5\nfacilitator: f2\nobjectives: [明确目标, 宣布团队组成]\n"
        ),
    );
    files += 1;
    for w in 0..3 {
        let d = date(start, 15 + 56 * w);
        write(
            &dir.join(format!("sessions/{d}-workshop-{}.yaml", w + 1)),
            &format!(
                "kind: workshop\ntitle: 第{}期研讨班\ndate: {d}\ndays: 2\nfacilitator: f2\nobjectives: [进展汇报, 学习培训, 分组研讨]\nnotes: |\n  各组汇报了进展，集中学习后分组研讨。\nlearning:\n  - {{ title: 《行动学习》第{}章, by: f2 }}\n",
                w + 1,
                w + 1
            ),
        );
        files += 1;
    }
    // About 25 sessions in all: in each of the five calendar months of step 3
    // every group meets once, or twice when there are three groups or fewer;
    // then the review, within six months of the start.
    let per_month = if groups <= 3 { 2 } else { 1 };
    for (gi, g) in members.iter().enumerate() {
        for m in 0..5 * per_month {
            let day = 8 + gi as i8 + 10 * (m % per_month) as i8;
            let d = in_month(start, m / per_month + 1, day);
            let mut s = format!(
                "kind: group-meeting\ntitle: 第{}组第{}次小组会议\ndate: {d}\ndays: 1\ngroups: [g{}]\nplace: 3 楼会议室\nfacilitator: f{}\nlearning_officer: {}\nattendees: [{}]\nobjectives:\n  - 研讨子课题进展\nnotes: |\n  讨论了现状与原因，明确了下一步分工。\nlearning:\n  - {{ title: 案例研讨第 {} 讲, by: {} }}\nactions:\n",
                gi + 1,
                m + 1,
                gi + 1,
                gi % 2 + 1,
                g[1 + m as usize % 2],
                g.join(", "),
                m + 1,
                g[1 + m as usize % 2]
            );
            for a in 0..rng.range(1, 3) {
                let status = match rng.range(0, 7) {
                    0 | 1 if neglected => "open",
                    0 => "dropped",
                    _ => "done",
                };
                let _ = writeln!(
                    s,
                    "  - {{ task: 完成第 {a} 项调研, owner: {}, due: {}, status: {status}, subtopic: st-g{} }}",
                    g[(a as usize + m as usize) % g.len()],
                    date(d, 14),
                    gi + 1
                );
            }
            write(&dir.join(format!("sessions/{d}-g{}-meeting.yaml", gi + 1)), &s);
            files += 1;
        }
        let st = format!(
            "id: st-g{}\nquestion: 如何解决第{}组负责的关键问题?\ngoal: 年底前关键指标回升 10%\ngroup: g{}\nowner: {}\ndefined: {}\nstatus: active\nanalysis:\n  symptoms: [指标连续两年下降]\n  problems: [流程衔接不畅]\n  causes: [职责不清]\n  countermeasures: [明确接口责任]\n",
            gi + 1,
            gi + 1,
            gi + 1,
            g[1],
            date(start, 15)
        );
        write(&dir.join(format!("subtopics/st-g{}.yaml", gi + 1)), &st);
        files += 1;
    }
    if !neglected {
        let d = start
            .saturating_add(jiff::Span::new().months(6))
            .saturating_sub(jiff::Span::new().days(3));
        write(
            &dir.join(format!("sessions/{d}-review.yaml")),
            &format!(
                "kind: review\ntitle: 初步方案评审会\ndate: {d}\ndays: 0.5\nfacilitator: f2\nobjectives: [评审各组初步方案, 决定实施范围]\n"
            ),
        );
        files += 1;
    }
    files
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(root), Some(n)) = (args.get(1), args.get(2).and_then(|n| n.parse::<usize>().ok())) else {
        eprintln!("usage: gen-portfolio DIR N [SEED] [NEGLECTED_EVERY]");
        std::process::exit(2);
    };
    let seed = args.get(3).and_then(|s| s.parse::<u64>().ok()).unwrap_or(42);
    let every = args
        .get(4)
        .and_then(|s| s.parse::<usize>().ok())
        .unwrap_or(20)
        .max(1);
    let root = Path::new(root);
    if root.exists() {
        eprintln!("{} exists; choose a new folder", root.display());
        std::process::exit(2);
    }
    let mut rng = Rng(seed.max(1));
    let files: usize = (0..n)
        .map(|i| program(root, i, i % every == every - 1, &mut rng))
        .sum();
    println!("wrote {n} programs, {files} files, into {}", root.display());
}
