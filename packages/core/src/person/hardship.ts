/**
 * Special-hardship categories (特殊困难老年人) derived from facts — the targets of visiting care
 * (民政部等10部门 2022 guidance; 000 三(二)7; 003 二(二)4; 004 二(二)4) and of many catalogue items.
 * Codes are stable; how each is derived from facts is a locality's policy-pack setting.
 */
export const HARDSHIP_TAGS = {
  solitary: '孤寡',
  living_alone: '独居',
  empty_nest: '空巢',
  left_behind: '留守',
  disabled: '失能',
  severely_disabled: '重残',
  family_planning_special: '计划生育特殊家庭',
  economic_hardship: '经济困难',
  very_old: '高龄',
} as const;
export type HardshipTag = keyof typeof HARDSHIP_TAGS;
export const HARDSHIP_TAG_CODES = Object.keys(HARDSHIP_TAGS) as HardshipTag[];
