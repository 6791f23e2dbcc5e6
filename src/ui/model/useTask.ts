import type { Task } from '../../data/dataset';
import { useAppStore } from '../../state/store';
import { useDatasetInfo } from './useDatasetInfo';

/** The task whose metrics are shown: the running (or last) run's, else the current dataset's. */
export function useTask(): Task {
  const runTask = useAppStore((state) => state.run.task);
  const { info } = useDatasetInfo();
  return runTask ?? info?.task ?? 'classification';
}
