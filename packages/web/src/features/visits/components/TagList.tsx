import { Space, Tag } from 'antd';
import { t } from '@/i18n/t';

const KNOWN = ['solitary', 'living_alone', 'empty_nest', 'left_behind', 'disabled', 'severely_disabled', 'family_planning_special', 'economic_hardship', 'very_old'] as const;
type Known = (typeof KNOWN)[number];

/** Special-hardship categories as tags (孤寡、独居…). */
export function TagList({ tags }: { tags: readonly string[] }) {
  return (
    <Space size={[4, 4]} wrap>
      {tags.map((tag) => (
        <Tag key={tag} color="orange">
          {(KNOWN as readonly string[]).includes(tag) ? t(`visits.tags.${tag as Known}`) : tag}
        </Tag>
      ))}
    </Space>
  );
}
