/** The menu entries the signed-in user may use, for pages that link to them (the workbench). */
import { createContext, useContext, type ReactNode } from 'react';
import type { MessageKey } from '@/i18n/t';

export interface NavEntry {
  path: string;
  labelKey: MessageKey;
  icon: ReactNode;
  quickLink?: MessageKey | undefined;
}

export const NavigationContext = createContext<NavEntry[]>([]);

export function useNavEntries(): NavEntry[] {
  return useContext(NavigationContext);
}
