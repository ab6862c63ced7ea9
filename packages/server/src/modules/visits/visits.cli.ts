/** `yiyang visits-rebuild --region CODE` and `yiyang visits-daily [--region CODE]`. */
import { parseArgs } from 'node:util';
import { isRegionCode, ROOT_REGION_CODE } from '@yiyang/core';
import type { VisitsService } from './visits.service';

/** Same shape as cli/registry's CliCommand (kept structural to avoid an import cycle). */
interface VisitsCliCommand {
  name: string;
  usage: string;
  summary: string;
  run(ctx: { services: { visits: VisitsService } }, args: string[]): Promise<number>;
}

function region(args: string[], required: boolean): string | null {
  const { values } = parseArgs({ args, options: { region: { type: 'string' } } });
  const r = values.region ?? (required ? undefined : ROOT_REGION_CODE);
  if (!r || !isRegionCode(r)) {
    process.stderr.write('请用 --region 指定区划代码（6、9或12位）\n');
    return null;
  }
  return r;
}

export const visitsCommands: VisitsCliCommand[] = [
  {
    name: 'visits-rebuild',
    usage: 'visits-rebuild --region C',
    summary: '按老年人档案重建探访对象名单（重算探访频次）',
    async run(ctx, args) {
      const r = region(args, true);
      if (!r) return 2;
      const result = await ctx.services.visits.rebuildRoster(r);
      process.stdout.write(`探访名单已重建：新增${result.enrolled}人，移出${result.removed}人，更新${result.updated}人，未变${result.unchanged}人\n`);
      return 0;
    },
  },
  {
    name: 'visits-daily',
    usage: 'visits-daily [--region C]',
    summary: '立即运行每日探访逾期检查（生成逾期预警）',
    async run(ctx, args) {
      const r = region(args, false);
      if (!r) return 2;
      const result = await ctx.services.visits.runDailyCheck(r);
      process.stdout.write(`${result.date}：新增逾期预警${result.raised}条；未处置逾期预警${result.open_overdue_alerts}条，已超处置时限${result.past_deadline}条\n`);
      return 0;
    },
  },
];
