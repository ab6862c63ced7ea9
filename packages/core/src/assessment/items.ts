/**
 * GB/T 42195-2022 《老年人能力评估规范》 Annex B 老年人能力评估表: 4 一级指标, 26 二级指标, their
 * options and points (standards.md §1.2). Every item is ability-scored: more points = more capable.
 * Maxima: B.1 32, B.2 15, B.3 28, B.4 15, total 90.
 */

export const DIMENSION_CODES = ['B.1', 'B.2', 'B.3', 'B.4'] as const;
export type DimensionCode = (typeof DIMENSION_CODES)[number];

export interface AssessmentDimension {
  code: DimensionCode;
  name: string;
  max: number;
}

export const DIMENSIONS: readonly AssessmentDimension[] = [
  { code: 'B.1', name: '自理能力', max: 32 },
  { code: 'B.2', name: '基础运动能力', max: 15 },
  { code: 'B.3', name: '精神状态', max: 28 },
  { code: 'B.4', name: '感知觉与社会参与', max: 15 },
];

export const TOTAL_MAX = 90;

export interface AssessmentOption {
  points: number;
  label: string;
}

export interface AssessmentItem {
  code: string;
  dimension: DimensionCode;
  name: string;
  /** What the item measures (the standard's definition, shortened). */
  definition: string;
  /** Highest points first. */
  options: readonly AssessmentOption[];
}

/** The five-step assistance scale shared by many items (标准五级协助程度). */
const ASSISTANCE_SCALE: readonly AssessmentOption[] = [
  { points: 4, label: '独立完成，不需要协助' },
  { points: 3, label: '在他人指导或提示下完成' },
  { points: 2, label: '需要他人协助，但以自身完成为主' },
  { points: 1, label: '主要依靠他人协助，自身能给予配合' },
  { points: 0, label: '完全依赖他人协助，且不能给予配合' },
];

function item(code: string, name: string, definition: string, options: readonly AssessmentOption[] = ASSISTANCE_SCALE): AssessmentItem {
  return { code, dimension: code.slice(0, 3) as DimensionCode, name, definition, options };
}

