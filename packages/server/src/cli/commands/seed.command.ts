/**
 * `yiyang seed --region CODE --persons N [--seed S]`: a synthetic elderly population for a region
 * (docs/synthetic-data.md), loaded through the department-import path. The region's divisions
 * are loaded first if needed.
 */
import { parseArgs } from 'node:util';
import { isRegionCode } from '@yiyang/core';
import { systemActor } from '../../platform/actor';
import type { AppContext } from '../../app-context';

export const seedCommand = {
  name: 'seed',
  usage: 'seed --region CODE --persons N',
  summary: '生成合成老年人口（身份证号有效、年龄结构和各类比例依据公开统计），如 seed --region 330781 --persons 1000',
  async run(ctx: AppContext, args: string[]): Promise<number> {
    const { values } = parseArgs({ args, options: { region: { type: 'string' }, persons: { type: 'string' }, seed: { type: 'string' } } });
    const n = Number(values.persons);
    if (!values.region || !isRegionCode(values.region) || !Number.isInteger(n) || n < 1) {
      process.stderr.write('用法：yiyang seed --region 区划代码 --persons 人数 [--seed 随机种子]\n');
      return 2;
    }
    const actor = systemActor('cli', 'cli');
    await ctx.services.regions.load(actor, [values.region.slice(0, 6)]);
    const t0 = Date.now();
    const r = await ctx.services.registry.seedPopulation(actor, {
      region: values.region,
      persons: n,
      ...(values.seed ? { seed: Number(values.seed) } : {}),
      onProgress: (source, x) => process.stdout.write(`${source}: ${JSON.stringify(x)}\n`),
    });
    process.stdout.write(`完成：${n} 人，用时 ${((Date.now() - t0) / 1000).toFixed(1)} 秒；能力等级 ${JSON.stringify(r.capability_grade)}\n`);
    return 0;
  },
};

/**
 * `yiyang refresh-tags --region CODE`: recompute current columns and hardship tags of a region
 * (age-based tags change on birthdays; run daily from cron until the platform has a scheduler).
 */
export const refreshTagsCommand = {
  name: 'refresh-tags',
  usage: 'refresh-tags --region CODE',
  summary: '重新计算特殊困难类别（高龄等随年龄变化，建议每日运行）',
  async run(ctx: AppContext, args: string[]): Promise<number> {
    const { values } = parseArgs({ args, options: { region: { type: 'string' } } });
    if (!values.region || !isRegionCode(values.region)) {
      process.stderr.write('用法：yiyang refresh-tags --region 区划代码\n');
      return 2;
    }
    const n = await ctx.services.registry.recomputeTags(values.region);
    process.stdout.write(`已重新计算 ${n} 人\n`);
    return 0;
  },
};
