//! Word and phrase lists for plausible briefing prose on Chinese influence in
//! Central Asia. Pairs are (Traditional Chinese, English) with the same
//! meaning, so titles and citations can be given in both languages.

/// A phrase in both languages.
pub type Pair = (&'static str, &'static str);

/// One glossary entry: its id, terms and the phrases the text uses for it.
pub struct GlossaryTerm {
    /// Stable ASCII id.
    pub id: &'static str,
    /// Traditional Chinese term and aliases.
    pub zh: (&'static str, &'static [&'static str]),
    /// English term and aliases.
    pub en: (&'static str, &'static [&'static str]),
    /// How English prose names it (contains the term or an alias on word boundaries).
    pub en_phrase: &'static str,
}

macro_rules! term {
    ($id:literal, $zh:literal [$($za:literal),*], $en:literal [$($ea:literal),*], $phrase:literal) => {
        GlossaryTerm { id: $id, zh: ($zh, &[$($za),*]), en: ($en, &[$($ea),*]), en_phrase: $phrase }
    };
}

/// The 40 glossary terms of the corpus, sorted by id as in the real glossary.
pub const GLOSSARY: &[GlossaryTerm] = &[
    term!(
        "asian-infrastructure-investment-bank",
        "亞洲基礎設施投資銀行"["亞投行"],
        "Asian Infrastructure Investment Bank"["AIIB"],
        "the Asian Infrastructure Investment Bank"
    ),
    term!(
        "belt-and-road-initiative",
        "帶路倡議"["一帶一路"],
        "Belt and Road Initiative"["BRI"],
        "the Belt and Road Initiative"
    ),
    term!("central-asia-barometer", "中亞晴雨表" [], "Central Asia Barometer" [], "the Central Asia Barometer"),
    term!("central-asia-china-gas-pipeline", "中亞天然氣管道" [], "Central Asia–China gas pipeline" [], "the Central Asia–China gas pipeline"),
    term!("central-asian-five", "中亞五國" [], "five Central Asian states" [], "the five Central Asian states"),
    term!("china-central-asia-summit", "中國—中亞峰會" [], "China–Central Asia Summit" [], "the China–Central Asia Summit"),
    term!(
        "china-development-bank",
        "國家開發銀行"["國開行"],
        "China Development Bank"["CDB"],
        "the China Development Bank"
    ),
    term!("china-kyrgyzstan-uzbekistan-railway", "中吉烏鐵路" [], "China–Kyrgyzstan–Uzbekistan railway" [], "the China–Kyrgyzstan–Uzbekistan railway"),
    term!(
        "collective-security-treaty-organization",
        "集體安全條約組織"["集安組織"],
        "Collective Security Treaty Organization"["CSTO"],
        "the Collective Security Treaty Organization"
    ),
    term!("confucius-institute", "孔子學院" [], "Confucius Institute" [], "the Confucius Institute network"),
    term!("de-russification", "去俄化" [], "de-Russification" [], "de-Russification"),
    term!("debt-trap-diplomacy", "債務陷阱外交" [], "debt-trap diplomacy" [], "debt-trap diplomacy"),
    term!("digital-authoritarianism", "數位威權主義" [], "digital authoritarianism" [], "digital authoritarianism"),
    term!("digital-silk-road", "數位絲路" [], "Digital Silk Road" [], "the Digital Silk Road"),
    term!("elite-capture", "菁英俘獲" [], "elite capture" [], "elite capture"),
    term!("eurasian-economic-union", "歐亞經濟聯盟" [], "Eurasian Economic Union" ["EAEU"], "the Eurasian Economic Union"),
    term!("export-import-bank-of-china", "中國進出口銀行" [], "Export-Import Bank of China" ["China Exim Bank"], "the Export-Import Bank of China"),
    term!("external-propaganda", "大外宣" ["對外宣傳"], "external propaganda" [], "external propaganda"),
    term!("global-civilization-initiative", "全球文明倡議" [], "Global Civilization Initiative" [], "the Global Civilization Initiative"),
    term!("global-development-initiative", "全球發展倡議" [], "Global Development Initiative" [], "the Global Development Initiative"),
    term!("global-security-initiative", "全球安全倡議" [], "Global Security Initiative" [], "the Global Security Initiative"),
    term!("khorgos-gateway", "霍爾果斯口岸" [], "Khorgos Gateway" [], "the Khorgos Gateway"),
    term!("labour-migration", "勞動移民" [], "labour migration" [], "labour migration"),
    term!("luban-workshop", "魯班工坊" [], "Luban Workshop" [], "the Luban Workshop programme"),
    term!("middle-corridor", "中間走廊" [], "Middle Corridor" [], "the Middle Corridor"),
    term!("multi-vector-foreign-policy", "多元平衡外交" [], "multi-vector foreign policy" [], "a multi-vector foreign policy"),
    term!("peace-mission-exercises", "和平使命聯合反恐演習" ["和平使命"], "Peace Mission exercises" [], "the Peace Mission exercises"),
    term!("private-security-companies", "私人保全公司" [], "private security companies" [], "private security companies"),
    term!("rare-earth-elements", "稀土元素" ["稀土"], "rare earth elements" [], "rare earth elements"),
    term!("safe-city", "平安城市" [], "Safe City" [], "Safe City systems"),
    term!(
        "shanghai-cooperation-organisation",
        "上海合作組織"["上合組織"],
        "Shanghai Cooperation Organisation"["SCO"],
        "the Shanghai Cooperation Organisation"
    ),
    term!("sharp-power", "銳實力" [], "sharp power" [], "sharp power"),
    term!("silk-road-fund", "絲路基金" [], "Silk Road Fund" [], "the Silk Road Fund"),
    term!("smart-city", "智慧城市" [], "smart city" [], "smart city projects"),
    term!("soft-power", "軟實力" [], "soft power" [], "soft power"),
    term!("special-economic-zone", "經濟特區" [], "special economic zone" [], "a special economic zone"),
    term!("three-evils", "三股勢力" [], "three evils" [], "the “three evils”"),
    term!("united-front-work", "統戰工作" [], "united front work" [], "united front work"),
    term!("warm-politics-cold-public", "政熱民冷" [], "warm politics, cold public" [], "“warm politics, cold public”"),
    term!("xian-declaration", "西安宣言" [], "Xi'an Declaration" [], "the Xi'an Declaration"),
];

/// States and other actors.
pub const ACTORS: &[Pair] = &[
    ("中國", "China"),
    ("俄羅斯", "Russia"),
    ("哈薩克", "Kazakhstan"),
    ("吉爾吉斯", "Kyrgyzstan"),
    ("塔吉克", "Tajikistan"),
    ("土庫曼", "Turkmenistan"),
    ("烏茲別克", "Uzbekistan"),
    ("北京", "Beijing"),
    ("莫斯科", "Moscow"),
    ("美國", "the United States"),
    ("歐盟", "the European Union"),
    ("土耳其", "Turkey"),
    ("中亞各國政府", "Central Asian governments"),
    ("中國國有企業", "Chinese state-owned enterprises"),
];

/// Regions.
pub const REGIONS: &[Pair] = &[
    ("中亞", "Central Asia"),
    ("歐亞大陸", "Eurasia"),
    ("費爾干納盆地", "the Fergana Valley"),
    ("裏海沿岸", "the Caspian littoral"),
    ("新疆邊境地區", "the Xinjiang border region"),
    ("阿富汗邊境", "the Afghan border"),
    ("南高加索", "the South Caucasus"),
    ("哈薩克北部", "northern Kazakhstan"),
];

/// Policy fields.
pub const FIELDS: &[Pair] = &[
    ("經濟", "economic"),
    ("安全", "security"),
    ("能源", "energy"),
    ("基礎建設", "infrastructure"),
    ("數位", "digital"),
    ("教育", "educational"),
    ("文化", "cultural"),
    ("媒體", "media"),
    ("金融", "financial"),
    ("交通", "transport"),
    ("農業", "agricultural"),
    ("公共衛生", "public health"),
];

/// Clauses that end or extend a sentence.
pub const CLAUSES: &[Pair] = &[
    (
        "顯示其戰略布局已從經濟延伸至安全領域",
        "showing that its strategy has moved from the economy into security",
    ),
    (
        "此一趨勢在俄烏戰爭爆發後更為明顯",
        "a trend that became clearer after the Russia–Ukraine war began",
    ),
    (
        "但其資金運用的透明度長期受到質疑",
        "although the transparency of its funding has long been questioned",
    ),
    (
        "並引發西方國家的高度關注",
        "which has drawn close attention from Western governments",
    ),
    (
        "反映出區域權力平衡正在改變",
        "reflecting a shift in the regional balance of power",
    ),
    (
        "也使當地政府面臨更大的債務壓力",
        "while leaving local governments under heavier debt pressure",
    ),
    (
        "然而地方社會對此仍抱持觀望態度",
        "yet local society remains wary of it",
    ),
    (
        "其影響在短期內難以評估",
        "and its effects are hard to assess in the short term",
    ),
    (
        "並逐步形成以北京為中心的合作網絡",
        "gradually forming a network of cooperation centred on Beijing",
    ),
    (
        "使當地菁英更加依賴中國的資金與技術",
        "making local elites more dependent on Chinese money and technology",
    ),
    (
        "同時壓縮了公民社會的活動空間",
        "while narrowing the space for civil society",
    ),
    (
        "此舉被視為對俄羅斯傳統勢力範圍的挑戰",
        "a move widely read as a challenge to Russia's traditional sphere of influence",
    ),
];

/// Topical section ids with their titles.
pub const TOPICS: &[(&str, Pair)] = &[
    ("trade", ("經貿與投資", "Trade and Investment")),
    ("security", ("安全合作", "Security Cooperation")),
    ("energy", ("能源與資源", "Energy and Resources")),
    ("digital", ("數位基礎建設", "Digital Infrastructure")),
    (
        "education",
        ("教育與文化交流", "Education and Cultural Exchange"),
    ),
    ("media", ("媒體與輿論", "Media and Public Opinion")),
    ("finance", ("金融與債務", "Finance and Debt")),
    ("transport", ("交通與物流", "Transport and Logistics")),
    ("elites", ("菁英收編", "Co-opting Elites")),
    ("migration", ("移民與勞動力", "Migration and Labour")),
];

/// Briefing subtitles.
pub const SUBTITLES: &[Pair] = &[
    ("機會與風險", "Opportunities and Risks"),
    ("從經濟到安全", "From Economics to Security"),
    (
        "俄烏戰爭後的新局",
        "A New Landscape after the Russia–Ukraine War",
    ),
    (
        "政熱民冷的困境",
        "The Problem of Warm Politics and a Cold Public",
    ),
    ("區域秩序的重塑", "Reshaping the Regional Order"),
    ("軟實力的極限", "The Limits of Soft Power"),
];

/// Chinese surnames with their romanisation.
pub const SURNAMES: &[Pair] = &[
    ("王", "Wang"),
    ("李", "Li"),
    ("張", "Chang"),
    ("陳", "Chen"),
    ("林", "Lin"),
    ("黃", "Huang"),
    ("吳", "Wu"),
    ("劉", "Liu"),
    ("蔡", "Tsai"),
    ("楊", "Yang"),
    ("許", "Hsu"),
    ("鄭", "Cheng"),
    ("謝", "Hsieh"),
    ("曾", "Tzeng"),
    ("洪", "Hung"),
    ("郭", "Kuo"),
];

/// Chinese given names with their romanisation.
pub const GIVEN_NAMES: &[Pair] = &[
    ("怡碩", "Yi-shuo"),
    ("先靖", "Hsien-ching"),
    ("志明", "Chih-ming"),
    ("雅婷", "Ya-ting"),
    ("建宏", "Chien-hung"),
    ("淑芬", "Shu-fen"),
    ("冠宇", "Kuan-yu"),
    ("家豪", "Chia-hao"),
    ("宜蓁", "Yi-chen"),
    ("俊傑", "Chun-chieh"),
    ("佩珊", "Pei-shan"),
    ("明哲", "Ming-che"),
];

/// Western first names for English-language sources.
pub const FIRST_NAMES: &[&str] = &[
    "Bernardo",
    "Temur",
    "Niva",
    "Raffaello",
    "Alexander",
    "Bradley",
    "Sebastien",
    "Marlene",
    "Nargis",
    "Paul",
    "Erica",
    "Aizada",
];

/// Western last names for English-language sources.
pub const LAST_NAMES: &[&str] = &[
    "Mariani",
    "Umarov",
    "Yau",
    "Pantucci",
    "Cooley",
    "Jardine",
    "Peyrouse",
    "Laruelle",
    "Kassenova",
    "Stronski",
    "Marat",
    "Nurmatova",
];

/// Affiliations of the think tank's authors.
pub const AFFILIATIONS: &[Pair] = &[
    (
        "網路安全與決策推演研究所",
        "Division of Cyber Security and Decision-Making Simulation",
    ),
    ("國家安全研究所", "Division of National Security Research"),
    (
        "中共政軍與作戰概念研究所",
        "Division of Chinese Politics, Military and Warfighting Concepts",
    ),
    (
        "國防戰略與資源研究所",
        "Division of Defense Strategy and Resources",
    ),
    (
        "非傳統安全與軍事任務研究所",
        "Division of Non-traditional Security and Military Missions",
    ),
];

/// Chinese-language outlets: (name zh, name en, host).
pub const ZH_OUTLETS: &[(&str, &str, &str)] = &[
    ("銳報導", "Vigor Media", "vigormedia.tw"),
    ("聯合新聞網", "United Daily News", "udn.com"),
    ("中央社", "Central News Agency", "www.cna.com.tw"),
    ("自由時報", "Liberty Times", "news.ltn.com.tw"),
    ("報導者", "The Reporter", "www.twreporter.org"),
    ("上報", "Up Media", "www.upmedia.mg"),
    (
        "國防安全研究院",
        "Institute for National Defense and Security Research",
        "indsr.org.tw",
    ),
];

/// English-language outlets: (name, host).
pub const EN_OUTLETS: &[(&str, &str)] = &[
    ("The Diplomat", "thediplomat.com"),
    ("Foreign Policy", "foreignpolicy.com"),
    (
        "Carnegie Endowment for International Peace",
        "carnegieendowment.org",
    ),
    ("Eurasianet", "eurasianet.org"),
    ("Radio Free Europe/Radio Liberty", "www.rferl.org"),
    ("Saferworld Briefing", "www.saferworld.org.uk"),
    ("Nikkei Asia", "asia.nikkei.com"),
];
