//! The scale script's 17 queries, shared by `search_scale` and `query_loop`.

/// Short and long words, a phrase, an exclusion, filters and a date-like word.
pub const QUERIES: [&str; 17] = [
    "送清凉",
    "强基工程",
    "许接英",
    "劳模 工匠",
    "工会",
    "新就业形态劳动者",
    "网约车司机",
    "湛江 调研",
    "\"工会驿站\"",
    "培训班 -干部",
    "职工 city:湛江",
    "爱心驿站 户外劳动者",
    "技能竞赛",
    "困难职工",
    "心理健康",
    "2024年",
    "总工会 union:台山市总工会",
];
