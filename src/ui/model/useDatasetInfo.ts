import { useMemo } from 'react';
import { resolveDatasetInfo, type DatasetInfo } from '../../config/datasets';
import { useAppStore } from '../../state/store';

/** The current dataset as the model sees it, or what must happen before there is one. */
export function useDatasetInfo(): { info: DatasetInfo; problem: null } | { info: null; problem: string } {
  const dataset = useAppStore((state) => state.config.dataset);
  const loaded = useAppStore((state) => state.data.loaded);
  return useMemo(() => {
    const resolved = resolveDatasetInfo(dataset, loaded);
    return resolved.info ? { info: resolved.info, problem: null } : resolved;
  }, [dataset, loaded]);
}
