//! The flags of a complaint decision's figures (`petition resolve`, 01/KQGQ) and of its
//! implementation (`petition implementation`, 02/KQGQ). Money is in triệu đồng and land in m², with
//! a dot before at most three decimals (`--recover-money 1.25`); counts are whole numbers.

use clap::Args;
use tiepdan_domain::decisions::{
    Amount, Assets, Cases, ImplementationFigures, Persons, ResolutionFigures, SecondLevel,
};

fn amount(text: &str) -> Result<Amount, String> {
    Amount::parse(text, '.').map_err(|p| format!("{} ({})", p.message_en(), p.message_vi()))
}

fn second_level(text: &str) -> Result<SecondLevel, String> {
    match text {
        "upheld" => Ok(SecondLevel::Upheld),
        "annulled" => Ok(SecondLevel::Annulled),
        _ => Err(format!("unknown verdict {text:?} (upheld, annulled)")),
    }
}

/// What a decision on a complaint within the ward's competence decided. Any flag given records the
/// figures; none records none.
#[derive(Debug, Default, Args)]
pub struct FiguresArgs {
    /// Kiến nghị thu hồi cho Nhà nước: money (triệu đồng).
    #[arg(long, value_parser = amount)]
    recover_money: Option<Amount>,
    /// Kiến nghị thu hồi cho Nhà nước: land (m²).
    #[arg(long, value_parser = amount)]
    recover_land: Option<Amount>,
    /// Trả lại cho tổ chức: money (triệu đồng).
    #[arg(long, value_parser = amount)]
    return_org_money: Option<Amount>,
    /// Trả lại cho tổ chức: land (m²).
    #[arg(long, value_parser = amount)]
    return_org_land: Option<Amount>,
    /// Trả lại cho cá nhân: money (triệu đồng).
    #[arg(long, value_parser = amount)]
    return_person_money: Option<Amount>,
    /// Trả lại cho cá nhân: land (m²).
    #[arg(long, value_parser = amount)]
    return_person_land: Option<Amount>,
    /// Số tổ chức được trả lại quyền lợi.
    #[arg(long)]
    orgs_restored: Option<u32>,
    /// Số cá nhân được trả lại quyền lợi.
    #[arg(long)]
    persons_restored: Option<u32>,
    /// Kiến nghị xử lý hành chính: people.
    #[arg(long)]
    sanction_people: Option<u32>,
    /// … of whom cán bộ, công chức, viên chức.
    #[arg(long)]
    sanction_officials: Option<u32>,
    /// Chuyển cơ quan điều tra: cases.
    #[arg(long)]
    refer_cases: Option<u32>,
    /// Chuyển cơ quan điều tra: people.
    #[arg(long)]
    refer_people: Option<u32>,
    /// Chuyển cơ quan điều tra: of whom officials.
    #[arg(long)]
    refer_officials: Option<u32>,
    /// Resolved within the deadline: true or false (default: compared with the computed deadline).
    #[arg(long)]
    deadline_kept: Option<bool>,
    /// A second-level decision upheld or annulled/amended the first: upheld, annulled.
    #[arg(long, value_parser = second_level)]
    second_level: Option<SecondLevel>,
}

impl FiguresArgs {
    /// The figures, or None when no flag was given.
    pub fn figures(&self) -> Option<ResolutionFigures> {
        let f = ResolutionFigures {
            to_state: Assets {
                money: self.recover_money.unwrap_or_default(),
                land: self.recover_land.unwrap_or_default(),
            },
            to_organisations: Assets {
                money: self.return_org_money.unwrap_or_default(),
                land: self.return_org_land.unwrap_or_default(),
            },
            to_individuals: Assets {
                money: self.return_person_money.unwrap_or_default(),
                land: self.return_person_land.unwrap_or_default(),
            },
            organisations_restored: self.orgs_restored.unwrap_or_default(),
            individuals_restored: self.persons_restored.unwrap_or_default(),
            sanctions: Persons {
                people: self.sanction_people.unwrap_or_default(),
                officials: self.sanction_officials.unwrap_or_default(),
            },
            referred: Cases {
                cases: self.refer_cases.unwrap_or_default(),
                people: self.refer_people.unwrap_or_default(),
                officials: self.refer_officials.unwrap_or_default(),
            },
            deadline_kept: self.deadline_kept,
            second_level: self.second_level,
        };
        let given = [
            self.recover_money.is_some(),
            self.recover_land.is_some(),
            self.return_org_money.is_some(),
            self.return_org_land.is_some(),
            self.return_person_money.is_some(),
            self.return_person_land.is_some(),
            self.orgs_restored.is_some(),
            self.persons_restored.is_some(),
            self.sanction_people.is_some(),
            self.sanction_officials.is_some(),
            self.refer_cases.is_some(),
            self.refer_people.is_some(),
            self.refer_officials.is_some(),
            self.deadline_kept.is_some(),
            self.second_level.is_some(),
        ];
        given.contains(&true).then_some(f)
    }
}

/// What has been carried out of a decision so far, as totals to date.
#[derive(Debug, Default, Args)]
pub struct DoneArgs {
    /// Đã thu hồi cho Nhà nước: money (triệu đồng).
    #[arg(long, value_parser = amount, default_value = "0")]
    recovered_money: Amount,
    /// Đã thu hồi cho Nhà nước: land (m²).
    #[arg(long, value_parser = amount, default_value = "0")]
    recovered_land: Amount,
    /// Đã trả lại cho tổ chức: money (triệu đồng).
    #[arg(long, value_parser = amount, default_value = "0")]
    returned_org_money: Amount,
    /// Đã trả lại cho tổ chức: land (m²).
    #[arg(long, value_parser = amount, default_value = "0")]
    returned_org_land: Amount,
    /// Đã trả lại cho cá nhân: money (triệu đồng).
    #[arg(long, value_parser = amount, default_value = "0")]
    returned_person_money: Amount,
    /// Đã trả lại cho cá nhân: land (m²).
    #[arg(long, value_parser = amount, default_value = "0")]
    returned_person_land: Amount,
    /// Đã xử lý hành chính: people.
    #[arg(long, default_value_t = 0)]
    sanctioned_people: u32,
    /// … of whom cán bộ, công chức, viên chức.
    #[arg(long, default_value_t = 0)]
    sanctioned_officials: u32,
    /// Đã khởi tố: cases.
    #[arg(long, default_value_t = 0)]
    prosecuted_cases: u32,
    /// Đã khởi tố: people.
    #[arg(long, default_value_t = 0)]
    prosecuted_people: u32,
    /// Đã khởi tố: of whom officials.
    #[arg(long, default_value_t = 0)]
    prosecuted_officials: u32,
}

impl DoneArgs {
    pub fn done(&self) -> ImplementationFigures {
        ImplementationFigures {
            to_state: Assets { money: self.recovered_money, land: self.recovered_land },
            to_organisations: Assets { money: self.returned_org_money, land: self.returned_org_land },
            to_individuals: Assets { money: self.returned_person_money, land: self.returned_person_land },
            sanctioned: Persons { people: self.sanctioned_people, officials: self.sanctioned_officials },
            prosecuted: Cases {
                cases: self.prosecuted_cases,
                people: self.prosecuted_people,
                officials: self.prosecuted_officials,
            },
        }
    }
}
