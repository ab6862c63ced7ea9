import { HARDSHIP_TAGS } from '@yiyang/core';
import { Space, Tag } from 'antd';

/** Special-hardship categories as tags (孤寡、独居…), labelled as core names them. */
export function TagList({ tags }: { tags: readonly string[] }) {
  return (
    <Space size={[4, 4]} wrap>
      {tags.map((tag) => (
        <Tag key={tag} color="orange">
          {Object.prototype.hasOwnProperty.call(HARDSHIP_TAGS, tag) ? HARDSHIP_TAGS[tag as keyof typeof HARDSHIP_TAGS] : tag}
        </Tag>
      ))}
    </Space>
  );
}
