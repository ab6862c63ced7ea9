/** A readable diff of two versions: items added / removed / changed (condition, amount…), parameters. */
import { Descriptions, List, Spin, Tag, Typography } from 'antd';
import { useCatalogueDiff } from '../api';
import { t } from '@/i18n/t';

const show = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));

export function DiffView({ from, to }: { from: string; to: string }) {
  const diff = useCatalogueDiff(from, to);
  if (!diff.data) return <Spin />;
  const d = diff.data;
  return (
    <div data-testid="catalogue-diff">
      <Typography.Paragraph strong>{d.summary}</Typography.Paragraph>
      {d.added.length ? <Descriptions size="small" column={1}><Descriptions.Item label={t('catalogue.added')}>{d.added.map((i) => <Tag color="green" key={i.code}>{i.code} {i.name}</Tag>)}</Descriptions.Item></Descriptions> : null}
      {d.removed.length ? <Descriptions size="small" column={1}><Descriptions.Item label={t('catalogue.removed')}>{d.removed.map((i) => <Tag color="red" key={i.code}>{i.code} {i.name}</Tag>)}</Descriptions.Item></Descriptions> : null}
      {d.changed.length ? (
        <List
          size="small"
          header={t('catalogue.changed')}
          dataSource={d.changed}
          renderItem={(c) => (
            <List.Item>
              <div>
                <Typography.Text strong>{c.code} {c.name}</Typography.Text>
                {c.changes.map((x) => (
                  <div key={x.field}>
                    <Tag>{x.field}</Tag>
                    <Typography.Text delete type="secondary">{show(x.before)}</Typography.Text> → <Typography.Text>{show(x.after)}</Typography.Text>
                  </div>
                ))}
              </div>
            </List.Item>
          )}
        />
      ) : null}
      {d.parameters.length ? (
        <List
          size="small"
          header={t('catalogue.parameterChanges')}
          dataSource={d.parameters}
          renderItem={(p) => (
            <List.Item>
              <Typography.Text strong>{p.label}</Typography.Text>：<Typography.Text delete type="secondary">{show(p.before)}</Typography.Text> → {show(p.after)}
            </List.Item>
          )}
        />
      ) : null}
    </div>
  );
}
