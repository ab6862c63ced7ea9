/** A tiny typed translation helper: `t('users.create')`, `t('common.total', { total: 3 })`. */
import { zhCN, type Messages } from './zh-CN';

type Leaves<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Leaves<T[K], `${P}${K}.`>;
}[keyof T & string];

/** Every dotted key of the dictionary, checked at compile time. */
export type MessageKey = Leaves<Messages>;

/** Sections whose keys are server codes, read with `lookup()`. */
export type LookupSection = 'errors' | 'auditActions' | 'entityTypes' | 'permissionGroups';

type Params = Record<string, string | number>;

function interpolate(text: string, params?: Params): string {
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

function resolve(key: string): string | undefined {
  let node: unknown = zhCN;
  for (const part of key.split('.')) {
    if (node === null || typeof node !== 'object' || !(part in node)) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string' ? node : undefined;
}

export function t(key: MessageKey, params?: Params): string {
  const text = resolve(key);
  // A missing key is a programming error the type check prevents; show the key rather than nothing.
  return text === undefined ? key : interpolate(text, params);
}

/** Text for a code coming from the server (an error code, an audit action…), or undefined. */
export function lookup(section: LookupSection, code: string, params?: Params): string | undefined {
  const dict = zhCN[section] as Record<string, string>;
  const text = Object.prototype.hasOwnProperty.call(dict, code) ? dict[code] : undefined;
  return text === undefined ? undefined : interpolate(text, params);
}
