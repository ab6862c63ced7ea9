/**
 * The one function that says where programmes and amounts come from: the compiled policy pack in
 * force for the region on the date. Switching to `services.catalogue.compiledFor` is one line.
 */
import { notFound } from '@yiyang/core';
import type { ProgrammeProvider } from './programme-source';

export function programmeProvider(): ProgrammeProvider {
  return async (region, asOf) => {
    throw notFound('CATALOGUE_NOT_FOUND', `区划${region}在${asOf}没有生效的基本养老服务清单`);
  };
}
