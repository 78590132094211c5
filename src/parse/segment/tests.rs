//! Tests of the segmenter: paragraph ends in columns and the paragraph layout, the column
//! read from the body, bylines cut by the edge.

use super::*;

fn seg(text: &str) -> Cut {
    cut(&lines::classify(text))
}

fn paragraphs(text: &str, article: usize) -> Vec<String> {
    let s = seg(text);
    s.drafts[article].paragraphs.clone()
}

#[test]
fn a_sentence_at_the_edge_of_a_wide_column_goes_on() {
    // A column of 30 characters (60 cells, the width of a paragraph line): the sentence
    // that ends at the column's edge goes on in the next full line.
    let page = "本报讯 近日，某市总工会在市工人文化宫举办全市职工技能大赛，\n\
                来自全市各行业的三百余名一线职工报名参加电工焊工钳工项目比赛。\n\
                竞赛现场气氛热烈，选手沉着应战，比拼技艺，展示了新时代产业工人\n\
                的风采。\n";
    assert_eq!(paragraphs(page, 0).len(), 1, "{:?}", paragraphs(page, 0));
}

#[test]
fn the_column_is_read_from_the_body_not_the_headings_after_it() {
    // The sentence ends 3 cells short of the 38-cell column: the paragraph ends there.
    // The next article's two short heading lines must not narrow the column.
    let page = "本报讯 近日，某县总工会在县城开展“送\n\
                温暖”活动，为全县三百名困难职工和一线环\n\
                卫工人送去慰问金、大米、食用油和年货。\n\
                活动现场，县总工会负责人与职工亲切\n\
                交谈，了解他们的生活情况。\n\
                博罗县总工会\n\
                开展春风行动\n\
                本报讯 近日，某区总工会举办职工书法作品展。\n";
    let p = paragraphs(page, 0);
    assert_eq!(p.len(), 2, "{p:?}");
    assert!(p[1].starts_with("活动现场"), "{p:?}");
}

#[test]
fn a_last_paragraph_ending_at_the_edge_before_a_heading_is_body() {
    // The last line is full and ends a sentence; the heading after it is as wide as the
    // column. The paragraph is body, the heading is not.
    let page = "本报讯 1月22日，某市总工会举办\n\
                全市各级工会干部业务培训班，来自\n\
                各区总工会的120余名干部参加培训。\n\
                本次培训内容包括工会财务管理、\n\
                劳动法律监督和集体协商等多个方面。\n\
                某区多家企业工会开展职工趣味运动会\n\
                本报讯 1月24日，某区多家企业工会组织职工开展趣味运动会。\n";
    let s = seg(page);
    let p = &s.drafts[0].paragraphs;
    assert_eq!(p.len(), 2, "{p:?}");
    assert!(p[1].ends_with("多个方面。"), "{p:?}");
    assert_eq!(s.runs[1].units.len(), 1);
}

#[test]
fn a_first_line_is_full_at_its_column_less_the_indent() {
    // 长跑… is a paragraph's first line and ends a sentence at its edge (the column less
    // the dropped indent): the paragraph goes on into the next line.
    let page = "本报讯（记者周某）1月12日，某区总工会在香雪\n\
                公园举办职工冬季长跑活动，来自辖区企事业单位的\n\
                900余名职工参加。\n\
                长跑全程6公里，沿途设置了补给站和医疗服务点。\n\
                区总工会还为完赛职工准备了纪念奖牌。\n";
    let p = paragraphs(page, 0);
    assert_eq!(p.len(), 2, "{p:?}");
}

#[test]
fn a_paragraph_stopping_at_a_comma_is_text() {
    let page = "本报讯 12月10日，某市总工会在宁新街道举\n\
                办职工集体婚礼，来自全市机关、企事业单位的\n\
                28对新人喜结连理。\n\
                婚礼以“劳动者之恋”为主题，\n\
                倡导婚事新办、简办。市总工会负责人为新\n\
                人送上祝福，并颁发纪念证书。\n";
    let p = paragraphs(page, 0);
    assert_eq!(p.len(), 3, "{p:?}");
    assert_eq!(p[1], "婚礼以“劳动者之恋”为主题，");
}

