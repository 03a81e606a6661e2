//! Realistic generated Vietnamese visitors: surnames with their real frequencies, common middle and
//! given names, addresses of Hà Nội wards, and summaries of the matters a ward desk hears.

/// Surnames and their approximate share of the population, in per mille.
const SURNAMES: &[(&str, u32)] = &[
    ("Nguyễn", 380),
    ("Trần", 110),
    ("Lê", 95),
    ("Phạm", 70),
    ("Hoàng", 35),
    ("Huỳnh", 20),
    ("Phan", 45),
    ("Vũ", 25),
    ("Võ", 15),
    ("Đặng", 21),
    ("Bùi", 20),
    ("Đỗ", 14),
    ("Hồ", 13),
    ("Ngô", 13),
    ("Dương", 10),
    ("Lý", 5),
    ("Đinh", 10),
    ("Trịnh", 8),
    ("Đào", 8),
    ("Mai", 6),
    ("Tạ", 5),
    ("Lương", 6),
    ("Cao", 6),
    ("Lâm", 5),
    ("Chu", 4),
    ("Quách", 3),
    ("Kiều", 3),
];
const MIDDLE_MALE: &[&str] =
    &["Văn", "Hữu", "Đức", "Minh", "Quốc", "Xuân", "Thanh", "Công", "Đình", "Trọng", "Gia", "Bảo", "Ngọc"];
const MIDDLE_FEMALE: &[&str] =
    &["Thị", "Thu", "Ngọc", "Thanh", "Kim", "Minh", "Hồng", "Thuỳ", "Phương", "Bích", "Diệu", "Mỹ"];
const GIVEN_MALE: &[&str] = &[
    "An", "Anh", "Bình", "Cường", "Dũng", "Đạt", "Đức", "Giang", "Hải", "Hiếu", "Hoàng", "Hùng", "Huy",
    "Khánh", "Khang", "Kiên", "Long", "Lộc", "Mạnh", "Minh", "Nam", "Nghĩa", "Phong", "Phúc", "Quân",
    "Quang", "Sơn", "Tài", "Thắng", "Thành", "Thịnh", "Toàn", "Trung", "Tuấn", "Tùng", "Việt", "Vinh",
];
const GIVEN_FEMALE: &[&str] = &[
    "An", "Anh", "Ánh", "Châu", "Chi", "Dung", "Duyên", "Giang", "Hà", "Hạnh", "Hằng", "Hoa", "Hương",
    "Huyền", "Lan", "Liên", "Linh", "Loan", "Mai", "My", "Nga", "Ngân", "Ngọc", "Nhung", "Oanh", "Phương",
    "Quyên", "Tâm", "Thảo", "Thoa", "Thủy", "Trang", "Trinh", "Uyên", "Vân", "Xuân", "Yến",
];
const STREETS: &[&str] = &[
    "Quang Trung",
    "Trần Phú",
    "Nguyễn Trãi",
    "Lê Lợi",
    "Tô Hiệu",
    "Bà Triệu",
    "Phùng Hưng",
    "Lý Thường Kiệt",
    "Nguyễn Viết Xuân",
    "Vạn Phúc",
    "Ngô Thì Nhậm",
    "Lê Trọng Tấn",
    "Chiến Thắng",
    "Văn Quán",
    "Yên Nghĩa",
];
const WARDS: &[&str] = &["Hà Đông", "Văn Quán", "Mộ Lao", "Kiến Hưng", "Dương Nội", "Phú Lương", "Yên Nghĩa"];
const MATTERS: &[&str] = &[
    "Khiếu nại quyết định thu hồi đất và mức bồi thường giải phóng mặt bằng",
    "Tranh chấp ranh giới thửa đất với hộ liền kề",
    "Đề nghị cấp giấy chứng nhận quyền sử dụng đất",
    "Phản ánh tình trạng xây dựng trái phép trong ngõ",
    "Phản ánh ô nhiễm tiếng ồn từ xưởng sản xuất",
    "Kiến nghị sửa chữa đường điện chiếu sáng ngõ xóm",
    "Tố cáo cán bộ địa chính nhận tiền trái quy định",
    "Hỏi về chế độ trợ cấp người có công với cách mạng",
    "Kiến nghị nạo vét cống thoát nước gây ngập úng",
    "Khiếu nại việc xử phạt vi phạm hành chính về trật tự đô thị",
    "Đề nghị xác nhận hộ nghèo và hỗ trợ học phí",
    "Phản ánh rác thải sinh hoạt không được thu gom",
    "Tranh chấp lối đi chung giữa các hộ gia đình",
    "Kiến nghị về việc cấp phép kinh doanh quán karaoke",
];
/// Birth-registration province codes of the CCCD (a few of the 63).
const PROVINCES: &[&str] =
    &["001", "022", "030", "031", "033", "034", "035", "036", "037", "038", "040", "079"];

/// A fast deterministic generator: the same seed makes the same register.
pub struct Dice(u64);

impl Dice {
    pub fn new(seed: u64) -> Dice {
        Dice(seed | 1)
    }

    pub fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len() as u64) as usize]
    }
}

pub struct Person {
    pub full_name: String,
    pub id_number: Option<String>,
    pub birth_year: i32,
    pub female: bool,
    pub address: String,
}

pub fn person(dice: &mut Dice) -> Person {
    let total: u32 = SURNAMES.iter().map(|(_, w)| w).sum();
    let mut roll = dice.below(u64::from(total)) as u32;
    let surname = SURNAMES
        .iter()
        .find(|(_, w)| {
            let hit = roll < *w;
            roll = roll.saturating_sub(*w);
            hit
        })
        .map_or("Nguyễn", |(s, _)| s);
    let female = dice.below(2) == 1;
    let (middle, given) = if female { (MIDDLE_FEMALE, GIVEN_FEMALE) } else { (MIDDLE_MALE, GIVEN_MALE) };
    let mut full_name = format!("{surname} {}", dice.pick(middle));
    if dice.below(5) == 0 {
        full_name.push(' ');
        full_name.push_str(dice.pick(given));
    }
    full_name.push(' ');
    full_name.push_str(dice.pick(given));
    let birth_year = 1940 + dice.below(66) as i32;
    let id_number = (dice.below(10) < 8).then(|| {
        let century = if birth_year >= 2000 { 2 } else { 0 } + u64::from(female);
        format!("{}{century}{:02}{:06}", dice.pick(PROVINCES), birth_year % 100, dice.below(1_000_000))
    });
    let address = format!(
        "Số {}, ngõ {}, phố {}, phường {}",
        1 + dice.below(200),
        1 + dice.below(120),
        dice.pick(STREETS),
        dice.pick(WARDS)
    );
    Person { full_name, id_number, birth_year, female, address }
}

pub fn matter(dice: &mut Dice) -> &'static str {
    dice.pick(MATTERS)
}
