import type { Source } from '../../sources/domain/source';

/**
 * The registered sources, as a hook needs them: the sources feature's store answers (wired in
 * `netbox-hooks.module.ts`), so the hub never reaches into another feature's SQL.
 */
export abstract class HookSources {
  abstract findByName(name: string): Promise<Source | undefined>;
}