/// Paragraphs set in a column `width` characters wide, as a page with one heading.
fn column_page(paragraphs: &[&str], width: usize) -> String {
    let mut page = String::from("某区总工会召开工作推进会\n");
    for p in paragraphs {
        for l in crate::press::set_column(p, width) {
            page.push_str(&l);
            page.push('\n');
        }
    }
    page
}

#[test]
fn a_line_short_by_an_indent_before_a_full_line_opens_a_paragraph() {
    // `会议强调…担当。` is short of the column by an indent and the full line after it
    // goes on its paragraph: it is a first line, so the sentence before it, ending at the
    // column's edge, ends its paragraph.
    let ps = [
        "本报讯 近日，某区总工会召开全区工会工作推进会，各街道工会负责人参加会议。",
        "会议通报了今年以来区工会开展工作的情况和存在的问题，并就推进全区工会各项工作落实提出具体要求。",
        "会议强调，要提高认识，强化担当。各级工会要切实增强责任感和使命感，主动作为，确保各项任务按时完成。",
    ];
    let page = column_page(&ps, 16);
    assert!(
        page.contains("\n全区工会各项工作落实提出具体要求。\n会议强调，要提高认识，强化担当。\n"),
        "{page}"
    );
    assert_eq!(paragraphs(&page, 0), ps, "{page}");
}

#[test]
fn a_paragraph_of_one_full_first_line_ending_at_a_comma_ends_there() {
    // `活动现场…展示板，` fills a first line; the next line is short by an indent and
    // goes on into a full line: it opens a paragraph.
    let ps = [
        "本报讯 近日，某街道总工会在党群服务中心开展新就业形态劳动者集中入会活动。",
        "活动现场设置了入会流程展示板，",
        "工会工作人员详细介绍了网上入会的操作流程，大家现场扫码完成会员认证，并领取了入会礼包。",
    ];
    let page = column_page(&ps, 16);
    assert!(
        page.contains("\n活动现场设置了入会流程展示板，\n"),
        "{page}"
    );
    assert_eq!(paragraphs(&page, 0), ps, "{page}");
}

#[test]
fn a_line_whose_closing_punctuation_fits_the_column_is_full() {
    // `…的“品牌”。` stops one cell short of the edge with its punctuation inside the
    // column: no ideograph fits there, the line is full and the paragraph goes on.
    let ps = [
        "本报讯 近日，某市总工会召开劳模工匠志愿服务工作座谈会，总结工作并部署下一步任务。",
        "会议要求，把志愿服务工作建设成先模群体服务职工的“窗口”、全面搭建成先模群体实现崇高价值追求的“舞台”、打造成全市各级先模群体示范引领的“品牌”。要高度重视、严密组织志愿服务活动，进一步推动志愿服务工作广泛深入开展。",
    ];
    let page = column_page(&ps, 18);
    assert!(
        page.contains("\n成全市各级先模群体示范引领的“品牌”。\n"),
        "{page}"
    );
    assert_eq!(paragraphs(&page, 0), ps, "{page}");
}

#[test]
fn a_short_line_is_a_paragraph_in_the_paragraph_layout() {
    // (A lead's short line that stops at a comma goes on: see
    // `the_lead_paragraph_never_ends_at_a_comma`.)
    let page = "本报讯 11月5日至7日，某区总工会举办技能竞赛。\n\
                某区总工会联合区人社部门举办首届新就业形态劳动者技能竞赛，外卖配送员、快递员和网约车司机等120余名选手参赛。\n\
                竞赛设置理论知识、安全驾驶和应急处置三个环节，题目紧扣配送行业日常工作，15名选手获评“技能之星”。\n";
    let p = paragraphs(page, 0);
    assert_eq!(p.len(), 3, "{p:?}");
    assert_eq!(p[0], "本报讯 11月5日至7日，某区总工会举办技能竞赛。");
}

#[test]
fn a_space_where_a_byline_is_cut_stays_between_its_names() {
    let page = "本报讯 近日，某县总工会组织劳模工匠走进校园，为学生讲述劳动故事。\n\
                省劳动模范结合自身经历，鼓励同学们从小热爱劳动。 （凌艳 \n\
                钟伟强）\n";
    let s = seg(page);
    assert_eq!(s.drafts[0].byline.as_deref(), Some("凌艳 钟伟强"));
}

