/**
 * Keeps at most `maxPoints` points of a long series for charting: the series
 * is cut into buckets and each bucket keeps its mean (x of the bucket's last
 * point), so noise is smoothed rather than aliased. Short series are returned
 * as they are. The last point is always kept exactly.
 */
export function downsample<T extends object>(points: readonly T[], maxPoints: number, xKey: keyof T, yKeys: readonly (keyof T)[]): T[] {
  if (points.length <= maxPoints) return points.slice();
  const bucket = Math.ceil(points.length / (maxPoints - 1));
  const result: T[] = [];
  for (let start = 0; start < points.length - 1; start += bucket) {
    const end = Math.min(start + bucket, points.length - 1);
    const merged: Record<string, unknown> = { ...(points[end - 1] as Record<string, unknown>) };
    for (const key of yKeys) {
      let sum = 0;
      let n = 0;
      for (let i = start; i < end; i++) {
        const value: unknown = points[i][key];
        if (typeof value === 'number' && Number.isFinite(value)) {
          sum += value;
          n++;
        }
      }
      merged[key as string] = n === 0 ? Number.NaN : sum / n;
    }
    merged[xKey as string] = points[end - 1][xKey];
    result.push(merged as unknown as T);
  }
  result.push(points[points.length - 1]);
  return result;
}
