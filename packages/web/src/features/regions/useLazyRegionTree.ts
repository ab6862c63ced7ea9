/**
 * State of a lazily loaded region tree: the scope roots from GET /regions, children fetched on
 * expand from GET /regions?parent=. It shows exactly what the API returns, so a street user
 * gets their street as the only root.
 */
import type { Region } from '@yiyang/core';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useRegionChildren, useRegionChildrenLoader } from './api';

export interface RegionTreeNode {
  key: string;
  value: string;
  title: string;
  isLeaf: boolean;
  region: Region;
  depth: number;
  children?: RegionTreeNode[];
}

export function useLazyRegionTree(opts: { expandSingleRoot?: boolean } = {}) {
  const roots = useRegionChildren(undefined);
  const loadChildren = useRegionChildrenLoader();
  const [children, setChildren] = useState<Record<string, Region[]>>({});
  const [expandedKeys, setExpandedKeys] = useState<string[]>([]);

  const loadData = useCallback(
    async (code: string) => {
      if (children[code]) return;
      const items = await loadChildren(code);
      setChildren((prev) => ({ ...prev, [code]: items }));
    },
    [children, loadChildren],
  );

  // A single scope root (a county or street user) is opened at once: its children are what they work with.
  const rootItems = roots.data;
  useEffect(() => {
    if (!opts.expandSingleRoot || !rootItems || rootItems.length !== 1) return;
    const only = rootItems[0]!;
    if (!only.has_children) return;
    let cancelled = false;
    void loadChildren(only.code).then((items) => {
      if (cancelled) return;
      setChildren((prev) => ({ ...prev, [only.code]: items }));
      setExpandedKeys((prev) => (prev.includes(only.code) ? prev : [...prev, only.code]));
    });
    return () => {
      cancelled = true;
    };
  }, [rootItems, opts.expandSingleRoot, loadChildren]);

  const treeData = useMemo(() => {
    const toNode = (r: Region, depth: number): RegionTreeNode => {
      const kids = children[r.code];
      return {
        key: r.code,
        value: r.code,
        title: r.name,
        isLeaf: !r.has_children,
        region: r,
        depth,
        ...(kids ? { children: kids.map((k) => toNode(k, depth + 1)) } : {}),
      };
    };
    return (rootItems ?? []).map((r) => toNode(r, 0));
  }, [rootItems, children]);

  const findRegion = useCallback(
    (code: string): Region | undefined => {
      const fromRoots = rootItems?.find((r) => r.code === code);
      if (fromRoots) return fromRoots;
      for (const list of Object.values(children)) {
        const hit = list.find((r) => r.code === code);
        if (hit) return hit;
      }
      return undefined;
    },
    [rootItems, children],
  );

  return {
    treeData,
    loadData,
    expandedKeys,
    setExpandedKeys,
    findRegion,
    isLoading: roots.isLoading,
    error: roots.error,
  };
}
