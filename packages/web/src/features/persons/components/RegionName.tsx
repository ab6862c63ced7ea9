/** A region code shown by its full path name (兰溪市云山街道五一社区), the code while loading. */
import { useRegion } from '@/features/regions/api';

export function RegionName({ code }: { code: string | null | undefined }) {
  const r = useRegion(code ?? undefined);
  if (!code) return <>—</>;
  if (!r.data) return <span title={code}>{code}</span>;
  // County and below: the province and city are implied by the locality.
  const parts = r.data.path.filter((p) => p.code.length >= 6 && !p.code.endsWith('00'));
  if (parts.at(-1)?.code !== code) parts.push({ code, name: r.data.name, level: r.data.level });
  return <span title={code}>{parts.map((p) => p.name).join('')}</span>;
}
