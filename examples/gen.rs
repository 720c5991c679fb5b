//! A deterministic synthetic knowledge base for benchmarks: the bundled regulation,
//! annotations, risk points and guides, plus N generated cases of realistic length.
//!
//! cargo run --release --example gen -- --cases 10000 --out /tmp/kb-10k

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// xorshift64*: a fixed sequence for a fixed seed, so every run writes the same files.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[(self.next() % items.len() as u64) as usize]
    }
}

const FIELDS: [&str; 6] = [
    "校外培训监管",
    "民办教育管理",
    "教育收费",
    "校园安全",
    "教师资格管理",
    "招生入学",
];
const ACTIONS: [&str; 4] = ["行政检查", "行政处罚", "行政强制", "其他"];
const OUTCOMES: [(&str, &[&str]); 5] = [
    (
        "履职尽责",
        &[
            "第九条第（一）项",
            "第九条第（二）项",
            "第九条第（三）项",
            "第九条第（四）项",
            "第九条第（五）项",
            "第九条第（六）项",
            "第九条第（七）项",
            "第九条第（八）项",
            "第九条第（九）项",
        ],
    ),
    (
        "容错免责",
        &[
            "第十条第一款第（一）项",
            "第十条第一款第（二）项",
            "第十条第一款第（三）项",
            "第十条第一款第（四）项",
            "第十条第一款第（五）项",
            "第十条第一款第（六）项",
            "第十条第一款第（七）项",
            "第十条第一款第（八）项",
        ],
    ),
    (
        "从轻处理",
        &[
            "第十一条第（一）项",
            "第十一条第（二）项",
            "第十条第一款第（五）项",
        ],
    ),
    (
        "减轻处理",
        &[
            "第十一条第（一）项",
            "第十一条第（三）项",
            "第十条第一款第（四）项",
        ],
    ),
    ("不予容错", &["第十二条"]),
];
const RISKS: [&str; 11] = [
    "concealed-records",
    "prepaid-fee-supervision",
    "seized-property-transfer",
    "evidence-chain-gaps",
    "private-license-review",
    "annual-inspection-formality",
    "fee-policy-transition",
    "discretion-benchmark-misuse",
    "safety-rectification-followup",
    "qualification-material-fraud",
    "enrollment-zoning-boundary",
];
const SUBJECTS: [&str; 8] = [
    "某培训机构",
    "某民办幼儿园",
    "某中学",
    "某小学",
    "某民办学校",
    "某托管机构",
    "某艺术培训中心",
    "某职业学校",
];
const FACTS: [&str; 12] = [
    "执法人员甲、乙按照年度检查计划开展现场检查，全程开启执法记录仪，调取了收费台账、学员名册和课程安排。",
    "检查中发现机构提供的材料与预收费监管平台数据不一致，执法人员当场制作询问笔录并要求补充说明。",
    "机构负责人称部分资料存放在总部，承诺三日内补交，执法人员登记后离开现场，未进一步核查。",
    "事后经家长举报，执法人员再次到场核查，查实机构另设台账隐匿学员信息，违规开展学科类培训。",
    "因突发暴雪导致道路封闭，原定的隐患复查无法按期开展，执法人员及时报告并调整了复查计划。",
    "相关部门出具的核查结论有误，执法人员据此作出的判断与实际情况不符，发现后立即启动更正程序。",
    "执法人员依法作出责令改正决定并明确整改期限，当事人在整改期间拒不执行整改要求。",
    "案件依法移送有关部门处理期间，当事人继续违规经营，造成一定的不良影响。",
    "执法人员在处理历史遗留问题时触及固有利益，遭到阻挠，仍坚持依法推进，但个别程序环节出现偏差。",
    "上级部署开展专项整治，执法人员在缺乏先例的情况下大胆探索，采取了新的监管方式。",
    "收费政策调整后，新旧标准衔接期间政策界限不明确，执法人员对个别收费项目的认定出现偏差。",
    "执法人员接到举报线索后未按规定核查，也未如实记录，致使违规行为持续发生并损害了学生的合法权益。",
];
const REASONS: [&str; 6] = [
    "经单位调查核实，局党组综合分析主观、客观条件、程序方法、性质程度、后果影响以及挽回损失等情况，作出认定。",
    "执法人员已经按照法定职责、法定程序履行职责，问题系相对人故意隐瞒所致，不应追究责任。",
    "执法人员事后积极主动消除不良影响、挽回损失，没有造成重大损失和严重不良影响，法律没有明令禁止。",
    "执法人员积极配合问责调查，并主动承担责任，依法可以从轻或者减轻处理。",
    "执法人员不履行法定职责，致使当事人合法权益受到损害，造成不良后果，不予容错。",
    "该情形不属于履职尽责的范围，但符合容错的情形和条件，依照第十四条不作为执法错误认定。",
];