#[test]
fn a_last_line_ending_in_a_cut_byline_ends_its_sentence() {
    // `…奖牌。(` / `黄埔工）`: the short last line ends a sentence before its bracket, so the
    // full line before it, ending a sentence at the edge of a first line, goes on into it.
    let lead = "本报讯 近日，某区总工会在公园举办职工冬季长跑活动，近千名职工参加。";
    let last = "长跑全程6公里，沿途设置了补给站和医疗服务点。区总工会还为完赛职工准备了纪念奖牌。";
    let mut page = column_page(&[lead, last], 23);
    assert!(page.ends_with("\n长跑全程6公里，沿途设置了补给站和医疗服务点。\n区总工会还为完赛职工准备了纪念奖牌。\n"), "{page}");
    page.pop();
    page.push_str("(\n黄埔工）\n");
    let s = seg(&page);
    assert_eq!(s.drafts[0].paragraphs, [lead, last], "{page}");
    assert_eq!(s.drafts[0].byline.as_deref(), Some("黄埔工"));
}

#[test]
fn no_lead_keeps_everything_unplaced() {
    let s = seg("标题一\n标题二\n");
    assert!(s.drafts.is_empty());
    assert_eq!(s.unplaced.len(), 2);
}

#[test]
fn a_letter_spaced_byline_closes_up_but_names_keep_their_space() {
    assert_eq!(lines::normalize_byline(" 云 安 工 "), "云安工");
    assert_eq!(lines::normalize_byline("魏红婷  汪颖"), "魏红婷 汪颖");
    assert_eq!(lines::normalize_byline("三水工"), "三水工");
}

#[test]
fn a_caption_between_a_cut_bylines_two_lines_is_read_and_the_byline_whole() {
    let page =
        "本报讯 日前，某区总工会举办职工摄影作品展，展出全区职工拍摄的优秀作品一百二十幅。\n\
                摄影展将持续展出至本月底。(清城\n\
                ■职工在摄影展现场驻足欣赏作品。 单位供图\n\
                工)\n";
    let s = seg(page);
    assert_eq!(s.drafts[0].byline.as_deref(), Some("清城工"));
    assert_eq!(s.drafts[0].captions.len(), 1);
    assert_eq!(s.drafts[0].captions[0].credit.as_deref(), Some("单位供图"));
    assert_eq!(
        s.drafts[0].paragraphs.len(),
        2,
        "{:?}",
        s.drafts[0].paragraphs
    );
}

#[test]
fn a_page_typed_without_indents_keeps_its_paragraphs() {
    // The lead's first line is the widest, no indent dropped: the column is what the other
    // lines show, and the second paragraph is body, not heading lines.
    let page = "本报讯（记者张三 通讯员李四）12月1日，\n\
                惠州市惠城区总工会在江北街道\n\
                开展新就业形态劳动者关爱活动，为\n\
                外卖骑手、快递小哥等200余名新就\n\
                业形态劳动者送上御寒物资。\n\
                活动现场，区总工会工作人员向劳\n\
                动者介绍了工会入会流程和维权服\n\
                务热线。（惠城工）\n";
    let s = seg(page);
    assert_eq!(
        s.drafts[0].paragraphs.len(),
        2,
        "{:?}",
        s.drafts[0].paragraphs
    );
    assert_eq!(s.drafts[0].byline.as_deref(), Some("惠城工"));
}

#[test]
fn the_lead_paragraph_never_ends_at_a_comma() {
    // In a column, and in the paragraph layout (a line a paragraph) as well.
    let page = "本报讯 11月5日至7日，\n\
                某区总工会联合区人社部门举办首届新就业形态劳动者技能竞赛，外卖配送员、快递员和网约车司机等120余名选手参赛。\n\
                竞赛设置理论知识、安全驾驶和应急处置三个环节，题目紧扣配送行业日常工作，15名选手获评“技能之星”。\n";
    let p = paragraphs(page, 0);
    assert_eq!(p.len(), 2, "{p:?}");
    let page = "本报讯 12月1日，\n\
                惠州市惠城区总工会在江北街道\n\
                开展新就业形态劳动者关爱活动，为\n\
                外卖骑手、快递小哥等200余名新就\n\
                业形态劳动者送上御寒物资。\n";
    let p = paragraphs(page, 0);
    assert_eq!(p.len(), 1, "{p:?}");
}