export const ASSESSMENT_ITEMS: readonly AssessmentItem[] = [
  // ---- B.1 自理能力 (8 items × 4 = 32) ----
  item('B.1.1', '进食', '使用适当的器具将食物送入口中并咽下', [
    { points: 4, label: '独立使用器具将食物送进口中并咽下，没有呛咳' },
    { points: 3, label: '在他人指导或提示下完成，或独立使用辅具，没有呛咳' },
    { points: 2, label: '进食中需要少量接触式协助，偶尔（每月一次及以上）呛咳' },
    { points: 1, label: '在进食中需要大量接触式协助，经常（每周一次及以上）呛咳' },
    { points: 0, label: '完全依赖他人协助进食，或吞咽困难，或留置营养管' },
  ]),
  item('B.1.2', '修饰', '洗脸、刷牙、梳头、刮脸、剪指（趾）甲等'),
  item('B.1.3', '洗澡', '清洗和擦干身体'),
  item('B.1.4', '穿/脱上衣', '穿/脱上身衣服、系扣、拉拉链等'),
  item('B.1.5', '穿/脱裤子和鞋袜', '穿/脱裤子、鞋袜等'),
  item('B.1.6', '小便控制', '控制和排出尿液的能力', [
    { points: 4, label: '可自行控制排尿，排尿次数、排尿控制均正常' },
    { points: 3, label: '白天可自行控制排尿次数，夜间出现排尿次数增多、排尿控制较差，或自行使用尿布、尿垫等辅助用物' },
    { points: 2, label: '白天大部分时间可自行控制排尿，偶出现（每天<1次，但每周>1次）尿失禁，夜间控制排尿较差，或他人少量协助使用尿布、尿垫等辅助用物' },
    { points: 1, label: '白天大部分时间不能控制排尿（每天≥1次，但尚非完全失控），夜间出现尿失禁，或他人大量协助使用尿布、尿垫等辅助用物' },
    { points: 0, label: '小便失禁，完全不能控制排尿，或留置导尿管' },
  ]),
  item('B.1.7', '大便控制', '控制和排出粪便的能力', [
    { points: 4, label: '可正常自行控制大便排出' },
    // standards.md §1.2 [D]: sources word the frequency of option 3 differently; points are unaffected.
    { points: 3, label: '有时出现（每周<1次）便秘或大便失禁，或自行使用开塞露、尿垫等辅助用物' },
    { points: 2, label: '经常出现（每天<1次，但每周>1次）便秘或大便失禁，或他人少量协助使用开塞露、尿垫等辅助用物' },
    { points: 1, label: '大部分时间均出现（每天≥1次）便秘或大便失禁，但尚非完全失控，或他人大量协助使用开塞露、尿垫等辅助用物' },
    { points: 0, label: '严重便秘或者完全大便失禁，需要依赖他人协助排便或清洁皮肤' },
  ]),
  item('B.1.8', '如厕', '上厕所排泄大小便，并清洁身体（含排泄前解开裤子、排泄后清洁身体、穿上裤子）'),

  // ---- B.2 基础运动能力 (3 × 4 + 3 = 15) ----
  item('B.2.1', '床上体位转移', '卧床翻身及坐起躺下'),
  item('B.2.2', '床椅转移', '从坐位到站位，再从站位到坐位的转换过程'),
  item('B.2.3', '平地行走', '双脚交互的方式在地面行动（包括他人辅助和使用辅助工具的步行）', [
    { points: 4, label: '独立平地步行50米左右，不需要协助，无摔倒风险' },
    { points: 3, label: '能平地步行50米左右，存在摔倒风险，需要他人监护或指导，或使用拐杖、助行器等辅助工具' },
    { points: 2, label: '在步行时需要他人少量扶持协助' },
    { points: 1, label: '在步行时需要他人大量扶持协助' },
    { points: 0, label: '完全不能步行' },
  ]),
  item('B.2.4', '上下楼梯', '双脚交替完成楼梯台阶连续的上下移动（连续上下10～15个台阶）', [
    { points: 3, label: '可独立上下楼梯，不需要协助' },
    { points: 2, label: '在他人指导或提示下完成' },
    { points: 1, label: '需要他人协助，但以自身完成为主' },
    { points: 0, label: '主要依靠他人协助，自身能给予配合；或完全依赖他人协助，且不能给予配合' },
  ]),

  // ---- B.3 精神状态 (6 × 4 + 1 + 1 + 2 = 28) ----
  item('B.3.1', '时间定向', '知道并确认时间的能力', [
    { points: 4, label: '时间观念（年、月）清楚，日期（或星期几）可相差一天' },
    { points: 3, label: '时间观念有些下降，年、月、日（或星期几）不能全部分清（相差两天或以上）' },
    { points: 2, label: '时间观念较差，年、月、日不清楚，可知上半年或下半年或季节' },
    { points: 1, label: '时间观念很差，年、月、日不清楚，可知上午、下午或白天、夜间' },
    { points: 0, label: '无时间观念' },
  ]),
  item('B.3.2', '空间定向', '知道并确认空间的能力', [
    { points: 4, label: '能在日常生活范围内单独外出，如在日常居住小区内独自外出购物等' },
    { points: 3, label: '不能单独外出，但能准确知道自己日常生活所在地的地址信息' },
    { points: 2, label: '不能单独外出，但知道较多有关自己日常生活的地址信息' },
    { points: 1, label: '不能单独外出，但知道较少自己居住或生活所在地的地址信息' },
    { points: 0, label: '不能单独外出，无空间观念' },
  ]),
  item('B.3.3', '人物定向', '知道并确认人物的能力', [
    { points: 4, label: '认识长期共同一起生活的人，能称呼并知道关系' },
    { points: 3, label: '能认识大部分共同生活居住的人，能称呼或知道关系' },
    { points: 2, label: '能认识部分日常同住的亲人或照护者等，能称呼或知道关系等' },
    { points: 1, label: '只认识自己或极少数日常同住的亲人或照护者等' },
    { points: 0, label: '不认识任何人（包括自己）' },
  ]),
  item('B.3.4', '记忆', '短时、近期和远期记忆能力', [
    { points: 4, label: '总是能保持与社会、年龄所适应的记忆能力，能完整地回忆' },
    { points: 3, label: '出现轻度的记忆紊乱或回忆不能（不能回忆即时信息，3个词语经过5分钟后仅能回忆0～1个）' },
    { points: 2, label: '出现中度的记忆紊乱或回忆不能（不能回忆近期记忆，不记得上一顿饭吃了什么）' },
    { points: 1, label: '出现重度的记忆紊乱或回忆不能（不能回忆远期记忆，不记得自己的老朋友）' },
    { points: 0, label: '记忆完全紊乱或者完全不能对既往事物进行正确的回忆' },
  ]),
  item('B.3.5', '理解能力', '理解语言信息和非语言信息的能力（可借助平时使用的助听设备等）', [
    { points: 4, label: '能正常理解他人的话' },
    { points: 3, label: '能理解他人的话，但需要增加时间' },
    { points: 2, label: '理解有困难，需频繁重复或简化口头表达' },
    { points: 1, label: '理解有严重困难，需要大量他人帮助' },
    { points: 0, label: '完全不能理解他人的话' },
  ]),
  item('B.3.6', '表达能力', '表达信息的能力，包括口头的和非口头的', [
    { points: 4, label: '能正常表达自己的想法' },
    { points: 3, label: '能表达自己的需要，但需要增加时间' },
    { points: 2, label: '表达需要有困难，需频繁重复或简化口头表达' },
    { points: 1, label: '表达有严重困难，需要大量他人帮助' },
    { points: 0, label: '完全不能表达需要' },
  ]),
  item('B.3.7', '攻击行为', '身体攻击行为（如打、踢、推、咬、抓、摔东西）和语言攻击行为（如骂人、语言威胁、尖叫）', [
    { points: 1, label: '未出现' },
    { points: 0, label: '近一个月内出现过攻击行为' },
  ]),
  item('B.3.8', '抑郁症状', '存在情绪低落、兴趣减退、活力减退等症状，甚至出现妄想、幻觉、自杀念头或自杀行为', [
    { points: 1, label: '未出现' },
    { points: 0, label: '近一个月内出现过负性情绪' },
  ]),
  item('B.3.9', '意识水平', '机体对自身和周围环境的刺激做出应答反应的能力程度，包括清醒和持续的觉醒状态', [
    { points: 2, label: '神志清醒，对周围环境能做出正确反应' },
    { points: 1, label: '嗜睡（呼唤或推动肢体可唤醒，能正确交谈或执行指令，停止刺激后又入睡），或意识模糊（注意力涣散，时间空间定向障碍，理解迟钝）' },
    // Coma (昏迷) also scores 0 here; only coma, recorded as A.5.11, changes the grade (C.4).
    { points: 0, label: '昏睡（强烈刺激可短暂清醒，刺激减弱后很快入睡），或昏迷（意识丧失，对一般刺激全无反应）' },
  ]),

  // ---- B.4 感知觉与社会参与 (2 + 2 + 4 + 3 + 4 = 15) ----
  item('B.4.1', '视力', '感受光线并感受物体大小、形状的能力（在个体的最好矫正视力下评估）', [
    { points: 2, label: '视力正常' },
    { points: 1, label: '能看清楚大字体，但看不清书报上的标准字体；或视力有限，看不清报纸大标题，但能辨认物体' },
    { points: 0, label: '只能看到光、颜色和形状；或完全失明' },
  ]),
  item('B.4.2', '听力', '辨别声音的方位、音调、音量和音质的能力（可借助平时使用的助听设备等）', [
    { points: 2, label: '听力正常' },
    { points: 1, label: '在轻声说话或说话距离超过2米时听不清；或正常交流有些困难，需在安静的环境或大声说话才能听到' },
    { points: 0, label: '讲话者大声说话或说话很慢，才能部分听见；或完全失聪' },
  ]),
  item('B.4.3', '执行日常事务', '计划、安排并完成日常事务，包括但不限于洗衣服、小金额购物、服药管理', [
    { points: 4, label: '能完全独立计划、安排和完成日常事务，无需协助' },
    { points: 3, label: '在计划、安排和完成日常事务时需要他人监护或指导' },
    { points: 2, label: '在计划、安排和完成日常事务时需要少量协助' },
    { points: 1, label: '在计划、安排和完成日常事务时需要大量协助' },
    { points: 0, label: '完全依赖他人进行日常事务' },
  ]),
  item('B.4.4', '使用交通工具外出', '使用交通工具外出的能力', [
    { points: 3, label: '能自己骑车或搭乘公共交通工具外出' },
    { points: 2, label: '能自己搭乘出租车，但不会搭乘其他公共交通工具外出' },
    { points: 1, label: '当有人协助或陪伴，可搭乘公共交通工具外出' },
    { points: 0, label: '只能在他人协助下搭乘出租车或私家车外出；或完全不能出门，或外出完全需要协助' },
  ]),
  item('B.4.5', '社会交往能力', '与他人交往、参与社会的能力', [
    { points: 4, label: '参与社会，在社会环境有一定的适应能力，待人接物恰当' },
    { points: 3, label: '能适应单纯环境，主动接触他人，初见面时难让人发现智力问题，不能理解隐喻语' },
    { points: 2, label: '脱离社会，可被动接触，不会主动待人，谈话中很多不适词句，容易上当受骗' },
    { points: 1, label: '勉强可与他人接触，谈吐内容不清楚，表情不恰当' },
    { points: 0, label: '不能与人交往' },
  ]),
];

export const ITEM_CODES: readonly string[] = ASSESSMENT_ITEMS.map((i) => i.code);

const BY_CODE = new Map(ASSESSMENT_ITEMS.map((i) => [i.code, i]));

export function findItem(code: string): AssessmentItem | undefined {
  return BY_CODE.get(code);
}

export function isItemCode(code: string): boolean {
  return BY_CODE.has(code);
}

export function itemMax(it: AssessmentItem): number {
  return it.options[0]!.points;
}

export function dimensionOf(code: DimensionCode): AssessmentDimension {
  return DIMENSIONS.find((d) => d.code === code)!;
}