fn arg(name: &str) -> Option<String> {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1).cloned())
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
    }
}

fn main() {
    let cases: usize = arg("--cases").map_or(1000, |s| s.parse().expect("--cases N"));
    let out = PathBuf::from(arg("--out").expect("--out DIR"));
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let _ = std::fs::remove_dir_all(&out);
    // The bundled cases come along (annotations and guides link to them); the rest
    // are generated, so the knowledge base holds `cases` cases in all.
    for kind in ["regulations", "annotations", "risks", "guides", "cases"] {
        copy_dir(
            &repo.join("content").join(kind),
            &out.join("content").join(kind),
        );
    }
    std::fs::copy(repo.join("config.toml"), out.join("config.toml")).unwrap();
    let bundled = std::fs::read_dir(out.join("content/cases"))
        .unwrap()
        .count();
    let mut rng = Rng(0x5EED_2024_0914);
    for i in 0..cases.saturating_sub(bundled) {
        let year = 2025 + (i * 2 / cases.max(1)) as u32;
        let (month, day) = (1 + rng.next() % 12, 1 + rng.next() % 28);
        let id = format!("{year}-s{:05}", i + 1);
        let (outcome, clauses) = *rng.pick(&OUTCOMES);
        let clause = *rng.pick(clauses);
        let extra = if outcome == "容错免责" {
            ", \"第十条第二款\""
        } else {
            ""
        };
        let subject = *rng.pick(&SUBJECTS);
        let mut body = String::from("## 基本案情\n\n");
        for _ in 0..4 {
            let _ = write!(body, "{}{}", subject, rng.pick(&FACTS));
        }
        let _ = write!(
            body,
            "\n\n## 认定理由\n\n依照{clause}的规定，{}{}\n\n## 处理结果\n\n{}。\n\n## 纠错整改\n\n依照第十五条、第十六条启动纠错，责成限期整改。{}\n\n## 启示\n\n{}\n",
            rng.pick(&REASONS),
            rng.pick(&REASONS),
            outcome,
            rng.pick(&FACTS),
            rng.pick(&REASONS)
        );
        let file = format!(
            "+++\nid = \"{id}\"\ntitle = \"{subject}{}案（合成{}）\"\ndate = {year}-{month:02}-{day:02}\nfield = \"{}\"\naction = \"{}\"\noutcome = \"{outcome}\"\nclauses = [\"{clause}\"{extra}]\nrisk_points = [\"{}\"]\nsample = true\n[rectification]\nrequired = \"完善制度，限期整改。\"\ndeadline = {}-{month:02}-{day:02}\n+++\n{body}",
            rng.pick(&["检查漏判", "处罚偏差", "整改跟踪", "材料审核"]),
            i + 1,
            rng.pick(&FIELDS),
            rng.pick(&ACTIONS),
            rng.pick(&RISKS),
            year + 1,
        );
        std::fs::write(out.join("content/cases").join(format!("{id}.md")), file).unwrap();
    }
    eprintln!("wrote {cases} cases into {}", out.display());
}
